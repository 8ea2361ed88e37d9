/// Incremental UTF-8 validator (RFC 3629): rejects overlong forms, surrogates and code points above U+10FFFF.
///
/// Input may be split anywhere, even inside a multi-byte sequence; ``validate(_:)`` returns `false` at the first
/// byte that can never be part of valid UTF-8, so a fragmented text message fails as early as possible. ASCII runs
/// are checked eight bytes at a time.
///
/// **Threading:** a value type owned by one thread; no locks inside.
package struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the current sequence.
    private var pending = 0
    /// Smallest byte allowed next (narrowed after E0, ED, F0, F4 lead bytes).
    private var lower: UInt8 = 0x80
    /// Largest byte allowed next.
    private var upper: UInt8 = 0xBF
    /// Whether invalid input has been seen since the last reset.
    private var hasFailed = false

    /// Makes a validator at a character boundary.
    package init() {}

    /// Whether everything validated so far is valid and ends on a complete character.
    package var isAtCharacterBoundary: Bool { pending == 0 && !hasFailed }

    /// Forgets all state, as if nothing had been validated.
    package mutating func reset() {
        pending = 0
        lower = 0x80
        upper = 0xBF
        hasFailed = false
    }

    /// Validates the next chunk of a byte stream.
    ///
    /// - Parameter bytes: The next bytes; may start or end inside a multi-byte sequence.
    /// - Returns: `false` as soon as the stream so far cannot be valid UTF-8 (and for every later call);
    ///   `true` if it is valid or a valid prefix.
    package mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if hasFailed { return false }
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var pending = self.pending
        var lower = self.lower
        var upper = self.upper
        var i = 0
        while i < count {
            if pending == 0 {
                // ASCII fast path: 16, then 8 bytes per step while no high bit is set.
                while i &+ 16 <= count {
                    let a = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let b = base.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                    if (a | b) & 0x8080_8080_8080_8080 != 0 { break }
                    i &+= 16
                }
                while i &+ 8 <= count {
                    if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                    i &+= 8
                }
                if i >= count { break }
                let byte = base.load(fromByteOffset: i, as: UInt8.self)
                i &+= 1
                switch byte {
                case 0x00...0x7F:
                    continue
                case 0xC2...0xDF:
                    pending = 1
                case 0xE0:
                    pending = 2
                    lower = 0xA0  // no overlong 3-byte forms
                case 0xE1...0xEC, 0xEE...0xEF:
                    pending = 2
                case 0xED:
                    pending = 2
                    upper = 0x9F  // no UTF-16 surrogates
                case 0xF0:
                    pending = 3
                    lower = 0x90  // no overlong 4-byte forms
                case 0xF1...0xF3:
                    pending = 3
                case 0xF4:
                    pending = 3
                    upper = 0x8F  // nothing above U+10FFFF
                default:
                    hasFailed = true
                    return false
                }
            } else {
                let byte = base.load(fromByteOffset: i, as: UInt8.self)
                i &+= 1
                guard byte >= lower, byte <= upper else {
                    hasFailed = true
                    return false
                }
                pending &-= 1
                lower = 0x80
                upper = 0xBF
            }
        }
        self.pending = pending
        self.lower = lower
        self.upper = upper
        return true
    }

    /// Validates the next chunk of a byte stream held in an array.
    ///
    /// - Parameter bytes: The next bytes.
    /// - Returns: As ``validate(_:)-(UnsafeRawBufferPointer)``.
    package mutating func validate(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { validate($0) }
    }

    /// Whether `bytes` on its own is complete, valid UTF-8.
    package static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isAtCharacterBoundary
    }
}
