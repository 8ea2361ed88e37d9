internal import COpenSSL
internal import Foundation

/// A throwaway certificate authority made at run time, for TLS tests against the fake gateway or your own server.
///
/// Keys are EC P-256, certificates X.509 v3 signed with SHA-256 and valid from one day ago for ten years. Trust
/// the CA in a client with `TLSConfiguration(additionalTrustRootsFile: try ca.writeCertificate(to: directory))`.
///
/// ```swift
/// let ca = try TestCertificateAuthority()
/// let directory = try TestCertificateAuthority.makeTemporaryDirectory()
/// let server = try ca.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
/// let (certificateFile, privateKeyFile) = try server.write(to: directory)
/// ```
///
/// **Threading:** an immutable value (PEM strings only); safe to share between threads.
public struct TestCertificateAuthority: Sendable {
    /// The CA certificate, PEM encoded.
    public let certificatePEM: String
    /// The CA private key (PKCS #8), PEM encoded; used to sign server certificates.
    private let privateKeyPEM: String

    /// A failure while generating or writing test certificates.
    public enum Error: Swift.Error, CustomStringConvertible {
        /// An OpenSSL call failed; `errorQueue` holds OpenSSL's explanation.
        case openSSLFailed(operation: String, errorQueue: [String])
        /// A DNS name or IP address could not go into a subjectAltName.
        case invalidSubjectAlternativeName(String)
        /// A server certificate needs at least one DNS name or IP address.
        case missingSubjectAlternativeNames

        /// Plain words for test failure output.
        public var description: String {
            switch self {
            case .openSSLFailed(let operation, let errorQueue):
                return "\(operation) failed" + (errorQueue.isEmpty ? "" : ": " + errorQueue.joined(separator: "; "))
            case .invalidSubjectAlternativeName(let name):
                return "invalid subjectAltName entry \"\(name)\""
            case .missingSubjectAlternativeNames:
                return "a server certificate needs at least one DNS name or IP address"
            }
        }
    }

    /// Generates a new CA key and self-signed CA certificate (basicConstraints CA:TRUE).
    ///
    /// - Parameter commonName: the CA's subject and issuer common name.
    /// - Throws: ``Error`` when OpenSSL fails.
    public init(commonName: String = "swift-discord-gateway test CA") throws {
        let key = try CertificateBuilder.makeKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try CertificateBuilder.makeCertificate(
            commonName: commonName,
            publicKey: key,
            issuer: nil,
            signingKey: key,
            extensions: [
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
            ]
        )
        defer { X509_free(certificate) }
        self.certificatePEM = try CertificateBuilder.pem(certificate: certificate)
        self.privateKeyPEM = try CertificateBuilder.pem(privateKey: key)
    }

