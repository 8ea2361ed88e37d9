/// Why a document is not valid JSON, and where.
///
/// Carried as the `underlyingError` of the `DecodingError.dataCorrupted` that ``GatewayJSONDecoder`` throws for
/// malformed input.
///
/// **Threading:** an immutable value; `Sendable`.
package struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The byte offset where the problem was found.
    package let offset: Int
    /// What is wrong, such as `"invalid escape sequence"`.
    package let reason: String

    /// Makes an error.
    package init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `"invalid escape sequence at byte 12"`.
    package var description: String {
        "\(reason) at byte \(offset)"
    }
}

/// A strict RFC 8259 parser that checks a whole document and records it on a ``JSONTape``.
///
/// Rejects trailing commas, leading zeros, `+` signs, bare `.5` or `1.`, control characters and invalid escapes
/// in strings, lone surrogates, invalid UTF-8 anywhere, anything but whitespace after the value, and nesting
/// deeper than ``maximumDepth``. Iterative: deep input never grows the call stack.
///
/// **Threading:** a value used on one thread at a time.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 512
    /// The most keys an object may have for a possibly repeated key to be checked exactly.
    static let exactRepeatCheckLimit = 64

    /// One open container during parsing.
    ///
    /// **Threading:** a plain value.
    struct Frame {
        /// The container's tape index.
        var index: Int
        /// Members or elements seen so far.
        var count: Int
        /// Whether the container is an object.
        var isObject: Bool
        /// Objects: one bit per key hash seen, to find repeated keys cheaply.
        var keyHashes: UInt64
        /// Flags to set on the container when it closes.
        var flags: JSONTapeEntry.Flags
    }

    /// The tape being filled.
    let tape: JSONTape
    /// The document.
    let bytes: UnsafePointer<UInt8>
    /// The document's length.
    let count: Int
    /// The read position.
    var position = 0

    /// Prepares to parse the bytes `tape` holds.
    init(tape: JSONTape) {
        self.tape = tape
        bytes = UnsafePointer(tape.bytes)
        count = tape.byteCount
    }

    /// Parses the whole document onto the tape; the root value is entry 0.
    mutating func parse() throws(JSONSyntaxError) {
        guard count < Int(UInt32.max) else { throw JSONSyntaxError(offset: 0, reason: "document too large") }
        let stack = UnsafeMutablePointer<Frame>.allocate(capacity: Self.maximumDepth)
        defer { stack.deallocate() }
        try run(stack)
    }

    /// Makes an error at the current position.
    private func failure(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: reason)
    }

    /// The parse loop; `stack` has room for ``maximumDepth`` frames.
    private mutating func run(_ stack: UnsafeMutablePointer<Frame>) throws(JSONSyntaxError) {
        var depth = 0
        skipWhitespace()
        value: while true {
            guard position < count else { throw failure("unexpected end of input, expected a value") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
                let index = tape.append(JSONTapeEntry(kind: .object, first: 0, second: 0))
                position += 1
                skipWhitespace()
                if position < count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    tape.close(index, count: 0, flags: [])
                } else {
                    (stack + depth).initialize(
                        to: Frame(index: index, count: 1, isObject: true, keyHashes: 0, flags: []))
                    depth += 1
                    try parseKey(in: &stack[depth - 1])
                    continue value
                }
            case UInt8(ascii: "["):
                guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
                let index = tape.append(JSONTapeEntry(kind: .array, first: 0, second: 0))
                position += 1
                skipWhitespace()
                if position < count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    tape.close(index, count: 0, flags: [])
                } else {
                    (stack + depth).initialize(
                        to: Frame(index: index, count: 1, isObject: false, keyHashes: 0, flags: []))
                    depth += 1
                    continue value
                }
            case UInt8(ascii: "\""):
                _ = try parseString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try parseNumber()
            case UInt8(ascii: "t"):
                try parseLiteral("true", kind: .trueLiteral)
            case UInt8(ascii: "f"):
                try parseLiteral("false", kind: .falseLiteral)
            case UInt8(ascii: "n"):
                try parseLiteral("null", kind: .null)
            default:
                throw failure("unexpected character, expected a value")
            }
            // After a value: close containers, or move to the next member or element.
            while true {
                guard depth > 0 else {
                    skipWhitespace()
                    guard position == count else { throw failure("unexpected data after the JSON value") }
                    return
                }
                skipWhitespace()
                guard position < count else { throw failure("unexpected end of input") }
                let byte = bytes[position]
                let frame = stack + (depth - 1)
                if byte == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    frame.pointee.count += 1
                    if frame.pointee.isObject { try parseKey(in: &frame.pointee) }
                    continue value
                }
                if byte == (frame.pointee.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    tape.close(frame.pointee.index, count: frame.pointee.count, flags: frame.pointee.flags)
                    depth -= 1
                    continue
                }
                throw failure(frame.pointee.isObject ? "expected ',' or '}'" : "expected ',' or ']'")
            }
        }
    }

    /// Skips spaces, tabs, line feeds and carriage returns.
    @inline(__always)
    private mutating func skipWhitespace() {
        while position < count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Parses an object key, the colon and the whitespace after it; notes escaped or repeated keys.
    private mutating func parseKey(in frame: inout Frame) throws(JSONSyntaxError) {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else {
            throw failure("expected a string key")
        }
        let keyIndex = try parseString()
        let entry = tape[keyIndex]
        if entry.has(.escaped) {
            frame.flags.insert(.slowKeys)
        } else if !frame.flags.contains(.slowKeys) {
            let start = bytes + Int(entry.first)
            let length = Int(entry.second)
            var hash = UInt64(truncatingIfNeeded: length &* 31)
            if length > 0 {
                hash &+= UInt64(start[0]) &* 7 &+ UInt64(start[length - 1]) &* 3 &+ UInt64(start[length / 2])
            }
            let bit: UInt64 = 1 << (hash & 63)
            // An exact check costs one comparison per earlier key, so only small objects get one: a large
            // object with a possible repeat is simply looked up the slow way, which stays linear.
            if frame.keyHashes & bit != 0,
                frame.count > Self.exactRepeatCheckLimit || hasEarlierKey(equalTo: keyIndex, inObject: frame.index)
            {
                frame.flags.insert(.slowKeys)
            }
            frame.keyHashes |= bit
        }
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
        position += 1
        skipWhitespace()
    }

    /// Whether an earlier key of the object at `object` has the same bytes as the key at `keyIndex`.
    private func hasEarlierKey(equalTo keyIndex: Int, inObject object: Int) -> Bool {
        let key = tape.text(keyIndex)
        var candidate = object + 1
        while candidate < keyIndex {
            let other = tape.text(candidate)
            if other.count == key.count, JSONBytes.equal(other, key) { return true }
            candidate = tape.next(after: candidate + 1)
        }
        return false
    }

    /// Parses a literal (`true`, `false`, `null`).
    private mutating func parseLiteral(_ literal: StaticString, kind: JSONKind) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard count - position >= length else { throw failure("invalid literal") }
        let expected = literal.utf8Start
        for offset in 0..<length where bytes[position + offset] != expected[offset] {
            throw failure("invalid literal")
        }
        _ = tape.append(JSONTapeEntry(kind: kind, first: UInt32(truncatingIfNeeded: position), second: 0))
        position += length
    }

    /// Parses a number with RFC 8259's grammar; its value is read later, when decoded.
    private mutating func parseNumber() throws(JSONSyntaxError) {
        let start = position
        var flags: JSONTapeEntry.Flags = []
        if bytes[position] == UInt8(ascii: "-") {
            flags.insert(.negative)
            position += 1
        }
        guard position < count, isDigit(bytes[position]) else { throw failure("expected a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if position < count, bytes[position] == UInt8(ascii: ".") {
            flags.insert(.fractional)
            position += 1
            guard position < count, isDigit(bytes[position]) else { throw failure("expected a digit after '.'") }
            skipDigits()
        }
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            flags.insert(.fractional)
            position += 1
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < count, isDigit(bytes[position]) else { throw failure("expected an exponent") }
            skipDigits()
        }
        _ = tape.append(
            JSONTapeEntry(
                kind: .number, flags: flags, first: UInt32(truncatingIfNeeded: start),
                second: UInt32(truncatingIfNeeded: position - start)))
    }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Skips ASCII digits.
    @inline(__always)
    private mutating func skipDigits() {
        while position < count, isDigit(bytes[position]) { position += 1 }
    }

    /// Parses a string (the opening quote is at `position`), validating escapes and UTF-8; returns its index.
    private mutating func parseString() throws(JSONSyntaxError) -> Int {
        position += 1
        let start = position
        var flags: JSONTapeEntry.Flags = []
        while true {
            while count - position >= 8,
                JSONBytes.isPlainChunk(UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self))
            {
                position += 8
            }
            guard position < count else { throw failure("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                flags.insert(.escaped)
                try skipEscape()
            } else if byte < 0x20 {
                throw failure("control character in a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try skipMultibyteScalar()
            }
        }
        let index = tape.append(
            JSONTapeEntry(
                kind: .string, flags: flags, first: UInt32(truncatingIfNeeded: start),
                second: UInt32(truncatingIfNeeded: position - start)))
        position += 1
        return index
    }

    /// Validates the escape at `position` (a backslash) and moves past it.
    private mutating func skipEscape() throws(JSONSyntaxError) {
        guard count - position >= 2 else { throw failure("unterminated escape sequence") }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard let unit = JSONBytes.hex4(bytes, at: position + 2, count: count) else {
                throw failure("invalid \\u escape")
            }
            position += 6
            if unit & 0xFC00 == 0xD800 {
                guard count - position >= 2, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u"),
                    let low = JSONBytes.hex4(bytes, at: position + 2, count: count), low & 0xFC00 == 0xDC00
                else { throw failure("unpaired high surrogate") }
                position += 6
            } else if unit & 0xFC00 == 0xDC00 {
                throw failure("unpaired low surrogate")
            }
        default:
            throw failure("invalid escape sequence")
        }
    }

    /// Validates the multi-byte UTF-8 scalar at `position` and moves past it.
    private mutating func skipMultibyteScalar() throws(JSONSyntaxError) {
        let lead = bytes[position]
        let remaining = count - position
        /// Whether the byte at `offset` is a continuation byte within `low...high`.
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < remaining && bytes[position + offset] >= low && bytes[position + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            guard continuation(1) else { break }
            position += 2
            return
        case 0xE0:
            guard continuation(1, 0xA0), continuation(2) else { break }
            position += 3
            return
        case 0xE1...0xEC, 0xEE...0xEF:
            guard continuation(1), continuation(2) else { break }
            position += 3
            return
        case 0xED:
            guard continuation(1, 0x80, 0x9F), continuation(2) else { break }
            position += 3
            return
        case 0xF0:
            guard continuation(1, 0x90), continuation(2), continuation(3) else { break }
            position += 4
            return
        case 0xF1...0xF3:
            guard continuation(1), continuation(2), continuation(3) else { break }
            position += 4
            return
        case 0xF4:
            guard continuation(1, 0x80, 0x8F), continuation(2), continuation(3) else { break }
            position += 4
            return
        default:
            break
        }
        throw failure("invalid UTF-8")
    }
}
