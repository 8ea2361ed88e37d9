/// An ``IdentifyCoordinator`` backed by twilight's gateway-queue HTTP service, so shards in several processes
/// share one identify queue.
///
/// For each request it sends `GET {baseURL}/?shard=<id>`; the service holds the request until that shard's
/// bucket may identify and then answers `200`, which grants the slot. Connection errors, timeouts and other
/// statuses are retried with a short exponential backoff (from ``retryDelay`` up to ``maximumRetryDelay``), so a
/// restarting queue service delays identifies instead of failing them. Only the service enforces the limits; this
/// client adds none of its own and tracks no daily budget.
///
/// Cancelling a waiting request aborts its HTTP request and its grant is never called. If the service had
/// already reserved a slot for it, that slot simply goes unused.
///
/// **Threading:** safe from any thread; one `Locked` map of waiting requests. Each request runs as a `Task`
/// whose HTTP exchange uses its own thread; grants are called from that task, never under the lock.
public final class GatewayQueueClient: IdentifyCoordinator, Sendable {
    /// A waiting request's task (set right after the task is created).
    private struct Waiter {
        /// The task performing the HTTP requests.
        var task: Task<Void, Never>?
    }

    /// The queue service's base URL, e.g. `http://gateway-queue:5000`.
    public let baseURL: String
    /// Trust settings for an `https://` service.
    public let tls: TLSConfiguration
    /// How long one HTTP request may wait for the service's answer.
    public let requestTimeout: Duration
    /// The first delay before retrying a failed request.
    public let retryDelay: Duration
    /// The longest delay between retries.
    public let maximumRetryDelay: Duration
    /// Waiting requests by id.
    private let waiters = Locked<[UInt64: Waiter]>([:])

    /// Makes a client for the service at `baseURL`.
    ///
    /// - Parameters:
    ///   - baseURL: `http://` or `https://` base of the service; `/?shard=<id>` is appended.
    ///   - tls: trust settings for `https://`.
    ///   - requestTimeout: how long one request may wait for the answer (the service holds requests while
    ///     shards queue, so keep it long); after it the request is retried.
    ///   - retryDelay: the first delay before retrying.
    ///   - maximumRetryDelay: the cap of the doubling retry delay.
    public init(
        baseURL: String,
        tls: TLSConfiguration = .default,
        requestTimeout: Duration = .seconds(600),
        retryDelay: Duration = .milliseconds(500),
        maximumRetryDelay: Duration = .seconds(10)
    ) {
        self.baseURL = baseURL
        self.tls = tls
        self.requestTimeout = requestTimeout
        self.retryDelay = retryDelay
        self.maximumRetryDelay = maximumRetryDelay
    }

    /// Requests waiting for the service's answer.
    public var waitingCount: Int {
        waiters.withLock { $0.count }
    }

    /// The URL asked for `shard`: `{baseURL}/?shard=<id>` (or `&shard=<id>` when the base has a query).
    package func url(for shard: ShardInfo) -> String {
        if baseURL.contains("?") { return baseURL + "&shard=\(shard.id)" }
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + "/?shard=\(shard.id)"
    }

    /// Asks the service for a slot; `grant` runs once when it answers `200` (see ``IdentifyCoordinator``).
    ///
    /// A request whose id is already waiting is ignored.
    public func requestIdentify(_ request: IdentifyRequest, grant: @escaping @Sendable () -> Void) {
        let isNew = waiters.withLock { waiters in
            guard waiters[request.id] == nil else { return false }
            waiters[request.id] = Waiter()
            return true
        }
        guard isNew else { return }
        let task = Task { [self] in
            await waitForSlot(url(for: request.shard))
            guard !Task.isCancelled else { return }
            let isStillWaiting = waiters.withLock { $0.removeValue(forKey: request.id) != nil }
            if isStillWaiting { grant() }
        }
        let isCancelled = waiters.withLock { waiters in
            guard waiters[request.id] != nil else { return true }
            waiters[request.id]?.task = task
            return false
        }
        if isCancelled { task.cancel() }
    }

    /// Drops a waiting request and aborts its HTTP request; its grant is never called.
    public func cancel(_ request: IdentifyRequest) {
        let waiter = waiters.withLock { $0.removeValue(forKey: request.id) }
        waiter?.task?.cancel()
    }

    /// Asks the service until it answers `200` or the task is cancelled.
    private func waitForSlot(_ url: String) async {
        var delay = retryDelay
        while !Task.isCancelled {
            do {
                let response = try await HTTPClient.get(
                    url, tls: tls, timeout: requestTimeout, maximumBodySize: 64 << 10)
                if response.status == 200 { return }
            } catch is CancellationError {
                return
            } catch {
                // Connection trouble or a timeout: retry below.
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
            delay = min(delay * 2, maximumRetryDelay)
        }
    }
}