    /// Issues a server certificate for the given names, signed by this CA.
    ///
    /// - Parameters:
    ///   - dnsNames: subjectAltName DNS entries, e.g. `["localhost"]`; the first is also the common name.
    ///   - ipAddresses: subjectAltName IP entries, e.g. `["127.0.0.1", "::1"]`.
    /// - Returns: the leaf certificate and its new private key.
    /// - Throws: ``Error`` for empty or malformed names, or when OpenSSL fails.
    public func makeServerCertificate(dnsNames: [String], ipAddresses: [String]) throws -> TestServerCertificate {
        guard let commonName = dnsNames.first ?? ipAddresses.first else {
            throw Error.missingSubjectAlternativeNames
        }
        var entries: [String] = []
        for name in dnsNames {
            guard !name.isEmpty, !name.contains(where: { $0 == "," || $0 == ":" || $0.isWhitespace }) else {
                throw Error.invalidSubjectAlternativeName(name)
            }
            entries.append("DNS:" + name)
        }
        for address in ipAddresses {
            guard !address.isEmpty, !address.contains(where: { $0 == "," || $0.isWhitespace }) else {
                throw Error.invalidSubjectAlternativeName(address)
            }
            entries.append("IP:" + address)
        }
        let caCertificate = try CertificateBuilder.readCertificate(certificatePEM)
        defer { X509_free(caCertificate) }
        let caKey = try CertificateBuilder.readPrivateKey(privateKeyPEM)
        defer { EVP_PKEY_free(caKey) }
        let key = try CertificateBuilder.makeKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try CertificateBuilder.makeCertificate(
            commonName: commonName,
            publicKey: key,
            issuer: caCertificate,
            signingKey: caKey,
            extensions: [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, "critical,digitalSignature"),
                (NID_ext_key_usage, "serverAuth"),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
                (NID_subject_alt_name, entries.joined(separator: ",")),
            ]
        )
        defer { X509_free(certificate) }
        return TestServerCertificate(
            certificatePEM: try CertificateBuilder.pem(certificate: certificate),
            privateKeyPEM: try CertificateBuilder.pem(privateKey: key)
        )
    }

    /// Writes the CA certificate as `ca.pem` into `directory`.
    ///
    /// - Parameter directory: an existing directory, e.g. from ``makeTemporaryDirectory()``.
    /// - Returns: the path of the written file, for ``TLSConfiguration/additionalTrustRootsFile``.
    /// - Throws: the file system error when writing fails.
    public func writeCertificate(to directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("ca.pem")
        try certificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Creates a fresh, uniquely named directory under the system temporary directory.
    ///
    /// - Returns: its path; the caller removes it when done.
    /// - Throws: the file system error when creation fails.
    public static func makeTemporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("discord-gateway-tls-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

/// A server certificate and private key issued by a ``TestCertificateAuthority``.
///
/// **Threading:** an immutable value; safe to share between threads.
public struct TestServerCertificate: Sendable {
    /// The leaf certificate, PEM encoded.
    public let certificatePEM: String
    /// The leaf's private key (PKCS #8), PEM encoded.
    public let privateKeyPEM: String

    /// Writes `server.pem` and `server.key` into `directory`.
    ///
    /// - Parameter directory: an existing directory.
    /// - Returns: the two paths, ready for `TLSContext.makeServer(certificateChainFile:privateKeyFile:)`.
    /// - Throws: the file system error when writing fails.
    public func write(to directory: String) throws -> (certificateFile: String, privateKeyFile: String) {
        let certificateFile = (directory as NSString).appendingPathComponent("server.pem")
        let privateKeyFile = (directory as NSString).appendingPathComponent("server.key")
        try certificatePEM.write(toFile: certificateFile, atomically: true, encoding: .utf8)
        try privateKeyPEM.write(toFile: privateKeyFile, atomically: true, encoding: .utf8)
        return (certificateFile, privateKeyFile)
    }
}

/// OpenSSL plumbing for ``TestCertificateAuthority``; every returned pointer is owned by the caller.
private enum CertificateBuilder {
    /// Seconds in a day, for validity offsets.
    static let day = 86_400

    /// Builds an ``TestCertificateAuthority/Error`` for `operation`, draining this thread's OpenSSL error queue.
    static func failure(_ operation: String) -> TestCertificateAuthority.Error {
        var lines: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer -> String in
                guard let base = buffer.baseAddress else { return "error \(code)" }
                ERR_error_string_n(code, base, buffer.count)
                return String(cString: base)
            }
            lines.append(text)
        }
        return .openSSLFailed(operation: operation, errorQueue: lines)
    }

    /// Generates an EC P-256 key pair (`EVP_PKEY *`).
    static func makeKey() throws(TestCertificateAuthority.Error) -> OpaquePointer {
        ERR_clear_error()
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw failure("EVP_PKEY_CTX_new_from_name")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw failure("EVP_PKEY_keygen_init") }
        guard EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else { throw failure("EVP_PKEY_CTX_set_group_name") }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw failure("EVP_PKEY_generate") }
        return key
    }

    /// Creates and signs an X.509 v3 certificate (`X509 *`); self-signed when `issuer` is `nil`.
    static func makeCertificate(
        commonName: String,
        publicKey: OpaquePointer,
        issuer: OpaquePointer?,
        signingKey: OpaquePointer,
        extensions: [(nid: Int32, value: String)]
    ) throws(TestCertificateAuthority.Error) -> OpaquePointer {
        ERR_clear_error()
        guard let certificate = X509_new() else { throw failure("X509_new") }
        do throws(TestCertificateAuthority.Error) {
            guard X509_set_version(certificate, 2) == 1 else { throw failure("X509_set_version") }
            var serial: UInt64 = 0
            guard withUnsafeMutableBytes(of: &serial, { RAND_bytes($0.baseAddress, Int32($0.count)) }) == 1 else {
                throw failure("RAND_bytes")
            }
            guard ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate), serial >> 1) == 1 else {
                throw failure("ASN1_INTEGER_set_uint64")
            }
            guard X509_gmtime_adj(X509_getm_notBefore(certificate), -day) != nil,
                X509_gmtime_adj(X509_getm_notAfter(certificate), 10 * 365 * day) != nil
            else { throw failure("X509_gmtime_adj") }
            guard let name = X509_NAME_new() else { throw failure("X509_NAME_new") }
            defer { X509_NAME_free(name) }
            let added = Array(commonName.utf8).withUnsafeBufferPointer { bytes in
                X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, bytes.baseAddress, Int32(bytes.count), -1, 0)
            }
            guard added == 1 else { throw failure("X509_NAME_add_entry_by_txt") }
            guard X509_set_subject_name(certificate, name) == 1 else { throw failure("X509_set_subject_name") }
            let issuerName = issuer.map { X509_get_subject_name($0) } ?? name
            guard X509_set_issuer_name(certificate, issuerName) == 1 else { throw failure("X509_set_issuer_name") }
            guard X509_set_pubkey(certificate, publicKey) == 1 else { throw failure("X509_set_pubkey") }

            var context = X509V3_CTX()
            X509V3_set_ctx(&context, issuer ?? certificate, certificate, nil, nil, 0)
            for (nid, value) in extensions {
                guard let extensionValue = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                    throw failure("X509V3_EXT_conf_nid(\(String(cString: OBJ_nid2sn(nid))), \(value))")
                }
                defer { X509_EXTENSION_free(extensionValue) }
                guard X509_add_ext(certificate, extensionValue, -1) == 1 else { throw failure("X509_add_ext") }
            }
            guard X509_sign(certificate, signingKey, EVP_sha256()) > 0 else { throw failure("X509_sign") }
        } catch {
            X509_free(certificate)
            throw error
        }
        return certificate
    }

    /// Encodes a certificate as PEM.
    static func pem(certificate: OpaquePointer) throws(TestCertificateAuthority.Error) -> String {
        try withMemoryBIO("PEM_write_bio_X509") { PEM_write_bio_X509($0, certificate) }
    }

    /// Encodes a private key as unencrypted PKCS #8 PEM.
    static func pem(privateKey: OpaquePointer) throws(TestCertificateAuthority.Error) -> String {
        try withMemoryBIO("PEM_write_bio_PrivateKey") {
            PEM_write_bio_PrivateKey($0, privateKey, nil, nil, 0, nil, nil)
        }
    }

    /// Runs a PEM writer against a memory BIO and returns what it wrote.
    private static func withMemoryBIO(
        _ operation: String,
        _ write: (OpaquePointer) -> Int32
    ) throws(TestCertificateAuthority.Error) -> String {
        ERR_clear_error()
        guard let bio = BIO_new(BIO_s_mem()) else { throw failure("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw failure(operation) }
        var data: UnsafeMutablePointer<CChar>?
        let length = COpenSSL_BIO_get_mem_data(bio, &data)
        guard let data, let count = Int(exactly: length), count > 0 else { throw failure("BIO_get_mem_data") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    }

    /// Parses a PEM certificate.
    static func readCertificate(_ pem: String) throws(TestCertificateAuthority.Error) -> OpaquePointer {
        try withReadBIO(pem, "PEM_read_bio_X509") { PEM_read_bio_X509($0, nil, nil, nil) }
    }

    /// Parses a PEM private key.
    static func readPrivateKey(_ pem: String) throws(TestCertificateAuthority.Error) -> OpaquePointer {
        try withReadBIO(pem, "PEM_read_bio_PrivateKey") { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
    }

    /// Runs a PEM reader against a read-only memory BIO over `pem`.
    private static func withReadBIO(
        _ pem: String,
        _ operation: String,
        _ read: (OpaquePointer) -> OpaquePointer?
    ) throws(TestCertificateAuthority.Error) -> OpaquePointer {
        ERR_clear_error()
        let bytes = Array(pem.utf8)
        let result: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(clamping: buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return read(bio)
        }
        guard let result else { throw failure(operation) }
        return result
    }
}
