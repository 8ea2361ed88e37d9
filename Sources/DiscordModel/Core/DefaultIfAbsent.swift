/// A value with an obvious "nothing" form: `false`, an empty list, an empty string.
///
/// Fields of these types that Discord always sends in full objects but may leave out of partial ones (a resolved
/// message in an interaction, for example) are decoded with ``DefaultIfAbsent``.
public protocol AbsentDefault {
    /// The value an absent (or `null`) field takes.
    static var absentDefault: Self { get }
}

extension Bool: AbsentDefault {
    /// `false`.
    public static var absentDefault: Bool { false }
}

extension String: AbsentDefault {
    /// The empty string.
    public static var absentDefault: String { "" }
}

extension Array: AbsentDefault {
    /// The empty list.
    public static var absentDefault: [Element] { [] }
}

/// A stored property that decodes to its type's ``AbsentDefault/absentDefault`` when its key is absent or `null`,
/// instead of failing the whole object. Public so that your own models can use it too.
///
/// A present value of the wrong type still throws, so a changed wire type is reported, not hidden. Encoding always
/// writes the value. The property keeps its plain type in the public API (`message.pinned` is a `Bool`).
///
/// **Threading:** an immutable value; `Sendable` when `Value` is.
@propertyWrapper
public struct DefaultIfAbsent<Value: AbsentDefault & Codable> {
    /// The value.
    public var wrappedValue: Value

    /// Wraps `wrappedValue`.
    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }
}

extension DefaultIfAbsent: Equatable where Value: Equatable {}
extension DefaultIfAbsent: Hashable where Value: Hashable {}
extension DefaultIfAbsent: Sendable where Value: Sendable {}

extension DefaultIfAbsent: Codable {
    /// Decodes the plain value (used only when the key is present; see the container overload).
    public init(from decoder: any Decoder) throws {
        wrappedValue = try Value(from: decoder)
    }

    /// Encodes the plain value.
    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a ``DefaultIfAbsent`` property: the default when `key` is absent or `null`, the value otherwise.
    public func decode<Value>(_ type: DefaultIfAbsent<Value>.Type, forKey key: Key) throws -> DefaultIfAbsent<Value> {
        DefaultIfAbsent(wrappedValue: try decodeIfPresent(Value.self, forKey: key) ?? Value.absentDefault)
    }
}
