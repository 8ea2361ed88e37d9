/// Appends JSON tokens to a byte array; strings are escaped per RFC 8259 §7.
///
/// Only what outgoing commands need: objects are written key by key by the caller.
///
/// **Threading:** a value used by one caller at a time.
struct CommandJSONWriter {
    /// The JSON written so far.
    var bytes: [UInt8] = []

    /// Starts with room for a typical command.
    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends ASCII text verbatim (punctuation, keys known to need no escaping).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `"key":`.
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a quoted, escaped string.
    mutating func string(_ value: String) {
        var value = value
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            if runStart < utf8.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a quoted string or `null`.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// Appends an integer.
    mutating func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends an integer or `null`.
    mutating func optionalInteger(_ value: Int?) {
        if let value { integer(value) } else { raw("null") }
    }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Appends `["a","b"]`.
    mutating func stringArray(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// Checks that text is exactly one well-formed JSON value (RFC 8259), for raw commands.
///
/// **Threading:** a value used by one caller at a time.
struct JSONValueValidator {
    /// The text's bytes.
    private let bytes: [UInt8]
    /// The next unread offset.
    private var index = 0
    /// The current nesting depth.
    private var depth = 0
    /// Nesting deeper than this is refused.
    private static let maximumDepth = 64

    /// Why validation failed: the offset of the offending byte.
    struct Failure: Error {
        /// The byte offset.
        let offset: Int
    }

    /// Whether `text` is one well-formed JSON value, optionally surrounded by whitespace.
    static func isValid(_ text: String) -> Bool {
        var validator = JSONValueValidator(bytes: Array(text.utf8))
        do throws(Failure) {
            validator.skipWhitespace()
            try validator.value()
            validator.skipWhitespace()
            return validator.index == validator.bytes.count
        } catch {
            return false
        }
    }

    /// Makes a validator over bytes.
    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next byte, or a failure at the end.
    private func peek() throws(Failure) -> UInt8 {
        guard index < bytes.count else { throw Failure(offset: index) }
        return bytes[index]
    }

    /// Skips whitespace.
    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Consumes an expected byte.
    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard try peek() == byte else { throw Failure(offset: index) }
        index += 1
    }

    /// Consumes a literal such as `true`.
    private mutating func literal(_ text: StaticString) throws(Failure) {
        var matched = true
        text.withUTF8Buffer { literal in
            for byte in literal {
                guard index < bytes.count, bytes[index] == byte else {
                    matched = false
                    return
                }
                index += 1
            }
        }
        guard matched else { throw Failure(offset: index) }
    }

    /// Consumes one value.
    private mutating func value() throws(Failure) {
        switch try peek() {
        case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), isObject: true)
        case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), isObject: false)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    /// Consumes an object or array.
    private mutating func container(close: UInt8, isObject: Bool) throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Failure(offset: index) }
        index += 1
        skipWhitespace()
        if try peek() == close {
            index += 1
            depth -= 1
            return
        }
        while true {
            if isObject {
                try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
            }
            try value()
            skipWhitespace()
            let byte = try peek()
            index += 1
            if byte == close { break }
            guard byte == UInt8(ascii: ",") else { throw Failure(offset: index - 1) }
            skipWhitespace()
        }
        depth -= 1
    }

    /// Consumes a string, checking escapes and refusing raw control characters.
    private mutating func string() throws(Failure) {
        try expect(UInt8(ascii: "\""))
        while true {
            let byte = try peek()
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                let escaped = try peek()
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard try peek().isHexDigit else { throw Failure(offset: index) }
                        index += 1
                    }
                default:
                    throw Failure(offset: index - 1)
                }
            case 0x00..<0x20:
                throw Failure(offset: index - 1)
            default:
                break
            }
        }
    }

    /// Consumes a number: `-? int frac? exp?`.
    private mutating func number() throws(Failure) {
        if try peek() == UInt8(ascii: "-") { index += 1 }
        guard try peek().isDigit else { throw Failure(offset: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, bytes[index].isDigit { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard try peek().isDigit else { throw Failure(offset: index) }
            while index < bytes.count, bytes[index].isDigit { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if try peek() == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard try peek().isDigit else { throw Failure(offset: index) }
            while index < bytes.count, bytes[index].isDigit { index += 1 }
        }
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII digit.
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    /// Whether the byte is an ASCII hex digit.
    fileprivate var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
