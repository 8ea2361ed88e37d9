/// The keyed container for one JSON object on the tape.
///
/// Lookups scan the object's keys comparing UTF-8 bytes, starting at the key found last (remembered on the
/// tape), so keys asked in document order cost one or two comparisons each. Objects with escaped or (possibly)
/// repeated keys are looked up in a table of their unescaped keys, built once per object, in which the first of
/// repeated keys wins.
///
/// **Threading:** not thread-safe; used by one decode on one thread.
struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The document's decoder.
    let decoder: JSONTapeDecoder
    /// The object's tape index.
    let object: Int

    /// The object's path.
    var codingPath: [any CodingKey] {
        decoder.path(to: object)
    }

    /// Every key of the object that `Key` accepts, once each, in document order.
    var allKeys: [Key] {
        let tape = decoder.tape
        let end = Int(tape[object].second)
        let firstOccurrences = tape[object].has(.slowKeys) ? decoder.keyTable(forObject: object) : nil
        var keys: [Key] = []
        var index = object + 1
        while index < end {
            let name = decoder.string(at: index)
            if firstOccurrences == nil || firstOccurrences?[name] == index, let key = Key(stringValue: name) {
                keys.append(key)
            }
            index = tape.next(after: index + 1)
        }
        return keys
    }

    /// Whether the object has `key`.
    func contains(_ key: Key) -> Bool {
        find(key) != nil
    }

    /// The tape index of `key`'s value, or `nil` when the object lacks it.
    @inline(__always)
    private func find(_ key: Key) -> Int? {
        let tape = decoder.tape
        let header = tape[object]
        guard header.first > 0 else { return nil }
        let name = key.stringValue
        if !header.has(.slowKeys),
            let found = name.utf8.withContiguousStorageIfAvailable({ needle in find(bytes: needle, header: header) })
        {
            return found
        }
        return findUnescaped(name)
    }

    /// Scans the keys, starting at the hint, for the bytes `needle`; returns the value's tape index.
    @inline(__always)
    private func find(bytes needle: UnsafeBufferPointer<UInt8>, header: JSONTapeEntry) -> Int? {
        let tape = decoder.tape
        let firstKey = object + 1
        let end = Int(header.second)
        let start = header.hint == 0 ? firstKey : Int(header.hint)
        var index = start
        repeat {
            let entry = tape[index]
            if Int(entry.second) == needle.count, JSONBytes.equal(tape.text(index), needle) {
                tape.setHint(index, forObject: object)
                return index + 1
            }
            index = tape.next(after: index + 1)
            if index >= end { index = firstKey }
        } while index != start
        return nil
    }

    /// Looks `name` up among the unescaped keys (the first of repeated keys wins); returns the value's tape index.
    private func findUnescaped(_ name: String) -> Int? {
        decoder.keyTable(forObject: object)[name].map { $0 + 1 }
    }

    /// The tape index of `key`'s value, or the `keyNotFound` error Foundation throws.
    @inline(__always)
    private func require(_ key: Key) throws -> Int {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return index
    }

    /// The tape index of `key`'s value unless it is absent or `null`.
    @inline(__always)
    private func present(_ key: Key) -> Int? {
        guard let index = find(key), decoder.tape[index].kind != .null else { return nil }
        return index
    }

    /// Whether `key`'s value is `null`; throws `keyNotFound` when absent.
    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.tape[try require(key)].kind == .null
    }

    /// Decodes a `Bool`.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try decoder.decodeBool(at: require(key))
    }

    /// Decodes a `String`.
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decoder.decodeString(at: require(key))
    }

    /// Decodes a `Double`.
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decoder.decodeDouble(at: require(key))
    }

    /// Decodes a `Float`.
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try decoder.decodeFloat(at: require(key))
    }

    /// Decodes an `Int`.
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes an `Int8`.
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes an `Int16`.
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes an `Int32`.
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes an `Int64`.
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes a `UInt`.
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes a `UInt8`.
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes a `UInt16`.
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes a `UInt32`.
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes a `UInt64`.
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decoder.decodeInteger(type, at: require(key))
    }

    /// Decodes any `Decodable`.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decode(type, at: require(key))
    }

    /// Decodes a `Bool`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeBool(at: index)
    }

    /// Decodes a `String`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeString(at: index)
    }

    /// Decodes a `Double`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeDouble(at: index)
    }

    /// Decodes a `Float`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeFloat(at: index)
    }

    /// Decodes an `Int`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int8`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int16`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int32`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes an `Int64`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt8`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt16`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt32`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes a `UInt64`, or `nil` when absent or `null`.
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        guard let index = present(key) else { return nil }
        return try decoder.decodeInteger(type, at: index)
    }

    /// Decodes any `Decodable`, or `nil` when absent or `null`.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let index = present(key) else { return nil }
        return try decoder.decode(type, at: index)
    }

    /// A keyed container for the object at `key`.
    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let index = try decoder.requireObject(at: require(key))
        return KeyedDecodingContainer(JSONKeyedContainer<NestedKey>(decoder: decoder, object: index))
    }

    /// An unkeyed container for the array at `key`.
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONUnkeyedContainer(decoder: decoder, array: decoder.requireArray(at: require(key)))
    }

    /// A decoder for the value at `"super"` (`null` when absent).
    func superDecoder() throws -> any Decoder {
        superDecoder(named: GatewayJSONKey.superKey)
    }

    /// A decoder for the value at `key` (`null` when absent).
    func superDecoder(forKey key: Key) throws -> any Decoder {
        superDecoder(named: key)
    }

    /// A decoder for the value at `key` (`null` when absent, with `key` on its path).
    private func superDecoder(named key: some CodingKey) -> JSONTapeDecoder {
        let lookup = JSONKeyedContainer<GatewayJSONKey>(decoder: decoder, object: object)
        if let index = lookup.find(GatewayJSONKey(stringValue: key.stringValue)) {
            return decoder.superDecoder(at: index)
        }
        return decoder.superDecoder(absentAt: codingPath + [key])
    }
}
