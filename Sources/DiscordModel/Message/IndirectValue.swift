/// Heap storage for a value that contains a value of its own type (a reply's ``Message``, a section's accessory
/// ``Component``), so the containing struct keeps a fixed size. Encodes and decodes as the wrapped value.
///
/// **Threading:** an immutable value; `Sendable` when `Wrapped` is.
indirect enum IndirectValue<Wrapped> {
    /// The boxed value.
    case boxed(Wrapped)

    /// The wrapped value.
    var value: Wrapped {
        switch self {
        case .boxed(let wrapped): wrapped
        }
    }
}

extension IndirectValue: Equatable where Wrapped: Equatable {}
extension IndirectValue: Hashable where Wrapped: Hashable {}
extension IndirectValue: Sendable where Wrapped: Sendable {}

extension IndirectValue: Decodable where Wrapped: Decodable {
    /// Decodes the wrapped value in place (no extra nesting on the wire).
    init(from decoder: any Decoder) throws {
        self = .boxed(try Wrapped(from: decoder))
    }
}

extension IndirectValue: Encodable where Wrapped: Encodable {
    /// Encodes the wrapped value in place.
    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

extension IndirectValue {
    /// Takes a possibly-null, possibly-absent value out of its box (absent stays `nil`, `null` stays `.null`).
    static func unbox(_ boxed: Nullable<IndirectValue>?) -> Nullable<Wrapped>? {
        switch boxed {
        case .none: nil
        case .some(.null): .null
        case .some(.value(let box)): .value(box.value)
        }
    }

    /// Puts a possibly-null, possibly-absent value in a box (absent stays `nil`, `null` stays `.null`).
    static func box(_ value: Nullable<Wrapped>?) -> Nullable<IndirectValue>? {
        switch value {
        case .none: nil
        case .some(.null): .null
        case .some(.value(let wrapped)): .value(.boxed(wrapped))
        }
    }
}
