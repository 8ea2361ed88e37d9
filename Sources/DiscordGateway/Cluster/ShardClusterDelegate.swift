/// Receives a cluster's events, each tagged with its shard, and its startup and budget signals.
///
/// Every method has a no-op default. Methods are called one at a time on the cluster's callback queue
/// (``ShardClusterConfiguration/callbackQueue``; by default one serial queue for the whole cluster), the delegate
/// first, then closure handlers in registration order.
///
/// **Threading:** implementations must be `Sendable`; callbacks arrive on the callback queue.
public protocol ShardClusterDelegate: AnyObject, Sendable {
    /// A dispatch from one of the shards.
    func shardCluster(_ cluster: ShardCluster, didReceive event: GatewayEvent, from shard: Shard)
    /// One shard's state changed.
    func shardCluster(
        _ cluster: ShardCluster, shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState)
    /// Startup progress: `ready` of `total` shards have reached ``ShardState/connected`` at least once.
    func shardCluster(_ cluster: ShardCluster, didUpdateStartupProgress ready: Int, of total: Int)
    /// Every shard is connected for the first time since ``ShardCluster/start()``.
    func shardClusterDidBecomeReady(_ cluster: ShardCluster)
    /// The daily session-start budget fell to its reserve: identifies are held until `resetAfter` has passed.
    func shardCluster(_ cluster: ShardCluster, didExhaustIdentifyBudget remaining: Int, resetAfter: Duration)
    /// One shard's connection ended; `error.isRetryable` tells whether it reconnects on its own.
    func shardCluster(_ cluster: ShardCluster, shard: Shard, didDisconnectWith error: ShardError)
    /// One shard stopped for good (fatal close code or TLS certificate failure).
    func shardCluster(_ cluster: ShardCluster, shard: Shard, didStopWith error: ShardError)
}

extension ShardClusterDelegate {
    /// Does nothing.
    public func shardCluster(_ cluster: ShardCluster, didReceive event: GatewayEvent, from shard: Shard) {}
    /// Does nothing.
    public func shardCluster(
        _ cluster: ShardCluster, shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState
    ) {}
    /// Does nothing.
    public func shardCluster(_ cluster: ShardCluster, didUpdateStartupProgress ready: Int, of total: Int) {}
    /// Does nothing.
    public func shardClusterDidBecomeReady(_ cluster: ShardCluster) {}
    /// Does nothing.
    public func shardCluster(_ cluster: ShardCluster, didExhaustIdentifyBudget remaining: Int, resetAfter: Duration) {}
    /// Does nothing.
    public func shardCluster(_ cluster: ShardCluster, shard: Shard, didDisconnectWith error: ShardError) {}
    /// Does nothing.
    public func shardCluster(_ cluster: ShardCluster, shard: Shard, didStopWith error: ShardError) {}
}
