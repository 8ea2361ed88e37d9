public import DiscordModel
internal import Logging

extension Shard {
    /// Registers a handler for dispatches decoded into their typed models (``DispatchEvent``), after the delegate
    /// and earlier handlers, on the callback queue.
    ///
    /// Only the dispatches the event filter lets through are decoded, and only when a handler like this one asks:
    /// combine it with ``ShardConfiguration/eventFilter`` (`GatewayEventFilter(.messageCreate, …)`) so the shard
    /// never copies or parses what you do not use. Unknown event names arrive as ``DispatchEvent/unknown(name:payload:)``.
    ///
    /// A dispatch whose data does not match its model never stops the shard and is never silently dropped: it goes
    /// to `decodeFailed` with the raw event, or, without one, is logged at warning level with the event name and
    /// coding path (never the payload).
    ///
    /// - Parameters:
    ///   - handler: called with each decoded dispatch.
    ///   - decodeFailed: called with the error (event name, coding path, message, payload) and the raw event.
    public func onDispatch(
        _ handler: @escaping @Sendable (DispatchEvent) -> Void,
        decodeFailed: (@Sendable (EventDecodingError, GatewayEvent) -> Void)? = nil
    ) {
        let logger = configuration.logger
        let shardID = id
        onEvent { event in
            decodeDispatch(
                event, shardID: shardID, logger: logger, handler: handler,
                failed: decodeFailed.map { report in { report($0, event) } })
        }
    }
}

extension ShardCluster {
    /// Registers a handler for every shard's dispatches decoded into their typed models, with the shard id; see
    /// ``Shard/onDispatch(_:decodeFailed:)``.
    ///
    /// - Parameters:
    ///   - handler: called with the shard id and each decoded dispatch.
    ///   - decodeFailed: called with the error and the raw event tagged with its shard; without it, failures are
    ///     logged at warning level.
    public func onDispatch(
        _ handler: @escaping @Sendable (_ shardID: Int, DispatchEvent) -> Void,
        decodeFailed: (@Sendable (EventDecodingError, ClusterEvent) -> Void)? = nil
    ) {
        let logger = configuration.shardTemplate.logger
        onEvent { tagged in
            decodeDispatch(
                tagged.event, shardID: tagged.shardID, logger: logger, handler: { handler(tagged.shardID, $0) },
                failed: decodeFailed.map { report in { report($0, tagged) } })
        }
    }
}

/// Decodes one delivered event and hands the result to `handler`; a failure goes to `failed`, or without one is
/// logged at warning level.
///
/// **Threading:** runs on the callback queue that delivered `event`.
private func decodeDispatch(
    _ event: GatewayEvent, shardID: Int, logger: Logger, handler: (DispatchEvent) -> Void,
    failed: ((EventDecodingError) -> Void)?
) {
    do throws(EventDecodingError) {
        if let decoded = try event.decoded() { handler(decoded) }
    } catch {
        if let failed { return failed(error) }
        logger.warning(
            "dispatch did not decode into its model",
            metadata: [
                "shard.id": "\(shardID)", "event": "\(error.eventName)", "path": "\(error.codingPath)",
                "message": "\(error.message)", "seq": "\(event.sequence.map(String.init) ?? "-")",
            ])
    }
}
