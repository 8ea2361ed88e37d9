/// A field Discord documents as nullable, for the places where a missing key and `null` mean different things
/// (Discord docs: "Nullable and Optional Resource Fields"), such as partial updates.
///
/// Declare the property as `Nullable<T>?`: `nil` means the key was absent ("unchanged"), `.null` means the JSON
/// held `null` ("cleared"), `.value(x)` means it was set. The `KeyedDecodingContainer`/`KeyedEncodingContainer`
/// overloads below make synthesized `Codable` keep that difference; plain `T?` properties treat both as `nil`.
///
/// **Threading:** an immutable value; `Sendable` when `Wrapped` is.
public enum Nullable<Wrapped> {
    /// The JSON held `null`.
    case null
    /// The JSON held a value.
    case value(Wrapped)

    /// The value, or `nil` for ``null``.
    public var value: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }

    /// Wraps an optional: `nil` becomes ``null``.
    public init(_ optional: Wrapped?) {
        if let optional { self = .value(optional) } else { self = .null }
    }
}

extension Nullable: Equatable where Wrapped: Equatable {}
extension Nullable: Hashable where Wrapped: Hashable {}
extension Nullable: Sendable where Wrapped: Sendable {}

extension Nullable: Decodable where Wrapped: Decodable {
    /// Decodes `null` or a `Wrapped`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else {
            self = .value(try container.decode(Wrapped.self))
        }
    }
}

extension Nullable: Encodable where Wrapped: Encodable {
    /// Encodes `null` or the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .value(let wrapped): try container.encode(wrapped)
        }
    }
}

extension KeyedDecodingContainer {
    /// Keeps absent (`nil`) apart from `null` (`.null`) for `Nullable<T>?` properties of synthesized `Decodable`.
    public func decodeIfPresent<T: Decodable>(_ type: Nullable<T>.Type, forKey key: Key) throws -> Nullable<T>? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Leaves the key out for `nil`, writes `null` for `.null`, for `Nullable<T>?` properties of synthesized
    /// `Encodable`.
    public mutating func encodeIfPresent<T: Encodable>(_ value: Nullable<T>?, forKey key: Key) throws {
        switch value {
        case .none: return
        case .some(.null): try encodeNil(forKey: key)
        case .some(.value(let wrapped)): try encode(wrapped, forKey: key)
        }
    }
}
