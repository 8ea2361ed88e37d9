public import DiscordModel

/// Which dispatch events a shard delivers, by name (`t`).
///
/// The shard reads only the envelope of each payload (see `PayloadPeek`) and drops dispatches the filter
/// rejects before copying or decoding them; their sequence numbers are still tracked, so resuming is unaffected.
/// Filtering does not replace intents: intents stop Discord from sending events at all.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayEventFilter: Hashable, Sendable, CustomStringConvertible {
    /// The accepted names, or `nil` for every name.
    private let names: Set<String>?

    /// Delivers every dispatch.
    public static let all = GatewayEventFilter(names: nil)
    /// Delivers no dispatch (the shard still processes READY and RESUMED itself).
    public static let none = GatewayEventFilter(names: Set<String>())

    /// Delivers only dispatches whose name is in `names`, such as `["MESSAGE_CREATE", "INTERACTION_CREATE"]`.
    public init(names: some Sequence<String>) {
        self.names = Set(names)
    }

    /// Delivers only the given event types, such as `[.messageCreate, .interactionCreate]`.
    public init(types: some Sequence<GatewayEventType>) {
        self.names = Set(types.lazy.map(\.rawValue))
    }

    /// Delivers only the given event types: `GatewayEventFilter(.messageCreate, .guildCreate)`.
    public init(_ types: GatewayEventType...) {
        self.init(types: types)
    }

    /// Whether a dispatch of this type is delivered.
    public func allows(_ type: GatewayEventType) -> Bool {
        allows(type.rawValue)
    }

    /// The stored form.
    private init(names: Set<String>?) {
        self.names = names
    }

    /// Whether a dispatch with this name is delivered.
    @inlinable
    public func allows(_ name: String) -> Bool {
        allowedNames?.contains(name) ?? true
    }

    /// The accepted names, or `nil` when every name is accepted.
    public var allowedNames: Set<String>? {
        names
    }

    /// Whether every dispatch is delivered.
    public var allowsAll: Bool {
        names == nil
    }

    /// `"all events"` or the sorted names.
    public var description: String {
        guard let names else { return "all events" }
        return names.isEmpty ? "no events" : names.sorted().joined(separator: ", ")
    }
}
