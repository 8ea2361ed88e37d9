/// Receives a shard's events, state changes and disconnects.
///
/// Every method has a no-op default, so implement only what you need. Methods are called one at a time, in order,
/// on the shard's callback queue (``ShardConfiguration/callbackQueue``; by default a serial queue per shard) —
/// never on the shard's own queue and never under a lock, so a slow method delays only later callbacks, not
/// heartbeats. The delegate is called first, then closure handlers in registration order.
///
/// **Threading:** implementations must be `Sendable`; callbacks arrive on the callback queue.
public protocol ShardDelegate: AnyObject, Sendable {
    /// The WebSocket opened (before Hello); called for every connection, reconnects included.
    func shardDidConnect(_ shard: Shard)
    /// A dispatch the event filter lets through (READY and RESUMED included).
    func shard(_ shard: Shard, didReceive event: GatewayEvent)
    /// The user-visible state changed.
    func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState)
    /// A connection ended; `error.isRetryable` tells whether the shard reconnects on its own.
    func shard(_ shard: Shard, didDisconnectWith error: ShardError)
    /// The shard stopped for good because of `error` (a fatal close code or a TLS certificate failure).
    func shard(_ shard: Shard, didStopWith error: ShardError)
    /// One callback ran longer than ``ShardConfiguration/slowCallbackThreshold`` (reported after it returned).
    func shard(_ shard: Shard, callbackRanFor duration: Duration)
}

extension ShardDelegate {
    /// Does nothing.
    public func shardDidConnect(_ shard: Shard) {}
    /// Does nothing.
    public func shard(_ shard: Shard, didReceive event: GatewayEvent) {}
    /// Does nothing.
    public func shard(_ shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState) {}
    /// Does nothing.
    public func shard(_ shard: Shard, didDisconnectWith error: ShardError) {}
    /// Does nothing.
    public func shard(_ shard: Shard, didStopWith error: ShardError) {}
    /// Does nothing.
    public func shard(_ shard: Shard, callbackRanFor duration: Duration) {}
}
