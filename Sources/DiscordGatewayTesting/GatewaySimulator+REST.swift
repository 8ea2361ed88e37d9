internal import DiscordGateway
internal import Dispatch

/// The plain HTTP endpoints the ``GatewaySimulator`` serves on its gateway port.
///
/// - `GET /api/v10/gateway` → `{"url": …}`.
/// - `GET /api/v10/gateway/bot` with `Authorization: Bot <token>` → `url`, `shards`
///   (``GatewaySimulator/Configuration/recommendedShards``) and `session_start_limit` (`total`, `remaining`,
///   `reset_after` in ms, `max_concurrency`); without a valid token 401 `{"message": "401: Unauthorized", "code": 0}`.
/// - `GET /queue?shard=ID` (or `/queue/?shard=ID`), compatible with twilight's gateway-queue: answers 200 once the
///   shard's bucket may start a session under the simulator's own rules, one grant per bucket per window, in
///   arrival order. The grant starts the bucket's window and reserves it for that shard's Identify.
///
/// Other paths get 404, other methods 405; every reply closes the connection.
extension GatewaySimulator {
    /// A `/queue` request waiting for its bucket.
    struct QueueWaiter {
        /// The HTTP connection to answer.
        let connection: FakeGatewayConnection
        /// The requested shard id.
        let shard: Int
        /// Its rate-limit key.
        let bucket: Int
    }

    /// Answers a plain HTTP request (called on the connection's I/O thread by ``FakeGateway``).
    func respond(
        to request: WebSocketHandshake.HTTPRequest, on connection: FakeGatewayConnection
    )
        -> WebSocketConnection.HTTPAnswer
    {
        defer { flushLog() }
        let (path, query) = FakeGatewayConnection.split(request.path)
        let answer = state.withLock { state -> WebSocketConnection.HTTPAnswer in
            let answer = route(request, path: path, query: query, on: connection, in: &state)
            if configuration.log != nil {
                let outcome: String
                switch answer {
                case .reply(let reply): outcome = "\(reply.status)"
                case .deferred: outcome = "queued"
                }
                state.pendingLog.append("http: \(request.method) \(request.path) → \(outcome)")
            }
            return answer
        }
        return answer
    }

    /// Picks the endpoint.
    private func route(
        _ request: WebSocketHandshake.HTTPRequest, path: String, query: [String: String],
        on connection: FakeGatewayConnection, in state: inout State
    ) -> WebSocketConnection.HTTPAnswer {
        guard request.method == "GET" else {
            return .reply(Self.jsonReply(405, "Method Not Allowed", #"{"message":"405: Method Not Allowed","code":0}"#))
        }
        switch path {
        case "/api/v10/gateway", "/api/v10/gateway/":
            return .reply(Self.jsonReply(200, "OK", #"{"url":\#(SimulatorPayloads.quoted(url))}"#))
        case "/api/v10/gateway/bot", "/api/v10/gateway/bot/":
            let authorization = request.header("Authorization") ?? ""
            guard authorization.hasPrefix("Bot "), isValid(token: String(authorization.dropFirst(4)), in: state) else {
                return .reply(Self.jsonReply(401, "Unauthorized", #"{"message":"401: Unauthorized","code":0}"#))
            }
            return .reply(Self.jsonReply(200, "OK", gatewayBotJSON(in: &state)))
        case "/queue", "/queue/":
            guard let text = query["shard"], let shard = Int(text), shard >= 0 else {
                return .reply(Self.jsonReply(400, "Bad Request", #"{"message":"shard must be a shard id"}"#))
            }
            let bucket = state.identifyGate.bucket(forShard: shard)
            let waiting = state.queueWaiters.contains { $0.bucket == bucket }
            if !waiting, state.identifyGate.grant(bucket: bucket, at: .now) {
                return .reply(Self.queueGrant(shard: shard))
            }
            state.queueWaiters.append(QueueWaiter(connection: connection, shard: shard, bucket: bucket))
            schedulePumpIfNeeded(in: &state)
            return .deferred
        default:
            return .reply(Self.jsonReply(404, "Not Found", #"{"message":"404: Not Found","code":0}"#))
        }
    }

    /// The `/gateway/bot` body from the configuration and the current budget.
    private func gatewayBotJSON(in state: inout State) -> String {
        let now = ContinuousClock.now
        state.identifyGate.refreshBudget(at: now)
        let budget = state.identifyGate.budget
        let total = budget?.total ?? 1000
        let remaining = budget?.remaining ?? 1000
        let resetAfter = budget.map { Self.milliseconds(max($0.resetAt - now, .zero)) } ?? 86_400_000
        return #"{"url":\#(SimulatorPayloads.quoted(url)),"shards":\#(configuration.recommendedShards),"#
            + #""session_start_limit":{"total":\#(total),"remaining":\#(remaining),"reset_after":\#(resetAfter),"#
            + #""max_concurrency":\#(state.identifyGate.bucketCount)}}"#
    }

    /// Makes sure the queue is looked at again when its earliest waiting bucket may be granted.
    func schedulePumpIfNeeded(in state: inout State) {
        guard !state.queueWaiters.isEmpty else { return }
        let now = ContinuousClock.now
        var due = ContinuousClock.Instant.now + .seconds(86_400)
        for waiter in state.queueWaiters {
            due = min(due, state.identifyGate.grantableAt(bucket: waiter.bucket) ?? now)
        }
        if let scheduled = state.nextQueuePump, scheduled <= due { return }
        state.nextQueuePump = due
        let (seconds, attoseconds) = max(due - now, .zero).components
        let nanoseconds = Int(seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000) &+ 1
        // A dispatch queue of its own, not the Swift concurrency pool, which blocking test code may occupy.
        queueTimer.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in self?.pumpQueue() }
    }

    /// Grants waiting `/queue` requests whose bucket's window has passed (one per bucket, in arrival order), drops
    /// those whose client left, and schedules the next look.
    private func pumpQueue() {
        defer { flushLog() }
        state.withLock { state in
            state.nextQueuePump = nil
            let now = ContinuousClock.now
            var blocked: Set<Int> = []
            var waiting: [QueueWaiter] = []
            for waiter in state.queueWaiters where !waiter.connection.isFinished {
                if !blocked.contains(waiter.bucket), state.identifyGate.grant(bucket: waiter.bucket, at: now) {
                    waiter.connection.reply(Self.queueGrant(shard: waiter.shard))
                    if configuration.log != nil {
                        state.pendingLog.append("http: queue granted shard \(waiter.shard) (bucket \(waiter.bucket))")
                    }
                } else {
                    blocked.insert(waiter.bucket)
                    waiting.append(waiter)
                }
            }
            state.queueWaiters = waiting
            schedulePumpIfNeeded(in: &state)
        }
    }

    /// The 200 a `/queue` request gets once its shard may identify.
    private static func queueGrant(shard: Int) -> WebSocketConnection.HTTPReply {
        jsonReply(200, "OK", #"{"shard":\#(shard)}"#)
    }

    /// A JSON reply.
    private static func jsonReply(_ status: Int, _ reason: String, _ body: String) -> WebSocketConnection.HTTPReply {
        .init(status: status, reason: reason, headers: [("Content-Type", "application/json")], body: body)
    }

    /// Whole milliseconds in a duration.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) &* 1000 &+ Int(attoseconds / 1_000_000_000_000_000)
    }
}
