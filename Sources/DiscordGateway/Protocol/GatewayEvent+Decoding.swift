public import DiscordModel

extension GatewayEvent {
    /// The dispatch's type (`t`), or `nil` for other opcodes.
    public var type: GatewayEventType? {
        name.map(GatewayEventType.init(rawValue:))
    }

    /// Decodes this dispatch into its typed model, on the calling thread.
    ///
    /// Decoding is lazy: the shard never decodes `d` itself, so events you do not decode cost only the envelope
    /// peek. Unknown event names give ``DispatchEvent/unknown(name:payload:)``.
    ///
    /// - Returns: the typed event, or `nil` when this payload is not a dispatch.
    /// - Throws: ``EventDecodingError`` (event name, coding path, message and the payload) when `d` does not
    ///   match the model; the event itself is unaffected and stays available as raw bytes.
    public func decoded() throws(EventDecodingError) -> DispatchEvent? {
        guard opcode == .dispatch, let name else { return nil }
        return try DispatchEvent.decode(name: name, payload: rawPayload)
    }
}
