import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct HTTPClientTests {
    @Test func fetchesAContentLengthBodyAndSendsTheRequestHeaders() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"ok":true}"#) }
        defer { server.stop() }
        let response = try await HTTPClient.get(
            server.baseURL + "/api/v10/gateway/bot?x=1", headers: [("Authorization", "Bot secret")],
            timeout: .seconds(5))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(response.header("content-type") == "application/json")
        let request = try await server.requests.next(timeout: .seconds(5))
        #expect(request.target == "/api/v10/gateway/bot?x=1")
        #expect(request.header("Host") == "127.0.0.1:\(server.port)")
        #expect(request.header("Connection") == "close")
        #expect(request.header("Authorization") == "Bot secret")
    }

    @Test func decodesAChunkedBody() async throws {
        let server = try TestHTTPServer { _ in
            .chunked(status: 200, chunks: [Array("hello, ".utf8), Array(repeating: UInt8(ascii: "x"), count: 40_000)])
        }
        defer { server.stop() }
        let response = try await HTTPClient.get(server.baseURL + "/", timeout: .seconds(5))
        #expect(response.body.count == 7 + 40_000)
        #expect(response.body.prefix(7).elementsEqual("hello, ".utf8))
    }

    @Test func returnsErrorStatusesAsResponses() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"message":"nope"}"#, status: 503) }
        defer { server.stop() }
        let response = try await HTTPClient.get(server.baseURL, timeout: .seconds(5))
        #expect(response.status == 503)
    }

    @Test func readsABodyDelimitedByClose() async throws {
        let server = try TestHTTPServer { _ in .raw(Array("HTTP/1.0 200 OK\r\n\r\nuntil close".utf8)) }
        defer { server.stop() }
        let response = try await HTTPClient.get(server.baseURL, timeout: .seconds(5))
        #expect(String(decoding: response.body, as: UTF8.self) == "until close")
    }

    @Test func skipsAnInterimContinueResponse() async throws {
        let server = try TestHTTPServer { _ in
            .raw(Array("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n".utf8))
        }
        defer { server.stop() }
        let response = try await HTTPClient.get(server.baseURL, timeout: .seconds(5))
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
    }

    @Test func refusesAnOversizedBody() async throws {
        let server = try TestHTTPServer { request in
            request.target == "/chunked"
                ? .chunked(status: 200, chunks: Array(repeating: Array(repeating: 0x61, count: 600), count: 2))
                : .response(status: 200, headers: [], body: Array(repeating: 0x61, count: 2048))
        }
        defer { server.stop() }
        for path in ["/plain", "/chunked"] {
            let error = await #expect(throws: HTTPError.self) {
                _ = try await HTTPClient.get(server.baseURL + path, timeout: .seconds(5), maximumBodySize: 1024)
            }
            #expect(error?.code == .tooLarge)
        }
    }

    @Test func rejectsGarbage() async throws {
        let server = try TestHTTPServer { _ in .raw(Array("garbage\r\n\r\n".utf8)) }
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) {
            _ = try await HTTPClient.get(server.baseURL, timeout: .seconds(5))
        }
        #expect(error?.code == .malformedResponse)
    }

    @Test func reportsATruncatedBodyAsMalformed() async throws {
        let server = try TestHTTPServer { _ in .raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)) }
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) {
            _ = try await HTTPClient.get(server.baseURL, timeout: .seconds(5))
        }
        #expect(error?.code == .malformedResponse)
    }

    @Test func timesOutOnASlowServerAndHangsUp() async throws {
        let server = try TestHTTPServer { _ in .partial(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab".utf8)) }
        defer { server.stop() }
        let start = ContinuousClock.now
        let error = await #expect(throws: HTTPError.self) {
            _ = try await HTTPClient.get(
                server.baseURL, headers: [("Authorization", "Bot very-secret")], timeout: .milliseconds(300))
        }
        #expect(error?.code == .timedOut)
        #expect(start.duration(to: .now) >= .milliseconds(300))
        #expect(!(error?.description.contains("very-secret") ?? true))
        #expect(try await server.departures.next(timeout: .seconds(5)) == "partial")
    }

    @Test func cancellingTheTaskAbortsTheRequest() async throws {
        let server = try TestHTTPServer { _ in .hold("never") }
        defer { server.stop() }
        let task = Task { try await HTTPClient.get(server.baseURL, timeout: .seconds(30)) }
        _ = try await server.requests.next(timeout: .seconds(5))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(try await server.departures.next(timeout: .seconds(5)) == "never")
    }

    @Test func reportsARefusedConnection() async throws {
        let (fd, port) = try TCPSocket.listen(host: "127.0.0.1", port: 0)
        close(fd)  // nothing listens there any more
        let error = await #expect(throws: HTTPError.self) {
            _ = try await HTTPClient.get("http://127.0.0.1:\(port)/", timeout: .seconds(5))
        }
        #expect(error?.code == .connectionFailed)
        #expect((error?.underlying as? ConnectionError)?.code == .connectionRefused)
    }

    @Test(arguments: ["ftp://example.com/", "http://", "https://host:99999/", "http://a b/"])
    func rejectsInvalidURLs(url: String) async {
        let error = await #expect(throws: HTTPError.self) { _ = try await HTTPClient.get(url, timeout: .seconds(1)) }
        #expect(error?.code == .invalidURL)
    }

    @Test func refusesHeaderInjectionWithoutEchoingTheValue() async {
        let error = await #expect(throws: HTTPError.self) {
            _ = try await HTTPClient.get(
                "http://127.0.0.1:1/", headers: [("Authorization", "Bot secret\r\nX: y")], timeout: .seconds(1))
        }
        #expect(error?.code == .invalidRequest)
        #expect(!(error?.description.contains("secret") ?? true))
    }

    @Test func fetchesOverTLSWithTheTestCA() async throws {
        let pki = try #require(TestPKI.shared)
        let server = try TestHTTPServer(certificate: pki.localhost) { _ in .json("{}") }
        defer { server.stop() }
        let response = try await HTTPClient.get(
            server.baseURL + "/", tls: pki.trustingConfiguration, timeout: .seconds(5))
        #expect(response.status == 200)
        let error = await #expect(throws: HTTPError.self) {
            _ = try await HTTPClient.get(server.baseURL + "/", tls: .default, timeout: .seconds(5))
        }
        #expect((error?.underlying as? TLSError)?.isCertificateFailure == true)
    }
}
