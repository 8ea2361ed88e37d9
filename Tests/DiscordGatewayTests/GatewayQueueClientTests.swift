import DiscordGateway
import DiscordGatewayTesting
import Testing

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct GatewayQueueClientTests {
    /// A request for shard `id` of 16.
    private func request(_ id: Int) -> IdentifyRequest {
        IdentifyRequest(id: UInt64(id), shard: ShardInfo(id: id, count: 16), priority: .coldStart)
    }

    @Test func grantsOnlyOnceTheQueueServiceAnswers() async throws {
        let server = try TestHTTPServer { request in .hold(request.target) }
        defer { server.stop() }
        let client = GatewayQueueClient(baseURL: server.baseURL + "/")
        let grants = TimedMailbox<Int>(label: "grants")
        client.requestIdentify(request(3)) { grants.put(3) }
        client.requestIdentify(request(5)) { grants.put(5) }
        let first = try await server.requests.next(timeout: .seconds(5))
        let second = try await server.requests.next(timeout: .seconds(5))
        #expect(Set([first.target, second.target]) == ["/?shard=3", "/?shard=5"])
        #expect(grants.pendingCount == 0)
        #expect(client.waitingCount == 2)
        server.release("/?shard=5", with: .json(#"{"message":"You're free to connect now! :)"}"#))
        #expect(try await grants.next(timeout: .seconds(5)) == 5)
        server.release("/?shard=3", with: .json("{}"))
        #expect(try await grants.next(timeout: .seconds(5)) == 3)
        #expect(client.waitingCount == 0)
    }

    @Test func retriesAfterGarbageAndBadStatuses() async throws {
        let attempts = Locked(0)
        let server = try TestHTTPServer { _ in
            let attempt = attempts.withLock { count in
                count += 1
                return count
            }
            switch attempt {
            case 1: return .raw(Array("garbage\r\n\r\n".utf8))
            case 2: return .json("{}", status: 503)
            default: return .json("{}")
            }
        }
        defer { server.stop() }
        let client = GatewayQueueClient(baseURL: server.baseURL, retryDelay: .milliseconds(20))
        let grants = TimedMailbox<Int>(label: "grants")
        client.requestIdentify(request(1)) { grants.put(1) }
        #expect(try await grants.next(timeout: .seconds(5)) == 1)
        #expect(attempts.withLock { $0 } == 3)
        #expect(grants.all == [1])
    }

    @Test func cancellingDropsTheWaiterAndAbortsItsRequest() async throws {
        let server = try TestHTTPServer { request in
            request.target == "/?shard=2" ? .hold("cancelled") : .json("{}")
        }
        defer { server.stop() }
        let client = GatewayQueueClient(baseURL: server.baseURL)
        let grants = TimedMailbox<Int>(label: "grants")
        client.requestIdentify(request(2)) { grants.put(2) }
        _ = try await server.requests.next(timeout: .seconds(5))
        client.cancel(request(2))
        client.cancel(request(2))  // twice is harmless
        #expect(client.waitingCount == 0)
        #expect(try await server.departures.next(timeout: .seconds(5)) == "cancelled")
        client.requestIdentify(request(4)) { grants.put(4) }
        #expect(try await grants.next(timeout: .seconds(5)) == 4)
        #expect(grants.all == [4])
    }

    @Test func buildsTheShardURL() {
        #expect(
            GatewayQueueClient(baseURL: "http://queue:5000").url(for: ShardInfo(id: 7, count: 8))
                == "http://queue:5000/?shard=7")
        #expect(
            GatewayQueueClient(baseURL: "http://queue/q/").url(for: ShardInfo(id: 0, count: 8))
                == "http://queue/q/?shard=0")
        #expect(
            GatewayQueueClient(baseURL: "http://queue/?key=a").url(for: ShardInfo(id: 1, count: 8))
                == "http://queue/?key=a&shard=1")
    }
}
