public import Foundation

/// A Discord id (Discord docs: "Snowflakes"): a 64-bit number sent as a JSON string.
///
/// Decodes from a string (the JSON form) or a number (ETF-style payloads); encodes as a string. The creation time
/// is in the top 42 bits, as milliseconds since the Discord epoch (2015-01-01T00:00:00Z).
///
/// **Threading:** an immutable value; `Sendable`.
public struct Snowflake: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, LosslessStringConvertible
{
    /// The id as a number.
    public let rawValue: UInt64

    /// The Discord epoch, 2015-01-01T00:00:00Z, in Unix milliseconds.
    public static let discordEpochMilliseconds: UInt64 = 1_420_070_400_000

    /// Wraps a number.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Wraps a number.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Wraps an integer literal, as in `let guild: Snowflake = 81384788765712384`.
    public init(integerLiteral value: UInt64) {
        self.rawValue = value
    }

    /// Parses decimal digits; `nil` for anything else, including an empty string or an overflow.
    public init?(_ description: String) {
        guard let value = Self.parse(description.utf8) else { return nil }
        self.rawValue = value
    }

    /// Parses decimal digits without allocating.
    @inlinable
    static func parse(_ digits: some Collection<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// Milliseconds since the Unix epoch when the id was made.
    public var unixMilliseconds: UInt64 {
        (rawValue >> 22) &+ Self.discordEpochMilliseconds
    }

    /// When the id was made.
    public var createdAt: Date {
        Date(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }

    /// The internal worker id (bits 17–21).
    public var workerID: UInt8 { UInt8(truncatingIfNeeded: (rawValue >> 17) & 0x1F) }
    /// The internal process id (bits 12–16).
    public var processID: UInt8 { UInt8(truncatingIfNeeded: (rawValue >> 12) & 0x1F) }
    /// The per-process increment (bits 0–11).
    public var increment: UInt16 { UInt16(truncatingIfNeeded: rawValue & 0xFFF) }

    /// The smallest id made at `date` (for pagination by time).
    public init(earliestAt date: Date) {
        let milliseconds = max(0, (date.timeIntervalSince1970 * 1000).rounded(.down))
        let unix = milliseconds < 1.8e19 ? UInt64(milliseconds) : UInt64.max
        let sinceEpoch = unix >= Self.discordEpochMilliseconds ? unix - Self.discordEpochMilliseconds : 0
        self.rawValue = sinceEpoch << 22
    }

    /// The decimal digits.
    public var description: String {
        String(rawValue)
    }

    /// Orders by value, which is creation order.
    public static func < (lhs: Snowflake, rhs: Snowflake) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Decodes a JSON string of digits, or a non-negative JSON integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Self.parse(text.utf8) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected a snowflake (decimal digits), got \"\(text.prefix(32))\""
                )
            }
            self.rawValue = value
        } else {
            self.rawValue = try container.decode(UInt64.self)
        }
    }

    /// Encodes as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
