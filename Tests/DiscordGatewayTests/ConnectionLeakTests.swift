import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Counts the entries of a /proc/self directory (threads or open descriptors).
func procEntryCount(_ directory: String) -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/\(directory)").count) ?? -1
}

@Suite(.serialized, .countsProcessResources, .timeLimit(.minutes(3))) struct ConnectionLeakTests {
    @Test(arguments: [false, true]) func twoHundredConnectCloseCyclesLeakNoThreadsOrDescriptors(tls: Bool) async throws
    {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: tls ? pki.localhost : nil))
        defer { gateway.stop() }
        // One warm-up cycle so lazily created process state (trust store, DNS) is not counted as a leak.
        try await cycle(gateway: gateway, tls: pki.trustingConfiguration, compressed: true)
        let threadsBefore = procEntryCount("task")
        let descriptorsBefore = procEntryCount("fd")
        for index in 0..<200 {
            try await cycle(gateway: gateway, tls: pki.trustingConfiguration, compressed: index % 2 == 0)
        }
        let threadsAfter = procEntryCount("task")
        let descriptorsAfter = procEntryCount("fd")
        print(
            "leak test (\(tls ? "wss" : "ws")): threads \(threadsBefore) → \(threadsAfter), fds \(descriptorsBefore) → \(descriptorsAfter)"
        )
        #expect(descriptorsAfter == descriptorsBefore)
        #expect(threadsAfter <= threadsBefore)
    }

    /// Connects, exchanges one message each way, closes, and waits for both sides' threads to exit.
    private func cycle(gateway: FakeGateway, tls: TLSConfiguration, compressed: Bool) async throws {
        let (client, recorder) = try connectClient(
            to: gateway, path: compressed ? "/?compress=zlib-stream" : "/",
            compression: compressed ? .zlibStream : .none,
            tls: tls)
        let server = try await gateway.nextConnection()
        server.send(#"{"op":10,"d":{"heartbeat_interval":41250}}"#)
        _ = try await recorder.messages.next(timeout: .seconds(5))
        client.send(text: #"{"op":1,"d":null}"#)
        _ = try await server.nextMessage()
        client.close(code: 1000)
        _ = try await recorder.closed.next(timeout: .seconds(5))
        client.join()
        _ = try await server.closure()
        server.join()
    }
}
