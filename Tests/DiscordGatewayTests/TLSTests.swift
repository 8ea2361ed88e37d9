import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Glibc
import Testing

/// A test CA, a temp directory with its `ca.pem`, and helpers to run one TLS server connection on a thread.
private struct TLSFixture {
    /// The throwaway CA.
    let authority: TestCertificateAuthority
    /// A fresh directory holding the PEM files.
    let directory: String
    /// Path of the CA certificate.
    let caFile: String

    /// Makes a CA and writes it to a fresh directory.
    init() throws {
        authority = try TestCertificateAuthority()
        directory = try TestCertificateAuthority.makeTemporaryDirectory()
        caFile = try authority.writeCertificate(to: directory)
    }

    /// Issues a server certificate and loads it into a server context.
    func makeServerContext(
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        onlyVersion: TLSProtocolVersion? = nil
    ) throws -> TLSContext {
        let certificate = try authority.makeServerCertificate(dnsNames: dnsNames, ipAddresses: ipAddresses)
        let subdirectory = (directory as NSString).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(atPath: subdirectory, withIntermediateDirectories: true)
        let files = try certificate.write(to: subdirectory)
        return try TLSContext.makeServer(
            certificateChainFile: files.certificateFile,
            privateKeyFile: files.privateKeyFile,
            onlyVersion: onlyVersion
        )
    }

    /// A client context trusting only the test CA.
    func makeTrustingClientContext() throws -> TLSContext {
        try TLSContext.makeClient(
            configuration: TLSConfiguration(additionalTrustRootsFile: caFile, usesSystemTrustRoots: false)
        )
    }

    /// Removes the temp directory.
    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Listens on 127.0.0.1 and serves one TLS connection on a background thread with `body`.
private func startServer<Value: Sendable>(
    context: TLSContext,
    _ body: @escaping @Sendable (TLSConnection) throws -> Value
) throws -> (port: Int, thread: BackgroundThread<Value>) {
    let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
    let thread = BackgroundThread { () throws -> Value in
        defer { close(listener.fd) }
        let fd = try ByteStreamDriver.acceptOne(listener.fd)
        let connection: TLSConnection
        do {
            connection = try TLSConnection(context: context, socket: fd, serverName: nil)
        } catch {
            close(fd)
            throw error
        }
        defer { connection.close() }
        try ByteStreamDriver.completeHandshake(connection)
        return try body(connection)
    }
    return (listener.port, thread)
}

/// Connects a client TLS stream to 127.0.0.1:`port` presenting `serverName`; the caller closes it.
private func connectClient(context: TLSContext, port: Int, serverName: String) throws -> TLSConnection {
    let fd = try TCPSocket.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
    do {
        return try TLSConnection(context: context, socket: fd, serverName: serverName)
    } catch {
        close(fd)
        throw error
    }
}

/// Expects the client handshake to fail and returns the error; waits for the server thread either way.
private func expectHandshakeFailure<Value>(
    client: TLSConnection,
    server: BackgroundThread<Value>
) -> TLSError? {
    defer {
        client.close()
        _ = try? server.value()
    }
    return #expect(throws: TLSError.self) { try ByteStreamDriver.completeHandshake(client) }
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct TLSTests {
    @Test(arguments: ["localhost", "127.0.0.1"])
    func clientTrustingTestCAExchangesBytes(serverName: String) throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let server = try startServer(context: try fixture.makeServerContext()) { connection in
            let request = try ByteStreamDriver.read(connection, count: 5)
            try ByteStreamDriver.writeAll(connection, payload)
            connection.shutdown()  // close_notify
            return request
        }
        let client = try connectClient(
            context: try fixture.makeTrustingClientContext(),
            port: server.port,
            serverName: serverName
        )
        defer { client.close() }
        #expect(client.negotiatedProtocolVersion == nil)
        try ByteStreamDriver.completeHandshake(client)
        #expect(client.negotiatedProtocolVersion == "TLSv1.3")

        try ByteStreamDriver.writeAll(client, Array("hello".utf8))
        #expect(try ByteStreamDriver.read(client, count: payload.count, chunkSize: 1_000) == payload)
        #expect(try ByteStreamDriver.readToEnd(client).isEmpty)  // close_notify reads as .closed
        #expect(try server.thread.value() == Array("hello".utf8))
    }

    @Test func partialReadLeavesBufferedData() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let server = try startServer(context: try fixture.makeServerContext()) { connection in
            try ByteStreamDriver.writeAll(connection, [UInt8](repeating: 9, count: 4_000))
            _ = try ByteStreamDriver.read(connection, count: 1)  // wait for the client before closing
        }
        let client = try connectClient(
            context: try fixture.makeTrustingClientContext(),
            port: server.port,
            serverName: "localhost"
        )
        defer { client.close() }
        try ByteStreamDriver.completeHandshake(client)
        #expect(try ByteStreamDriver.read(client, count: 1) == [9])
        #expect(client.hasBufferedReadData)
        #expect(try ByteStreamDriver.read(client, count: 3_999).count == 3_999)
        #expect(!client.hasBufferedReadData)
        try ByteStreamDriver.writeAll(client, [1])
        try server.thread.value()
    }

