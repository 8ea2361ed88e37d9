import Foundation

/// A fast, strict JSON decoder for the DiscordModel types: parses the document once into a compact tape (no
/// per-object dictionaries, no intermediate values) and decodes `Decodable` types straight from it.
///
/// Behaves like Foundation's `JSONDecoder` with default strategies where the two overlap: the same
/// `DecodingError` kinds and coding paths (array elements as `"Index N"` keys), `decodeIfPresent` returning
/// `nil` for an absent key or `null`, integers accepted from a number with a fraction or exponent only when its
/// value is exactly integral (`1e2` decodes as `Int` 100, `1.5` does not). Where they differ:
/// - it is strict RFC 8259: trailing commas, leading zeros, invalid escapes, lone surrogates, control
///   characters in strings, invalid UTF-8 and anything but whitespace after the value are rejected, with a
///   `DecodingError.dataCorrupted` whose coding path is empty and whose underlying error is a
///   ``JSONSyntaxError``;
/// - nesting deeper than 512 arrays and objects is rejected the same way (never a stack overflow);
/// - a number that does not fit the requested type is a `dataCorrupted` error at the value's coding path;
/// - `Date` uses its own `Decodable` conformance (seconds since 2001, like Foundation's default strategy);
///   `URL`, `Data` (Base64) and `Decimal` are special-cased as Foundation's default strategies do;
/// - a double too small to represent decodes as zero rather than failing.
///
/// **Repeated keys:** the first occurrence of a key in an object wins (as with Foundation's `JSONDecoder`), and
/// `allKeys` lists each key once, in document order.
///
/// **Threading:** an immutable value; `Sendable`. Each call decodes on the calling thread with its own state.
package struct GatewayJSONDecoder: Sendable {
    /// Makes a decoder.
    package init() {}

    /// Decodes `type` from the UTF-8 JSON in `bytes`.
    ///
    /// - Throws: `DecodingError` (see the type's documentation for the kinds).
    package func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let tape = JSONTape(copying: bytes)
        var parser = JSONParser(tape: tape)
        do {
            try parser.parse()
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [], debugDescription: "The given data was not valid JSON: \(error).",
                    underlyingError: error))
        }
        return try JSONTapeDecoder(tape: tape).decode(T.self, at: 0)
    }

    /// Decodes `type` from the UTF-8 JSON in `bytes`.
    ///
    /// - Throws: `DecodingError` (see the type's documentation for the kinds).
    package func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { buffer in try decode(type, from: buffer) }
    }
}

/// A coding key made by the decoder: an object key from the document, an array position (`"Index N"`, as
/// Foundation's), or `"super"`.
///
/// **Threading:** an immutable value; `Sendable`.
struct GatewayJSONKey: CodingKey, Sendable {
    /// The key's text.
    let stringValue: String
    /// The array position, for index keys.
    let intValue: Int?

    /// Makes a string key.
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    /// Makes an index key.
    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    /// The key `superDecoder()` uses.
    static let superKey = GatewayJSONKey(stringValue: "super")
}

/// The `Decoder` handed to `init(from:)`: one instance per document, pointed at the value being decoded.
///
/// Containers remember their own tape index, so the decoder only needs to point at a value while that value's
/// `init(from:)` asks for a container. Coding paths are rebuilt from the tape on demand (for errors and
/// `codingPath`), so decoding that succeeds never builds one.
///
/// **Threading:** not thread-safe; used by one decode on one thread.
final class JSONTapeDecoder: Decoder {
    /// The parsed document.
    let tape: JSONTape
    /// The tape index of the value being decoded.
    var current: Int
    /// The tape index of an extra `null` entry, past the document, standing for an absent value.
    let absentValue: Int
    /// The coding path of the absent value a super decoder stands for, if it does.
    private let absentPath: [any CodingKey]?
    /// Tables of unescaped keys (to the first key entry with that text) of objects with escaped or repeated keys,
    /// by the object's tape index; built on first use.
    private var keyTables: [Int: [String: Int]] = [:]
    /// Per depth, the container that ``path(to:)`` last went through, the child entry it took and that child's
    /// position, so paths to consecutive elements of a large container cost O(1) each rather than O(position).
    private var pathCache: [(container: Int, child: Int, position: Int)] = []

    /// Makes a decoder for `tape` (whose root is entry 0).
    init(tape: JSONTape) {
        self.tape = tape
        absentValue = tape.append(JSONTapeEntry(kind: .null, first: 0, second: 0))
        current = 0
        absentPath = nil
    }

    /// Makes a decoder for `index` of an existing document, or for an absent value at `absentPath`.
    private init(tape: JSONTape, absentValue: Int, current: Int, absentPath: [any CodingKey]?) {
        self.tape = tape
        self.absentValue = absentValue
        self.current = current
        self.absentPath = absentPath
    }

    /// A decoder for the value at `index` (for `superDecoder` methods).
    func superDecoder(at index: Int) -> JSONTapeDecoder {
        JSONTapeDecoder(tape: tape, absentValue: absentValue, current: index, absentPath: nil)
    }

    /// A decoder for an absent value at `path` (Foundation decodes it as `null`).
    func superDecoder(absentAt path: [any CodingKey]) -> JSONTapeDecoder {
        JSONTapeDecoder(tape: tape, absentValue: absentValue, current: absentValue, absentPath: path)
    }

    /// The path of the value being decoded.
    var codingPath: [any CodingKey] {
        path(to: current)
    }

    /// No user info.
    var userInfo: [CodingUserInfoKey: Any] {
        [:]
    }

