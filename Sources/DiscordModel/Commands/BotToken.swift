/// A bot token: the secret sent in Identify and Resume (Discord docs: "Identify", "Resume").
///
/// The value never appears in logs: ``description``, ``debugDescription`` and ``customMirror`` show only its
/// length. A leading `Bot ` prefix (as used in REST `Authorization` headers) and surrounding whitespace are
/// removed, because the gateway expects the raw token.
///
/// **Threading:** an immutable value; `Sendable`.
public struct BotToken: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, ExpressibleByStringLiteral, Codable
{
    /// The raw token, without prefix. Only for building Identify and Resume payloads.
    package var secret: String

    /// Wraps a token, removing surrounding whitespace and a leading `Bot ` prefix (any case).
    ///
    /// - Parameter token: the token as copied from the Developer Portal, with or without `Bot `.
    public init(_ token: String) {
        var text = Substring(token)
        text = Self.trimmingWhitespace(text)
        if text.utf8.count > 4, text.prefix(4).lowercased() == "bot " {
            text = Self.trimmingWhitespace(text.dropFirst(4))
        }
        secret = String(text)
    }

    /// Wraps a token given as a literal (tests and samples; real tokens belong in the environment).
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Whether the token is empty, which Discord always rejects with close code 4004.
    public var isEmpty: Bool {
        secret.isEmpty
    }

    /// `"BotToken(redacted, 72 characters)"`: never any part of the secret.
    public var description: String {
        "BotToken(redacted, \(secret.utf8.count) characters)"
    }

    /// Same as ``description``.
    public var debugDescription: String {
        description
    }

    /// A mirror without children, so `dump` and `String(reflecting:)` of containing values hide the secret.
    public var customMirror: Mirror {
        Mirror(self, children: [(label: String?, value: Any)](), displayStyle: .struct)
    }

    /// Decodes the token from a JSON string (Identify and Resume payloads).
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the raw token as a JSON string: only for the wire, never for logs.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(secret)
    }

    /// Removes ASCII whitespace (space, tab, CR, LF) from both ends.
    private static func trimmingWhitespace(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
