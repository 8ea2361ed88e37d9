/// One shard's health, for status tables.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ShardStatus: Hashable, Sendable {
    /// The shard id.
    public let id: Int
    /// Its state.
    public let state: ShardState
    /// Its latest heartbeat round trip.
    public let latency: Duration?
    /// How many times it reconnected.
    public let reconnectCount: Int
    /// When its last dispatch arrived.
    public let lastEventAt: ContinuousClock.Instant?
}