    /// A keyed container for the current value.
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try KeyedDecodingContainer(JSONKeyedContainer<Key>(decoder: self, object: requireObject(at: current)))
    }

    /// An unkeyed container for the current value.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try JSONUnkeyedContainer(decoder: self, array: requireArray(at: current))
    }

    /// A single value container for the current value.
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONSingleValueContainer(decoder: self, index: current)
    }

    /// Decodes `type` from the value at `index`.
    ///
    /// Snowflakes, permission sets and timestamps held in plain (unescaped) strings are read straight from the
    /// bytes, with the same parsers their `init(from:)` uses; anything else, including every failure, goes
    /// through `init(from:)`, so values and errors are the same either way. `URL`, `Data` and `Decimal` are
    /// decoded the way Foundation's `JSONDecoder` does by default (a URL string, Base64 text, a number's digits)
    /// rather than through their own `Decodable` conformances.
    @inline(__always)
    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        if T.self == Snowflake.self, let raw = plainDigits(at: index) {
            return unsafeBitCast(Snowflake(rawValue: raw), to: T.self)
        }
        if T.self == DiscordTimestamp.self, let timestamp = plainTimestamp(at: index) {
            return unsafeBitCast(timestamp, to: T.self)
        }
        if T.self == Permissions.self, let raw = plainDigits(at: index) {
            return unsafeBitCast(Permissions(rawValue: raw), to: T.self)
        }
        if T.self == URL.self { return unsafeBitCast(try decodeURL(at: index), to: T.self) }
        if T.self == Data.self { return unsafeBitCast(try decodeData(at: index), to: T.self) }
        if T.self == Decimal.self { return unsafeBitCast(try decodeDecimal(at: index), to: T.self) }
        let saved = current
        current = index
        defer { current = saved }
        return try T(from: self)
    }

    /// `index` when it is an object, else the error Foundation throws.
    @inline(__always)
    func requireObject(at index: Int) throws -> Int {
        let kind = tape[index].kind
        guard kind == .object else {
            throw containerMismatch([String: Any].self, at: index, kind: kind, container: "keyed")
        }
        return index
    }

    /// `index` when it is an array, else the error Foundation throws.
    @inline(__always)
    func requireArray(at index: Int) throws -> Int {
        let kind = tape[index].kind
        guard kind == .array else { throw containerMismatch([Any].self, at: index, kind: kind, container: "unkeyed") }
        return index
    }

    /// The error for asking a container of the wrong kind.
    private func containerMismatch(
        _ type: Any.Type, at index: Int, kind: JSONKind, container: String
    )
        -> DecodingError
    {
        let path = path(to: index)
        if kind == .null {
            return .valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: path,
                    debugDescription: "Cannot get \(container) decoding container -- found null value instead"))
        }
        return .typeMismatch(
            type,
            DecodingError.Context(
                codingPath: path,
                debugDescription: "Expected to decode \(type) but found \(kind.foundDescription) instead."))
    }

    /// The error for a value of the wrong kind: `valueNotFound` for `null`, otherwise `typeMismatch`.
    func mismatch(_ type: Any.Type, at index: Int) -> DecodingError {
        let kind = tape[index].kind
        if kind == .null {
            return .valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: path(to: index),
                    debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return .typeMismatch(
            type,
            DecodingError.Context(
                codingPath: path(to: index),
                debugDescription: "Expected to decode \(type) but found \(kind.foundDescription) instead."))
    }

    /// The error for a number that does not fit `type`.
    func numberDoesNotFit(_ type: Any.Type, at index: Int) -> DecodingError {
        let text = String(decoding: tape.text(index).prefix(64), as: UTF8.self)
        return .dataCorrupted(
            DecodingError.Context(
                codingPath: path(to: index), debugDescription: "Number \(text) does not fit in \(type)."))
    }

    /// The table of unescaped keys of the object at `object` (each text to its first key entry).
    func keyTable(forObject object: Int) -> [String: Int] {
        if let table = keyTables[object] { return table }
        var table: [String: Int] = [:]
        table.reserveCapacity(Int(tape[object].first))
        let end = Int(tape[object].second)
        var index = object + 1
        while index < end {
            let name = string(at: index)
            if table[name] == nil { table[name] = index }
            index = tape.next(after: index + 1)
        }
        keyTables[object] = table
        return table
    }

    /// The coding path from the root to the value at `target`, with the document's keys and `"Index N"` keys.
    func path(to target: Int) -> [any CodingKey] {
        if target == absentValue { return absentPath ?? [] }
        var path: [any CodingKey] = []
        var node = 0
        descending: while node != target {
            let entry = tape[node]
            let end = Int(entry.second)
            guard entry.isContainer, target > node, target < end else { break }
            let depth = path.count
            var child = node + 1
            var position = 0
            if depth < pathCache.count, pathCache[depth].container == node, pathCache[depth].child <= target {
                child = pathCache[depth].child
                position = pathCache[depth].position
            }
            while child < end {
                let value = entry.kind == .object ? child + 1 : child
                let next = tape.next(after: value)
                if target >= value, target < next {
                    if depth < pathCache.count {
                        pathCache[depth] = (node, child, position)
                    } else {
                        pathCache.append((node, child, position))
                    }
                    if entry.kind == .object {
                        path.append(GatewayJSONKey(stringValue: string(at: child)))
                    } else {
                        path.append(GatewayJSONKey(intValue: position))
                    }
                    node = value
                    continue descending
                }
                child = next
                position += 1
            }
            break
        }
        return path
    }

}
