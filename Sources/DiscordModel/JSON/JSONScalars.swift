/// Byte-level helpers for ``JSONParser`` and the decoder: chunk scanning, key comparison, string unescaping.
///
/// **Threading:** stateless; safe from any thread.
enum JSONBytes {
    /// Whether none of the 8 bytes in `chunk` is a quote, a backslash, a control character or a non-ASCII
    /// byte, so a string scan can skip all 8 at once.
    @inline(__always)
    static func isPlainChunk(_ chunk: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = chunk ^ (ones &* 0x22)
        let backslash = chunk ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (chunk &- ones &* 0x20) & ~chunk
        return (hasQuote | hasBackslash | hasControl | chunk) & highs == 0
    }

    /// The value of the four hex digits at `offset`, or `nil` when they are not four hex digits.
    @inline(__always)
    static func hex4(_ bytes: UnsafePointer<UInt8>, at offset: Int, count: Int) -> UInt32? {
        guard offset >= 0, count - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Whether two byte ranges of the same length hold the same bytes.
    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = min(lhs.count, rhs.count)
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return length == 0 }
        var offset = 0
        while length - offset >= 8 {
            let leftWord = UnsafeRawPointer(left + offset).loadUnaligned(as: UInt64.self)
            let rightWord = UnsafeRawPointer(right + offset).loadUnaligned(as: UInt64.self)
            if leftWord != rightWord { return false }
            offset += 8
        }
        while offset < length {
            if left[offset] != right[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The string for the raw text between a string's quotes; `escaped` tells whether it has backslash
    /// escapes. The parser has validated the text, so every escape is complete.
    static func string(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: text, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: text.count) { output in
            unescape(text, into: output)
        }
    }

    /// Writes the unescaped UTF-8 of `text` into `output` (at least `text.count` bytes); returns the length.
    private static func unescape(
        _ text: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>
    )
        -> Int
    {
        guard let input = text.baseAddress, output.count >= text.count else { return 0 }
        var read = 0
        var written = 0
        let count = text.count
        while read < count {
            let byte = input[read]
            guard byte == UInt8(ascii: "\\"), count - read >= 2 else {
                output[written] = byte
                written += 1
                read += 1
                continue
            }
            let escape = input[read + 1]
            read += 2
            let simple: UInt8
            switch escape {
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(input, at: read, count: count) ?? 0xFFFD
                read += 4
                if scalar & 0xFC00 == 0xD800 {
                    if count - read >= 6, let low = hex4(input, at: read + 2, count: count), low & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        read += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar & 0xFC00 == 0xDC00 {
                    scalar = 0xFFFD
                }
                written += encode(scalar, into: output, at: written)
                continue
            default: simple = escape
            }
            output[written] = simple
            written += 1
        }
        return written
    }

    /// Writes `scalar` as UTF-8 at `offset`; returns the number of bytes written. An escape of n ≥ 6 input bytes
    /// never writes more than 4, so the output (as long as the input) always has room.
    private static func encode(
        _ scalar: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int
    )
        -> Int
    {
        switch scalar {
        case 0..<0x80:
            output[offset] = UInt8(truncatingIfNeeded: scalar)
            return 1
        case 0x80..<0x800:
            output[offset] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            output[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            output[offset] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            output[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            output[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 3
        default:
            output[offset] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            output[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            output[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            output[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 4
        }
    }
}

/// A JSON number's decimal value as `significand × 10^scale`, with leading and trailing zeros removed from
/// the significand, for exact integer conversion and fast exact double conversion.
///
/// **Threading:** an immutable value.
struct JSONDecimal {
    /// The significant digits as an integer (exact unless ``overflow``).
    private(set) var significand: UInt64 = 0
    /// The number of significant digits (0 for zero).
    private(set) var digitCount = 0
    /// The power of ten the significand is scaled by.
    private(set) var scale = 0
    /// Whether the significand did not fit in 64 bits.
    private(set) var overflow = false
    /// Whether the number had a minus sign.
    let negative: Bool

    /// Reads the number text `text`, which the parser has validated.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var pendingZeros = 0
        var fractionDigits = 0
        var inFraction = false
        var exponent = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            if byte | 0x20 == UInt8(ascii: "e") {
                exponent = Self.exponent(text, from: index)
                break
            }
            let digit = UInt64(byte &- UInt8(ascii: "0"))
            if inFraction { fractionDigits += 1 }
            if digit == 0 {
                if digitCount > 0 { pendingZeros += 1 }
                continue
            }
            for _ in 0..<pendingZeros { append(0) }
            digitCount += pendingZeros
            pendingZeros = 0
            append(digit)
            digitCount += 1
        }
        scale = pendingZeros - fractionDigits + exponent
    }

    /// Appends one digit to the significand, noting overflow.
    @inline(__always)
    private mutating func append(_ digit: UInt64) {
        guard !overflow else { return }
        let (shifted, overflowed) = significand.multipliedReportingOverflow(by: 10)
        let (sum, carried) = shifted.addingReportingOverflow(digit)
        overflow = overflowed || carried
        significand = sum
    }

    /// The exponent after `e`, clamped to ±1,000,000 (far beyond any finite double).
    private static func exponent(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var sign = 1
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            if text[index] == UInt8(ascii: "-") { sign = -1 }
            index += 1
        }
        var value = 0
        while index < text.count {
            value = min(value * 10 + Int(text[index] &- UInt8(ascii: "0")), 1_000_000)
            index += 1
        }
        return sign * value
    }

    /// The magnitude when the value is an exact integer that fits in 64 bits, otherwise `nil`.
    var integerMagnitude: UInt64? {
        guard digitCount > 0 else { return 0 }
        guard !overflow, scale >= 0, scale <= 19 else { return nil }
        var value = significand
        for _ in 0..<scale {
            let (product, overflowed) = value.multipliedReportingOverflow(by: 10)
            if overflowed { return nil }
            value = product
        }
        return value
    }

    /// The value as an exact integer of type `T`, or `nil` when it is not integral or does not fit.
    func integer<T: FixedWidthInteger>(as type: T.Type) -> T? {
        guard let magnitude = integerMagnitude else { return nil }
        return Self.integer(magnitude: magnitude, negative: negative, as: T.self)
    }

    /// `magnitude` with the sign applied, as `T`, or `nil` when it does not fit (`-0` is 0).
    @inline(__always)
    static func integer<T: FixedWidthInteger>(magnitude: UInt64, negative: Bool, as type: T.Type) -> T? {
        guard negative, magnitude != 0 else { return T(exactly: magnitude) }
        guard T.isSigned, magnitude <= UInt64(Int64.max) + 1 else { return nil }
        return T(exactly: Int64(bitPattern: 0 &- magnitude))
    }

    /// The value of integer text (no fraction, no exponent, validated by the parser) as `T`, or `nil` when it
    /// does not fit.
    @inline(__always)
    static func plainInteger<T: FixedWidthInteger>(
        _ text: UnsafeBufferPointer<UInt8>, negative: Bool, as type: T.Type
    ) -> T? {
        var index = negative ? 1 : 0
        var magnitude: UInt64 = 0
        if text.count - index <= 19 {
            // At most 19 digits: below 10^19, which fits in 64 bits.
            while index < text.count {
                magnitude = magnitude &* 10 &+ UInt64(text[index] &- UInt8(ascii: "0"))
                index += 1
            }
        } else {
            while index < text.count {
                let (shifted, overflowed) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carried) = shifted.addingReportingOverflow(UInt64(text[index] &- UInt8(ascii: "0")))
                if overflowed || carried { return nil }
                magnitude = sum
                index += 1
            }
        }
        return integer(magnitude: magnitude, negative: negative, as: T.self)
    }

    /// The value as the nearest double when it can be computed exactly from the significand (Clinger's fast
    /// path), otherwise `nil`.
    var fastDouble: Double? {
        guard digitCount > 0 else { return negative ? -0.0 : 0.0 }
        guard !overflow, digitCount <= 15, scale >= -22, scale <= 22 else { return nil }
        var value = Double(significand)
        let power = Self.powersOfTen[abs(scale)]
        value = scale < 0 ? value / power : value * power
        return negative ? -value : value
    }

    /// 10^0 through 10^22, all exact doubles.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]
}
