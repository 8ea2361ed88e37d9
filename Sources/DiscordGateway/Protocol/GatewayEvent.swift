/// One payload received from the gateway, as delivered to users (Discord docs: "Gateway Events", "Receive Events").
///
/// Usually a dispatch (``opcode`` is ``GatewayOpcode/dispatch``) with its ``name`` (`t`) and ``sequence`` (`s`).
/// The data is kept as the raw UTF-8 JSON of the whole message and decoded only on demand: ``decoded()`` gives the
/// typed ``DispatchEvent`` (DiscordModel), ``decodeData(_:)`` decodes `d` into any `Decodable` of your own, so
/// events you ignore cost nothing.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayEvent: Hashable, Sendable, CustomStringConvertible {
    /// The payload's `op`.
    public let opcode: GatewayOpcode
    /// The dispatch event name (`t`), such as `"MESSAGE_CREATE"`; `nil` for other opcodes.
    public let name: String?
    /// The dispatch sequence number (`s`); `nil` for other opcodes.
    public let sequence: Int?
    /// The UTF-8 JSON of the whole message, envelope included.
    public let rawPayload: [UInt8]

    /// Makes an event from its envelope fields and the whole message's JSON.
    public init(opcode: GatewayOpcode, name: String?, sequence: Int?, rawPayload: [UInt8]) {
        self.opcode = opcode
        self.name = name
        self.sequence = sequence
        self.rawPayload = rawPayload
    }

    /// The whole message as text (invalid UTF-8 is replaced, which a validated frame never contains).
    public var rawText: String {
        String(decoding: rawPayload, as: UTF8.self)
    }

    /// Decodes the payload's `d` into a model of your choice, such as `Message.self` or your own `Decodable`.
    ///
    /// Uses `GatewayJSONDecoder` (strict JSON; Foundation `JSONDecoder` default-strategy behaviour for `Decodable`
    /// types, including `URL`, `Data` as Base64 and `Decimal`); snowflakes arrive as JSON strings.
    ///
    /// - Parameter type: the model for `d`.
    /// - Returns: the decoded value.
    /// - Throws: ``EventDecodingError`` (event name, coding path, message, payload) when `d` is missing or does not
    ///   match `T`.
    public func decodeData<T: Decodable>(_ type: T.Type = T.self) throws(EventDecodingError) -> T {
        try PayloadDataDecoder(name: name ?? "op \(opcode.rawValue)", payload: rawPayload).decode(T.self)
    }

    /// `"MESSAGE_CREATE #42 (1234 bytes)"` or `"op 11 (9 bytes)"`; no payload contents.
    public var description: String {
        if let name {
            return "\(name)\(sequence.map { " #\($0)" } ?? "") (\(rawPayload.count) bytes)"
        }
        return "op \(opcode.rawValue) (\(rawPayload.count) bytes)"
    }
}
