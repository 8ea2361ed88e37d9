import DiscordGateway
import DiscordGatewayTesting
import Foundation
import Testing

/// Counts the entries of a /proc/self directory (threads or open descriptors).
func procEntryCount(_ directory: String) -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/\(directory)").count) ?? -1
}

/// The process's threads that belong to the library's connections (I/O threads and fake-gateway listeners, named
/// `dg-…`), and its descriptors that are sockets or eventfds. Other suites running in parallel start and stop
/// Dispatch worker threads and read fixture files; those are not connection resources and are not counted.
func connectionResourceCounts() -> (threads: Int, descriptors: Int) {
    let manager = FileManager.default
    let tasks = (try? manager.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    let threads = tasks.filter { task in
        let name = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
        return name.hasPrefix("dg-")
    }.count
    let descriptors = ((try? manager.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).filter { fd in
        let target = (try? manager.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? ""
        return target.hasPrefix("socket:") || target.contains("eventfd")
    }.count
    return (threads, descriptors)
}

@Suite(.serialized, .countsProcessResources, .timeLimit(.minutes(3))) struct ConnectionLeakTests {
    @Test(arguments: [false, true]) func twoHundredConnectCloseCyclesLeakNoThreadsOrDescriptors(tls: Bool) async throws
    {
        let pki = try #require(TestPKI.shared)
        let gateway = try FakeGateway(configuration: .init(tlsCertificate: tls ? pki.localhost : nil))
        defer { gateway.stop() }
        // One warm-up cycle so lazily created process state (trust store, DNS) is not counted as a leak.
        try await cycle(gateway: gateway, tls: pki.trustingConfiguration, compressed: true)
        // Connections of suites that ran before may still be winding down (a shard's close does not wait for its
        // I/O thread): wait until the counts hold still before taking the baseline.
        let before = await settledResourceCounts()
        let threadsBefore = procEntryCount("task")
        for index in 0..<200 {
            try await cycle(gateway: gateway, tls: pki.trustingConfiguration, compressed: index % 2 == 0)
        }
        let after = await settledResourceCounts(expecting: before)
        let threadsAfter = procEntryCount("task")
        print(
            "leak test (\(tls ? "wss" : "ws")): connection threads \(before.threads) → \(after.threads), "
                + "sockets and eventfds \(before.descriptors) → \(after.descriptors) "
                + "(all threads \(threadsBefore) → \(threadsAfter))")
        // The listener's thread, socket and eventfd stay; every connection's thread, socket and eventfd are gone.
        #expect(after.descriptors == before.descriptors)
        #expect(after.threads == before.threads)
    }

    /// The connection resource counts once they have not changed for 300 ms (or `expecting` is reached), within 5 s.
    private func settledResourceCounts(
        expecting target: (threads: Int, descriptors: Int)? = nil
    ) async
        -> (threads: Int, descriptors: Int)
    {
        var last = connectionResourceCounts()
        var stableSince = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if let target, last == target { return last }
            if target == nil, ContinuousClock.now - stableSince >= .milliseconds(300) { return last }
            try? await Task.sleep(for: .milliseconds(20))
            let now = connectionResourceCounts()
            if now != last {
                last = now
                stableSince = .now
            }
        }
        return last
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