    @Test func systemTrustRootsRejectTestCertificate() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let server = try startServer(context: try fixture.makeServerContext()) { _ in }
        let client = try connectClient(
            context: try TLSContext.makeClient(configuration: .default),
            port: server.port,
            serverName: "localhost"
        )
        let error = expectHandshakeFailure(client: client, server: server.thread)
        #expect(error?.code == .certificateVerificationFailed)
        #expect(error?.isCertificateFailure == true)
        #expect(error?.verifyResult?.contains("issuer") == true)
        #expect(error?.operation == "SSL_connect")
        #expect(error?.description.contains("SSL_connect") == true)
        #expect(error?.description.contains("localhost") == true)
    }

    @Test func certificateForOtherHostIsHostnameMismatch() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let context = try fixture.makeServerContext(dnsNames: ["wrong.example"], ipAddresses: [])
        let server = try startServer(context: context) { _ in }
        let client = try connectClient(
            context: try fixture.makeTrustingClientContext(),
            port: server.port,
            serverName: "localhost"
        )
        let error = expectHandshakeFailure(client: client, server: server.thread)
        #expect(error?.verifyResult == "hostname mismatch")
        #expect(error?.isCertificateFailure == true)
        #expect(error?.description.contains("certificate verify failed: hostname mismatch") == true)
    }

    @Test func certificateForOtherAddressIsIPAddressMismatch() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let server = try startServer(context: try fixture.makeServerContext(dnsNames: [], ipAddresses: ["127.0.0.1"])) {
            _ in
        }
        let client = try connectClient(
            context: try fixture.makeTrustingClientContext(),
            port: server.port,
            serverName: "127.0.0.2"
        )
        let error = expectHandshakeFailure(client: client, server: server.thread)
        #expect(error?.verifyResult == "IP address mismatch")
        #expect(error?.isCertificateFailure == true)
    }

    @Test func unverifiedClientAcceptsAnyCertificate() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let context = try fixture.makeServerContext(dnsNames: ["wrong.example"], ipAddresses: [])
        let server = try startServer(context: context) { connection in
            try ByteStreamDriver.writeAll(connection, try ByteStreamDriver.read(connection, count: 3))
        }
        let client = try connectClient(
            context: try TLSContext.makeClient(configuration: TLSConfiguration(verifiesPeer: false)),
            port: server.port,
            serverName: "localhost"
        )
        defer { client.close() }
        try ByteStreamDriver.completeHandshake(client)
        try ByteStreamDriver.writeAll(client, [1, 2, 3])
        #expect(try ByteStreamDriver.read(client, count: 3) == [1, 2, 3])
        try server.thread.value()
    }

    @Test func tls11OnlyServerIsRefused() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let server = try startServer(context: try fixture.makeServerContext(onlyVersion: .tls11)) { _ in }
        let client = try connectClient(
            context: try fixture.makeTrustingClientContext(),
            port: server.port,
            serverName: "localhost"
        )
        let error = expectHandshakeFailure(client: client, server: server.thread)
        #expect(error?.code == .handshakeFailed)
        #expect(error?.isCertificateFailure == false)
        #expect(error?.errorQueue.isEmpty == false)
    }

    @Test func eofWithoutCloseNotifyThrowsUnexpectedEOF() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        // The server closes TCP right after the handshake without SSL_shutdown, like Discord after a close frame.
        let server = try startServer(context: try fixture.makeServerContext()) { _ in }
        let client = try connectClient(
            context: try fixture.makeTrustingClientContext(),
            port: server.port,
            serverName: "localhost"
        )
        defer { client.close() }
        try ByteStreamDriver.completeHandshake(client)
        try server.thread.value()
        let error = #expect(throws: TLSError.self) { _ = try ByteStreamDriver.readToEnd(client) }
        #expect(error?.code == .unexpectedEOF)
        #expect(error?.operation == "SSL_read")
        #expect(error?.description.contains("SSL_read") == true)
        client.shutdown()  // must not send after a fatal error, nor crash
    }

    @Test func serverContextRejectsKeyOfAnotherCertificate() throws {
        let fixture = try TLSFixture()
        defer { fixture.removeFiles() }
        let first = try fixture.authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: [])
        let second = try fixture.authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: [])
        let certificateFile = (fixture.directory as NSString).appendingPathComponent("first.pem")
        let keyFile = (fixture.directory as NSString).appendingPathComponent("second.key")
        try first.certificatePEM.write(toFile: certificateFile, atomically: true, encoding: .utf8)
        try second.privateKeyPEM.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let error = #expect(throws: TLSError.self) {
            _ = try TLSContext.makeServer(certificateChainFile: certificateFile, privateKeyFile: keyFile)
        }
        #expect(error?.code == .contextSetupFailed)
        #expect(error?.description.isEmpty == false)
        #expect(error?.description.contains(error?.operation ?? "?") == true)
    }

    @Test func missingTrustRootsFileFailsContextSetup() throws {
        let error = #expect(throws: TLSError.self) {
            _ = try TLSContext.makeClient(
                configuration: TLSConfiguration(additionalTrustRootsFile: "/nonexistent/ca.pem")
            )
        }
        #expect(error?.code == .contextSetupFailed)
        #expect(error?.operation == "SSL_CTX_load_verify_locations")
    }
}

/// Descriptor accounting for TLS connections; holds the process's socket resources alone while it runs.
@Suite(.countsProcessResources, .timeLimit(.minutes(1))) struct TLSDescriptorTests {
    @Test func createCloseCyclesLeaveFileDescriptorCountUnchanged() throws {
        let context = try TLSContext.makeClient(configuration: TLSConfiguration(verifiesPeer: false))
        let listener = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener.fd) }
        let before = try openFileDescriptorCount()
        for _ in 0..<200 {
            let fd = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
            let accepted = try ByteStreamDriver.acceptOne(listener.fd)
            let connection = try TLSConnection(context: context, socket: fd, serverName: "localhost")
            _ = try connection.handshake()  // sends the ClientHello, then wants to read
            connection.close()
            connection.close()  // idempotent
            close(accepted)
        }
        let after = try openFileDescriptorCount()
        // The suite runs with no other socket suite (`.countsProcessResources`); a leak would add 200 or 400.
        #expect(after - before < 5)
    }
}
