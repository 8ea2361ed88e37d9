/// An RGB color sent as an integer (`0xRRGGBB`), as in roles and embeds.
///
/// **Threading:** an immutable value; `Sendable`.
public struct DiscordColor: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The integer `0xRRGGBB`.
    public let rawValue: Int

    /// Wraps an integer; bits above 24 are kept as sent.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Wraps an integer literal such as `0x5865F2`.
    public init(integerLiteral value: Int) {
        self.rawValue = value
    }

    /// Makes a color from components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.rawValue = Int(red) << 16 | Int(green) << 8 | Int(blue)
    }

    /// The red component.
    public var red: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 16) }
    /// The green component.
    public var green: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 8) }
    /// The blue component.
    public var blue: UInt8 { UInt8(truncatingIfNeeded: rawValue) }

    /// `#RRGGBB`.
    public var description: String {
        let hex = String(rawValue & 0xFF_FFFF, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex
    }
}
