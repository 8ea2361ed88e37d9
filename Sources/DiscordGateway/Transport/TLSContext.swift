internal import COpenSSL

/// User-facing TLS settings for connecting to the gateway.
///
/// **Threading:** a value type; safe to pass between threads.
public struct TLSConfiguration: Sendable, Hashable {
    /// Whether the peer's certificate chain and host name are verified. Default `true`; turn off only for tests.
    public var verifiesPeer: Bool
    /// A PEM bundle of extra trust roots, added to the system trust store (or used alone without system roots).
    public var additionalTrustRootsFile: String?
    /// Whether the system trust store (`SSL_CTX_set_default_verify_paths`) is used. Default `true`.
    public var usesSystemTrustRoots: Bool

    /// Verifies peers against the system trust roots.
    public static var `default`: TLSConfiguration { TLSConfiguration() }

    /// Creates TLS settings.
    ///
    /// - Parameters:
    ///   - verifiesPeer: whether the chain and host name are verified.
    ///   - additionalTrustRootsFile: path of a PEM bundle of extra trusted roots.
    ///   - usesSystemTrustRoots: whether the system trust store is loaded.
    public init(verifiesPeer: Bool = true, additionalTrustRootsFile: String? = nil, usesSystemTrustRoots: Bool = true) {
        self.verifiesPeer = verifiesPeer
        self.additionalTrustRootsFile = additionalTrustRootsFile
        self.usesSystemTrustRoots = usesSystemTrustRoots
    }
}

/// A TLS protocol version, for tests that need an old-protocol server.
package enum TLSProtocolVersion: Sendable, Hashable {
    /// TLS 1.1 (refused by client contexts).
    case tls11
    /// TLS 1.2.
    case tls12
    /// TLS 1.3.
    case tls13

    /// The OpenSSL version constant.
    var openSSLValue: Int32 {
        switch self {
        case .tls11: return TLS1_1_VERSION
        case .tls12: return TLS1_2_VERSION
        case .tls13: return TLS1_3_VERSION
        }
    }
}

