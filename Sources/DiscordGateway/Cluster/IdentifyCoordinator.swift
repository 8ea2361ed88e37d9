/// Which identifies go first when several shards wait for the same bucket.
///
/// **Threading:** an immutable value; `Sendable`.
public enum IdentifyPriority: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A shard that was live before and must start a new session (after Invalid Session `false`, 4007, 4009):
    /// its guilds are offline until it identifies, so it goes first.
    case reidentify = 0
    /// A shard starting for the first time in this process.
    case coldStart = 1

    /// Orders ``reidentify`` before ``coldStart``.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `"re-identify"` or `"cold start"`.
    public var description: String { self == .reidentify ? "re-identify" : "cold start" }
}

/// One shard's request for an identify slot.
///
/// **Threading:** an immutable value; `Sendable`.
public struct IdentifyRequest: Hashable, Sendable, CustomStringConvertible {
    /// Unique per request within the process; used to cancel it.
    public let id: UInt64
    /// The shard that wants to identify.
    public let shard: ShardInfo
    /// How urgent it is.
    public let priority: IdentifyPriority

    /// Makes a request.
    public init(id: UInt64, shard: ShardInfo, priority: IdentifyPriority) {
        self.id = id
        self.shard = shard
        self.priority = priority
    }

    /// `"shard 3/16 (cold start)"`.
    public var description: String { "shard \(shard.id)/\(shard.count) (\(priority))" }
}

/// Decides when each shard may send Identify, so a bot never exceeds Discord's identify limits:
/// `max_concurrency` identifies per 5 s, one per bucket `shard_id % max_concurrency`, and the daily session-start
/// budget (PROTOCOL §11).
///
/// The library ships an in-memory ``IdentifyScheduler`` (the default for a ``ShardCluster``) and a client for
/// twilight's gateway-queue HTTP service; implement this protocol to share one budget between processes some
/// other way. Resumes never ask for a slot.
///
/// **Threading:** implementations must be thread-safe; methods are called from shard queues.
public protocol IdentifyCoordinator: AnyObject, Sendable {
    /// Calls `grant` exactly once, on any thread, when the shard may identify — unless the request is cancelled
    /// first, in which case `grant` must never be called.
    func requestIdentify(_ request: IdentifyRequest, grant: @escaping @Sendable () -> Void)
    /// Withdraws a request that has not been granted yet (the shard disconnected while waiting); its slot goes to
    /// the next shard. Cancelling a granted or unknown request does nothing.
    func cancel(_ request: IdentifyRequest)
    /// The granted request's Identify was just handed to the socket. Discord counts identifies by arrival, so a
    /// coordinator may space the bucket's next grant from this moment rather than from the grant. Optional.
    func identifySent(_ request: IdentifyRequest)
}

extension IdentifyCoordinator {
    /// Does nothing.
    public func identifySent(_ request: IdentifyRequest) {}
}
