/// One event from a cluster, tagged with its shard.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ClusterEvent: Hashable, Sendable {
    /// The shard that received it.
    public let shardID: Int
    /// The event.
    public let event: GatewayEvent

    /// Tags `event` with `shardID`.
    public init(shardID: Int, event: GatewayEvent) {
        self.shardID = shardID
        self.event = event
    }
}
