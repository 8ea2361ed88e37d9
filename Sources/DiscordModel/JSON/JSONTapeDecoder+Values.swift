import Foundation

/// Reading scalar values off the tape: strings, booleans, exact integers, correctly rounded doubles, and the
/// Foundation and DiscordModel types the decoder reads directly.
extension JSONTapeDecoder {
    /// The string at `index` (a key or a string value, which the caller knows it is).
    @inline(__always)
    func string(at index: Int) -> String {
        JSONBytes.string(tape.text(index), escaped: tape[index].has(.escaped))
    }

    /// Decodes a `String`.
    @inline(__always)
    func decodeString(at index: Int) throws -> String {
        guard tape[index].kind == .string else { throw mismatch(String.self, at: index) }
        return string(at: index)
    }

    /// Decodes a `Bool`.
    @inline(__always)
    func decodeBool(at index: Int) throws -> Bool {
        switch tape[index].kind {
        case .trueLiteral: return true
        case .falseLiteral: return false
        default: throw mismatch(Bool.self, at: index)
        }
    }

    /// Decodes an integer: exact, range-checked, from plain integer text or an integral fraction or exponent.
    @inline(__always)
    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, at index: Int) throws -> T {
        let entry = tape[index]
        guard entry.kind == .number else { throw mismatch(T.self, at: index) }
        let text = tape.text(index)
        let value: T?
        if entry.has(.fractional) {
            value = JSONDecimal(text).integer(as: T.self)
        } else {
            value = JSONDecimal.plainInteger(text, negative: entry.has(.negative), as: T.self)
        }
        guard let value else { throw numberDoesNotFit(T.self, at: index) }
        return value
    }

    /// Decodes a `Double` (correctly rounded; an overflow to infinity is an error).
    @inline(__always)
    func decodeDouble(at index: Int) throws -> Double {
        guard tape[index].kind == .number else { throw mismatch(Double.self, at: index) }
        guard let value = double(at: index) else { throw numberDoesNotFit(Double.self, at: index) }
        return value
    }

    /// Decodes a `Float` (the double rounded to a float; out of its range is an error).
    @inline(__always)
    func decodeFloat(at index: Int) throws -> Float {
        guard tape[index].kind == .number else { throw mismatch(Float.self, at: index) }
        guard let value = double(at: index), abs(value) <= Double(Float.greatestFiniteMagnitude) else {
            throw numberDoesNotFit(Float.self, at: index)
        }
        return Float(value)
    }

    /// The number at `index` as the nearest double, or `nil` when it overflows to infinity.
    func double(at index: Int) -> Double? {
        let text = tape.text(index)
        if let value = JSONDecimal(text).fastDouble { return value }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The value of a plain string of decimal digits at `index` (as `Snowflake` parses it), else `nil`.
    @inline(__always)
    func plainDigits(at index: Int) -> UInt64? {
        let entry = tape[index]
        guard entry.kind == .string, !entry.has(.escaped) else { return nil }
        return Snowflake.parse(tape.text(index))
    }

    /// The timestamp in a plain string at `index` (as `DiscordTimestamp` parses it), else `nil`.
    @inline(__always)
    func plainTimestamp(at index: Int) -> DiscordTimestamp? {
        let entry = tape[index]
        guard entry.kind == .string, !entry.has(.escaped), let seconds = DiscordTimestamp.parse(tape.text(index))
        else { return nil }
        return DiscordTimestamp(Date(timeIntervalSince1970: seconds))
    }

    /// Decodes a URL from a string, as Foundation's `JSONDecoder` does.
    func decodeURL(at index: Int) throws -> URL {
        guard let url = URL(string: try decodeString(at: index)) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: path(to: index), debugDescription: "Invalid URL string."))
        }
        return url
    }

    /// Decodes `Data` from Base64 text, as Foundation's `JSONDecoder` does by default.
    func decodeData(at index: Int) throws -> Data {
        guard tape[index].kind == .string else { throw mismatch(Data.self, at: index) }
        guard let data = Data(base64Encoded: string(at: index)) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: path(to: index), debugDescription: "Encountered Data is not valid Base64."))
        }
        return data
    }

    /// Decodes a `Decimal` from a number's digits, as Foundation's `JSONDecoder` does.
    func decodeDecimal(at index: Int) throws -> Decimal {
        guard tape[index].kind == .number else { throw mismatch(Decimal.self, at: index) }
        guard let decimal = Decimal(string: String(decoding: tape.text(index), as: UTF8.self)) else {
            throw numberDoesNotFit(Decimal.self, at: index)
        }
        return decimal
    }
}