/// Wraps one OpenSSL `SSL_CTX`: trust roots, verification mode, protocol versions, certificates.
///
/// One context serves many connections (one per cluster is typical); each ``TLSConnection`` takes its own
/// reference on the `SSL_CTX`, so a connection may outlive the ``TLSContext`` object.
///
/// **Threading:** immutable after the factory returns; safe to share between threads.
// Invariant: `context` is fully configured inside `makeClient`/`makeServer` before the object escapes and is never
// mutated afterwards; the only later uses are `SSL_new` (which OpenSSL allows concurrently on a shared, unchanging
// `SSL_CTX`; its reference count and session cache are internally locked) and `SSL_CTX_free` in `deinit`.
package final class TLSContext: @unchecked Sendable {
    /// The owned `SSL_CTX *`.
    let context: OpaquePointer
    /// Whether connections made from this context take the server role.
    let isServer: Bool
    /// Whether client connections verify the peer (kept to word errors).
    let verifiesPeer: Bool

    /// Takes ownership of a configured context.
    private init(context: OpaquePointer, isServer: Bool, verifiesPeer: Bool) {
        self.context = context
        self.isServer = isServer
        self.verifiesPeer = verifiesPeer
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// Creates a client context: TLS 1.2 minimum, peer verification per `configuration`, small idle memory.
    ///
    /// - Throws: ``TLSError`` with code ``TLSError/Code/contextSetupFailed`` when OpenSSL refuses a setting or
    ///   the trust roots file cannot be loaded.
    package static func makeClient(configuration: TLSConfiguration) throws(TLSError) -> TLSContext {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw .contextSetup("SSL_CTX_new")
        }
        do throws(TLSError) {
            try configureCommon(context, minimumVersion: TLS1_2_VERSION)
            if configuration.usesSystemTrustRoots {
                guard SSL_CTX_set_default_verify_paths(context) == 1 else {
                    throw TLSError.contextSetup("SSL_CTX_set_default_verify_paths")
                }
            }
            if let file = configuration.additionalTrustRootsFile {
                guard SSL_CTX_load_verify_locations(context, file, nil) == 1 else {
                    throw TLSError.contextSetup("SSL_CTX_load_verify_locations", file: file)
                }
            }
            SSL_CTX_set_verify(context, configuration.verifiesPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        return TLSContext(context: context, isServer: false, verifiesPeer: configuration.verifiesPeer)
    }

    /// Creates a server context from PEM files (for the fake gateway and tests); TLS 1.2 minimum.
    ///
    /// - Parameters:
    ///   - certificateChainFile: PEM file with the leaf certificate first, then intermediates.
    ///   - privateKeyFile: PEM file with the leaf's private key.
    /// - Throws: ``TLSError`` with code ``TLSError/Code/contextSetupFailed`` when a file cannot be loaded or the
    ///   key does not match the certificate.
    package static func makeServer(certificateChainFile: String, privateKeyFile: String) throws(TLSError) -> TLSContext
    {
        try makeServer(certificateChainFile: certificateChainFile, privateKeyFile: privateKeyFile, onlyVersion: nil)
    }

    /// Creates a server context that speaks exactly one protocol version (tests of version refusal).
    ///
    /// For ``TLSProtocolVersion/tls11`` the security level is lowered to 0 so OpenSSL 3 allows it at all.
    ///
    /// - Parameters:
    ///   - certificateChainFile: PEM file with the leaf certificate first, then intermediates.
    ///   - privateKeyFile: PEM file with the leaf's private key.
    ///   - onlyVersion: the single version to offer, or `nil` for TLS 1.2 and newer.
    /// - Throws: ``TLSError`` with code ``TLSError/Code/contextSetupFailed``.
    package static func makeServer(
        certificateChainFile: String,
        privateKeyFile: String,
        onlyVersion: TLSProtocolVersion?
    ) throws(TLSError) -> TLSContext {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw .contextSetup("SSL_CTX_new")
        }
        do throws(TLSError) {
            if let onlyVersion {
                if onlyVersion == .tls11 { SSL_CTX_set_security_level(context, 0) }
                try configureCommon(context, minimumVersion: onlyVersion.openSSLValue)
                guard COpenSSL_SSL_CTX_set_max_proto_version(context, onlyVersion.openSSLValue) == 1 else {
                    throw TLSError.contextSetup("SSL_CTX_set_max_proto_version")
                }
            } else {
                try configureCommon(context, minimumVersion: TLS1_2_VERSION)
            }
            guard SSL_CTX_use_certificate_chain_file(context, certificateChainFile) == 1 else {
                throw TLSError.contextSetup("SSL_CTX_use_certificate_chain_file", file: certificateChainFile)
            }
            guard SSL_CTX_use_PrivateKey_file(context, privateKeyFile, SSL_FILETYPE_PEM) == 1 else {
                throw TLSError.contextSetup("SSL_CTX_use_PrivateKey_file", file: privateKeyFile)
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw TLSError.contextSetup("SSL_CTX_check_private_key", file: privateKeyFile)
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        return TLSContext(context: context, isServer: true, verifiesPeer: false)
    }

    /// Applies the settings both roles share: minimum version, non-blocking write modes, released idle buffers.
    private static func configureCommon(_ context: OpaquePointer, minimumVersion: Int32) throws(TLSError) {
        guard COpenSSL_SSL_CTX_set_min_proto_version(context, minimumVersion) == 1 else {
            throw .contextSetup("SSL_CTX_set_min_proto_version")
        }
        // Partial writes let the I/O thread keep its outbox position; moving-buffer lets it retry from a
        // different address; released buffers keep an idle connection's footprint small.
        let mode =
            COpenSSL_SSL_MODE_ENABLE_PARTIAL_WRITE() | COpenSSL_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER()
            | COpenSSL_SSL_MODE_RELEASE_BUFFERS()
        _ = COpenSSL_SSL_CTX_set_mode(context, mode)
    }
}
