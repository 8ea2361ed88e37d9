#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The envelope fields of one received payload — `op`, `s` and `t` — read without parsing `d`
/// (Discord docs: "Gateway Events", payload structure).
///
/// The scan finds the three top-level keys in any order, skipping other values by tracking string and
/// nesting boundaries only (strings are skipped with `memchr`). It stops as soon as `op`, `s` and `t` have
/// all been seen, or as soon as `op` is known and is not Dispatch (only dispatches carry `s` and `t`).
/// Discord sends `t`, `s`, `op`, then `d`, so a dispatch of any size costs a few dozen bytes of scanning.
/// Values that are skipped are not validated; the envelope that is read is.
///
/// **Threading:** an immutable value; `Sendable`. Parsing touches only the given bytes.
package struct PayloadPeek: Hashable, Sendable {
    /// The payload's `op`.
    package var opcode: GatewayOpcode
    /// The payload's `s`, or `nil` when absent or `null`.
    package var sequence: Int?
    /// The payload's `t`, or `nil` when absent or `null`.
    package var eventName: String?

    /// Why a payload's envelope could not be read.
    package enum Error: Swift.Error, Hashable, Sendable {
        /// The payload is not a JSON object.
        case notAnObject
        /// The object has no top-level `op`.
        case missingOpcode
        /// The bytes end inside the envelope.
        case truncated
        /// A byte that cannot appear here in JSON, with its offset.
        case unexpectedByte(offset: Int)
        /// `op` is not an integer.
        case invalidOpcode
        /// `s` is neither an integer nor `null`.
        case invalidSequence
        /// `t` is neither a string nor `null`.
        case invalidEventName
    }

    /// Makes a peek result directly (tests, fakes).
    package init(opcode: GatewayOpcode, sequence: Int? = nil, eventName: String? = nil) {
        self.opcode = opcode
        self.sequence = sequence
        self.eventName = eventName
    }

    /// Reads `op`, `s` and `t` from the UTF-8 JSON of one whole payload.
    ///
    /// - Parameter bytes: the complete text of one gateway message.
    /// - Throws: ``Error`` when the bytes are not an object with an integer `op`, or the envelope is malformed.
    package init(parsing bytes: UnsafeRawBufferPointer) throws(Error) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw .notAnObject }
        var scanner = PayloadScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        self = try scanner.scanEnvelope()
    }

    /// Reads `op`, `s` and `t` from an array holding one whole payload.
    package init(parsing bytes: [UInt8]) throws(Error) {
        let result: Result<PayloadPeek, Error> = bytes.withUnsafeBytes { buffer in
            do throws(Error) {
                return .success(try PayloadPeek(parsing: buffer))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }
}

/// A forward-only cursor over one payload's bytes, used by ``PayloadPeek`` and JSON validation.
///
/// **Threading:** a value used by one caller at a time; it borrows the caller's buffer for the call's duration.
struct PayloadScanner {
    /// The first byte.
    let base: UnsafePointer<UInt8>
    /// The number of bytes.
    let count: Int
    /// The offset of the next unread byte.
    var index = 0

    /// Makes a cursor at the first byte.
    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// ASCII codes used by the scanner.
    enum ASCII {
        /// The byte `"`.
        static let quote = UInt8(ascii: "\"")
        /// The byte `\`.
        static let backslash = UInt8(ascii: "\\")
        /// The byte `{`.
        static let openBrace = UInt8(ascii: "{")
        /// The byte `}`.
        static let closeBrace = UInt8(ascii: "}")
        /// The byte `[`.
        static let openBracket = UInt8(ascii: "[")
        /// The byte `]`.
        static let closeBracket = UInt8(ascii: "]")
        /// The byte `:`.
        static let colon = UInt8(ascii: ":")
        /// The byte `,`.
        static let comma = UInt8(ascii: ",")
        /// The byte `-`.
        static let minus = UInt8(ascii: "-")
        /// The byte `0`.
        static let zero = UInt8(ascii: "0")
        /// The byte `9`.
        static let nine = UInt8(ascii: "9")
    }

    /// Which envelope key a member name is.
    private enum EnvelopeKey {
        /// `op`, `s`, `t`, or any other member.
        case opcode, sequence, eventName, other
    }

    /// Reads the envelope; see ``PayloadPeek``.
    mutating func scanEnvelope() throws(PayloadPeek.Error) -> PayloadPeek {
        skipWhitespace()
        guard index < count, base[index] == ASCII.openBrace else { throw .notAnObject }
        index += 1
        var opcode: Int?
        var sequence: Int?
        var eventName: String?
        var seenSequence = false
        var seenEventName = false
        skipWhitespace()
        guard index < count else { throw .truncated }
        if base[index] == ASCII.closeBrace { throw .missingOpcode }
        while true {
            guard index < count else { throw .truncated }
            guard base[index] == ASCII.quote else { throw .unexpectedByte(offset: index) }
            let key = try readKey()
            skipWhitespace()
            guard index < count else { throw .truncated }
            guard base[index] == ASCII.colon else { throw .unexpectedByte(offset: index) }
            index += 1
            skipWhitespace()
            guard index < count else { throw .truncated }
            switch key {
            case .opcode:
                guard let value = try readIntegerOrNull() else { throw .invalidOpcode }
                opcode = value
            case .sequence:
                sequence = try readIntegerOrNull()
                seenSequence = true
            case .eventName:
                eventName = try readStringOrNull()
                seenEventName = true
            case .other:
                try skipValue()
            }
            if let opcode, opcode != 0 || (seenSequence && seenEventName) {
                return PayloadPeek(opcode: GatewayOpcode(rawValue: opcode), sequence: sequence, eventName: eventName)
            }
            skipWhitespace()
            guard index < count else { throw .truncated }
            switch base[index] {
            case ASCII.comma:
                index += 1
                skipWhitespace()
            case ASCII.closeBrace:
                guard let opcode else { throw .missingOpcode }
                return PayloadPeek(opcode: GatewayOpcode(rawValue: opcode), sequence: sequence, eventName: eventName)
            default:
                throw .unexpectedByte(offset: index)
            }
        }
    }

    /// Skips JSON whitespace.
    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Reads a member name at an opening quote and classifies it.
    private mutating func readKey() throws(PayloadPeek.Error) -> EnvelopeKey {
        let start = index + 1
        let (end, hasEscapes) = try findStringEnd(from: start)
        index = end + 1
        let length = end - start
        if !hasEscapes {
            if length == 2, base[start] == UInt8(ascii: "o"), base[start + 1] == UInt8(ascii: "p") { return .opcode }
            if length == 1, base[start] == UInt8(ascii: "s") { return .sequence }
            if length == 1, base[start] == UInt8(ascii: "t") { return .eventName }
            return .other
        }
        switch try unescape(start..<end) {
        case "op": return .opcode
        case "s": return .sequence
        case "t": return .eventName
        default: return .other
        }
    }

    /// Finds the closing quote of a string whose content starts at `start`, noting whether it has escapes.
    ///
    /// Used for short strings (keys, `t`); long values go through ``skipString()``.
    private func findStringEnd(from start: Int) throws(PayloadPeek.Error) -> (end: Int, hasEscapes: Bool) {
        var position = start
        var hasEscapes = false
        while position < count {
            let byte = base[position]
            if byte == ASCII.quote { return (position, hasEscapes) }
            if byte == ASCII.backslash {
                hasEscapes = true
                position += 2
            } else {
                position += 1
            }
        }
        throw .truncated
    }

    /// Skips a string at an opening quote, jumping between quotes with `memchr`.
    @inline(__always)
    mutating func skipString() throws(PayloadPeek.Error) {
        let start = index + 1
        var position = start
        while position < count {
            guard let found = memchr(base + position, Int32(ASCII.quote), count - position) else { break }
            let quote = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            var backslashes = 0
            var back = quote - 1
            while back >= start, base[back] == ASCII.backslash {
                backslashes += 1
                back -= 1
            }
            if backslashes & 1 == 0 {
                index = quote + 1
                return
            }
            position = quote + 1
        }
        throw .truncated
    }

    /// Skips one value of any kind without validating its contents.
    mutating func skipValue() throws(PayloadPeek.Error) {
        guard index < count else { throw .truncated }
        switch base[index] {
        case ASCII.quote:
            try skipString()
        case ASCII.openBrace, ASCII.openBracket:
            try skipContainer()
        default:
            let start = index
            while index < count {
                switch base[index] {
                case ASCII.comma, ASCII.closeBrace, ASCII.closeBracket, 0x20, 0x09, 0x0A, 0x0D:
                    guard index > start else { throw .unexpectedByte(offset: index) }
                    return
                case ASCII.quote, ASCII.openBrace, ASCII.openBracket, ASCII.colon:
                    throw .unexpectedByte(offset: index)
                default:
                    index += 1
                }
            }
            throw .truncated
        }
    }

    /// Skips an object or array at its opening bracket by tracking nesting depth.
    private mutating func skipContainer() throws(PayloadPeek.Error) {
        var depth = 1
        index += 1
        while index < count {
            switch base[index] {
            case ASCII.quote:
                try skipString()
            case ASCII.openBrace, ASCII.openBracket:
                depth += 1
                index += 1
            case ASCII.closeBrace, ASCII.closeBracket:
                depth -= 1
                index += 1
                if depth == 0 { return }
            default:
                index += 1
            }
        }
        throw .truncated
    }

    /// Whether the next bytes are the literal `null`; consumes them if so.
    private mutating func consumeNull() -> Bool {
        guard count - index >= 4, base[index] == UInt8(ascii: "n"), base[index + 1] == UInt8(ascii: "u"),
            base[index + 2] == UInt8(ascii: "l"), base[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// Reads an integer that fits `Int`, or `null` (as `nil`); anything else throws.
    private mutating func readIntegerOrNull() throws(PayloadPeek.Error) -> Int? {
        if consumeNull() { return nil }
        var negative = false
        if base[index] == ASCII.minus {
            negative = true
            index += 1
        }
        var value = 0
        let digitsStart = index
        while index < count, base[index] >= ASCII.zero, base[index] <= ASCII.nine {
            let digit = Int(base[index] &- ASCII.zero)
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) =
                negative
                ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { throw .unexpectedByte(offset: index) }
            value = sum
            index += 1
        }
        guard index > digitsStart else { throw .unexpectedByte(offset: index) }
        if index < count {
            switch base[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw .unexpectedByte(offset: index)
            default: break
            }
        }
        return value
    }

    /// Reads a string (unescaping it) or `null` (as `nil`).
    private mutating func readStringOrNull() throws(PayloadPeek.Error) -> String? {
        if consumeNull() { return nil }
        guard base[index] == ASCII.quote else { throw .invalidEventName }
        let start = index + 1
        let (end, hasEscapes) = try findStringEnd(from: start)
        index = end + 1
        if !hasEscapes {
            return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        }
        return try unescape(start..<end)
    }

    /// Decodes the JSON escapes of a string's content (RFC 8259 §7), including surrogate pairs.
    private func unescape(_ range: Range<Int>) throws(PayloadPeek.Error) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = base[position]
            guard byte == ASCII.backslash else {
                bytes.append(byte)
                position += 1
                continue
            }
            guard position + 1 < range.upperBound else { throw .unexpectedByte(offset: position) }
            let escaped = base[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escaped)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: position, limit: range.upperBound)
                position += 4
                if (0xD800..<0xDC00).contains(scalar), position + 6 <= range.upperBound,
                    base[position] == ASCII.backslash, base[position + 1] == UInt8(ascii: "u")
                {
                    let low = try hex4(at: position + 2, limit: range.upperBound)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                }
                let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                bytes.append(contentsOf: String(Character(unicode)).utf8)
            default:
                throw .unexpectedByte(offset: position - 1)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads four hex digits as a number.
    private func hex4(at position: Int, limit: Int) throws(PayloadPeek.Error) -> UInt32 {
        guard position + 4 <= limit else { throw .unexpectedByte(offset: position) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[position + offset]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .unexpectedByte(offset: position + offset)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
