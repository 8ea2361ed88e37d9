import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// A test certificate authority with its CA file on disk, made once for the suite.
struct TestPKI: Sendable {
    let authority: TestCertificateAuthority
    let caFile: String
    let localhost: TestServerCertificate
    let wrongHost: TestServerCertificate

    static let shared: TestPKI? = try? TestPKI()

    init() throws {
        authority = try TestCertificateAuthority()
        let directory = NSTemporaryDirectory() + "discord-gateway-pki-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        caFile = try authority.writeCertificate(to: directory)
        localhost = try authority.makeServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
        wrongHost = try authority.makeServerCertificate(dnsNames: ["wrong.example"], ipAddresses: [])
    }

    var trustingConfiguration: TLSConfiguration {
        TLSConfiguration(verifiesPeer: true, additionalTrustRootsFile: caFile, usesSystemTrustRoots: false)
    }
}

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct SecureWebSocketTests {
    @Test func connectsOverTLSWithTheTestCA() async throws {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: pki.localhost))
        defer { gateway.stop() }
        #expect(gateway.url.hasPrefix("wss://localhost:"))
        let (client, recorder) = try connectClient(
            to: gateway, path: "/?v=10&encoding=json&compress=zlib-stream", compression: .zlibStream,
            tls: pki.trustingConfiguration)
        defer { client.abort(); client.join() }
        let server = try await gateway.nextConnection()
        server.send(#"{"op":10,"d":{"heartbeat_interval":41250}}"#)
        #expect(
            try await recorder.messages.next(timeout: .seconds(5)).text
                == #"{"op":10,"d":{"heartbeat_interval":41250}}"#)
        client.send(text: #"{"op":1,"d":null}"#)
        #expect(try await server.nextMessage().text == #"{"op":1,"d":null}"#)
    }

    @Test func refusesACertificateFromAnUntrustedCA() async throws {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: pki.localhost))
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway, tls: .default)
        defer { client.join() }
        let close = try await recorder.closed.next(timeout: .seconds(5))
        #expect(close.initiator == .failure)
        #expect(!close.didOpen)
        let error = try #require(close.error as? TLSError)
        #expect(error.isCertificateFailure)
        #expect(error.description.contains("certificate verify failed"))
    }

    @Test func refusesAWrongHostName() async throws {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: pki.wrongHost))
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway, tls: pki.trustingConfiguration)
        defer { client.join() }
        let close = try await recorder.closed.next(timeout: .seconds(5))
        let error = try #require(close.error as? TLSError)
        #expect(error.isCertificateFailure)
        #expect(error.description.contains("hostname mismatch"))
    }

    @Test func closeHandshakeOverTLSIsClean() async throws {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: pki.localhost))
        defer { gateway.stop() }
        let (client, recorder) = try connectClient(to: gateway, tls: pki.trustingConfiguration)
        let server = try await gateway.nextConnection()
        _ = try await recorder.opened.next(timeout: .seconds(5))
        server.close(code: 4009, reason: "Session timed out")
        let close = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        #expect(close.code == 4009)
        #expect(close.wasClean)
        #expect(close.error == nil)
    }
}
