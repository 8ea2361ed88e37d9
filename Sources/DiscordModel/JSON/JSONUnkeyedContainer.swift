/// The unkeyed container for one JSON array on the tape: walks the elements in order.
///
/// Stored in 24 bytes, so `any UnkeyedDecodingContainer` holds it without a heap box.
///
/// **Threading:** not thread-safe; used by one decode on one thread.
struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    /// The document's decoder.
    let decoder: JSONTapeDecoder
    /// The array's tape index.
    private let array: UInt32
    /// The next element's tape index.
    private var position: UInt32
    /// The next element's position in the array.
    private var index: UInt32
    /// The number of elements.
    private let elementCount: UInt32

    /// Makes a container for the array at `array`.
    init(decoder: JSONTapeDecoder, array: Int) {
        self.decoder = decoder
        self.array = UInt32(truncatingIfNeeded: array)
        position = UInt32(truncatingIfNeeded: array + 1)
        index = 0
        elementCount = decoder.tape[array].first
    }

    /// The array's path.
    var codingPath: [any CodingKey] {
        decoder.path(to: Int(array))
    }

    /// The number of elements.
    var count: Int? {
        Int(elementCount)
    }

    /// Whether every element has been decoded.
    var isAtEnd: Bool {
        index >= elementCount
    }

    /// The next element's position in the array.
    var currentIndex: Int {
        Int(index)
    }

    /// The next element's tape index, or the `valueNotFound` error Foundation throws at the end.
    @inline(__always)
    private func next(_ type: Any.Type) throws -> Int {
        guard index < elementCount else {
            throw DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: codingPath + [GatewayJSONKey(intValue: currentIndex)],
                    debugDescription: "Unkeyed container is at end."))
        }
        return Int(position)
    }

    /// Moves past the element at `element`.
    @inline(__always)
    private mutating func advance(past element: Int) {
        position = UInt32(truncatingIfNeeded: decoder.tape.next(after: element))
        index += 1
    }

    /// Decodes the next element with `body`, moving past it only when that succeeds.
    @inline(__always)
    private mutating func decodeNext<T>(_ type: T.Type, _ body: (JSONTapeDecoder, Int) throws -> T) throws -> T {
        let element = try next(type)
        let value = try body(decoder, element)
        advance(past: element)
        return value
    }

    /// Whether the next element is `null`; moves past it only if it is.
    mutating func decodeNil() throws -> Bool {
        let element = try next(Any?.self)
        guard decoder.tape[element].kind == .null else { return false }
        advance(past: element)
        return true
    }

    /// Decodes a `Bool`.
    mutating func decode(_ type: Bool.Type) throws -> Bool {
        try decodeNext(type) { try $0.decodeBool(at: $1) }
    }

    /// Decodes a `String`.
    mutating func decode(_ type: String.Type) throws -> String {
        try decodeNext(type) { try $0.decodeString(at: $1) }
    }

    /// Decodes a `Double`.
    mutating func decode(_ type: Double.Type) throws -> Double {
        try decodeNext(type) { try $0.decodeDouble(at: $1) }
    }

    /// Decodes a `Float`.
    mutating func decode(_ type: Float.Type) throws -> Float {
        try decodeNext(type) { try $0.decodeFloat(at: $1) }
    }

    /// Decodes an `Int`.
    mutating func decode(_ type: Int.Type) throws -> Int {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes an `Int8`.
    mutating func decode(_ type: Int8.Type) throws -> Int8 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes an `Int16`.
    mutating func decode(_ type: Int16.Type) throws -> Int16 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes an `Int32`.
    mutating func decode(_ type: Int32.Type) throws -> Int32 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes an `Int64`.
    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes a `UInt`.
    mutating func decode(_ type: UInt.Type) throws -> UInt {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes a `UInt8`.
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes a `UInt16`.
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes a `UInt32`.
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes a `UInt64`.
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
        try decodeNext(type) { try $0.decodeInteger(type, at: $1) }
    }

    /// Decodes any `Decodable`.
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeNext(type) { try $0.decode(type, at: $1) }
    }

    /// A keyed container for the next element, which must be an object.
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decodeNext(KeyedDecodingContainer<NestedKey>.self) { decoder, element in
            KeyedDecodingContainer(
                JSONKeyedContainer<NestedKey>(decoder: decoder, object: try decoder.requireObject(at: element)))
        }
    }

    /// An unkeyed container for the next element, which must be an array.
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try decodeNext((any UnkeyedDecodingContainer).self) { decoder, element in
            JSONUnkeyedContainer(decoder: decoder, array: try decoder.requireArray(at: element))
        }
    }

    /// A decoder for the next element.
    mutating func superDecoder() throws -> any Decoder {
        try decodeNext(JSONTapeDecoder.self) { $0.superDecoder(at: $1) }
    }
}

/// The single value container for one value on the tape.
///
/// **Threading:** not thread-safe; used by one decode on one thread.
struct JSONSingleValueContainer: SingleValueDecodingContainer {
    /// The document's decoder.
    let decoder: JSONTapeDecoder
    /// The value's tape index.
    let index: Int

    /// The value's path.
    var codingPath: [any CodingKey] {
        decoder.path(to: index)
    }

    /// Whether the value is `null`.
    func decodeNil() -> Bool {
        decoder.tape[index].kind == .null
    }

    /// Decodes a `Bool`.
    func decode(_ type: Bool.Type) throws -> Bool {
        try decoder.decodeBool(at: index)
    }

    /// Decodes a `String`.
    func decode(_ type: String.Type) throws -> String {
        try decoder.decodeString(at: index)
    }

    /// Decodes a `Double`.
    func decode(_ type: Double.Type) throws -> Double {
        try decoder.decodeDouble(at: index)
    }

    /// Decodes a `Float`.
    func decode(_ type: Float.Type) throws -> Float {
        try decoder.decodeFloat(at: index)
    }

    /// Decodes an `Int`.
    func decode(_ type: Int.Type) throws -> Int {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int8`.
    func decode(_ type: Int8.Type) throws -> Int8 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int16`.
    func decode(_ type: Int16.Type) throws -> Int16 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int32`.
    func decode(_ type: Int32.Type) throws -> Int32 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int64`.
    func decode(_ type: Int64.Type) throws -> Int64 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt`.
    func decode(_ type: UInt.Type) throws -> UInt {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt8`.
    func decode(_ type: UInt8.Type) throws -> UInt8 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt16`.
    func decode(_ type: UInt16.Type) throws -> UInt16 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt32`.
    func decode(_ type: UInt32.Type) throws -> UInt32 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt64`.
    func decode(_ type: UInt64.Type) throws -> UInt64 {
        try decoder.decodeInteger(type, at: index)
    }

    /// Decodes any `Decodable`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.decode(type, at: index)
    }
}
