/// Forwards every shard's callbacks to its cluster.
///
/// **Threading:** called on the cluster's callback queue; holds only a weak reference (in a `Locked`).
final class ClusterShardObserver: ShardDelegate {
    /// The weak cluster reference.
    private struct Target {
        weak var cluster: ShardCluster?
    }
    /// The cluster.
    private let target = Locked(Target())

    /// The cluster, set once right after it is made.
    var cluster: ShardCluster? {
        get { target.withLock { $0.cluster } }
        set { target.withLock { $0.cluster = newValue } }
    }

    func shard(_ shard: Shard, didReceive event: GatewayEvent) {
        cluster?.deliver(event, from: shard)
    }

    func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState) {
        cluster?.stateChanged(shard, from: oldState, to: newState)
    }

    func shard(_ shard: Shard, didDisconnectWith error: ShardError) {
        cluster?.disconnected(shard, error: error)
    }

    func shard(_ shard: Shard, didStopWith error: ShardError) {
        cluster?.stopped(shard, error: error)
    }
}
