internal import Foundation

/// The answer of `GET /gateway/bot` (PROTOCOL §1): where to connect, how many shards, and the identify budget.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayBotInfo: Hashable, Sendable, Decodable {
    /// The WSS URL for new connections.
    public var url: String
    /// The recommended shard count.
    public var shards: Int
    /// The daily identify budget and `max_concurrency`.
    public var sessionStartLimit: SessionStartLimit

    /// Makes a value (tests, caches).
    public init(url: String, shards: Int, sessionStartLimit: SessionStartLimit) {
        self.url = url
        self.shards = shards
        self.sessionStartLimit = sessionStartLimit
    }

    /// Discord's JSON keys.
    private enum CodingKeys: String, CodingKey {
        /// `url`.
        case url
        /// `shards`.
        case shards
        /// `session_start_limit`.
        case sessionStartLimit = "session_start_limit"
    }
}

/// The few Discord REST calls a gateway client needs.
///
/// **Threading:** stateless; safe from any thread.
public enum DiscordREST {
    /// Discord's REST base URL for API v10.
    public static let defaultAPIBaseURL = "https://discord.com/api/v10"

    /// The `User-Agent` Discord asks bots to send: `DiscordBot (<url>, <version>)`.
    public static let userAgent =
        "DiscordBot (https://github.com/swift-discord-gateway/swift-discord-gateway, \(DiscordGatewayLibrary.version))"

    /// Fetches `GET {apiBaseURL}/gateway/bot`: the gateway URL, recommended shard count and session-start budget.
    ///
    /// Do not cache the answer for long; its values change as the bot joins or leaves guilds.
    ///
    /// - Parameters:
    ///   - token: the bot token, sent as `Authorization: Bot <token>`.
    ///   - apiBaseURL: the REST base, without a trailing `/gateway/bot`.
    ///   - tls: trust settings.
    ///   - timeout: the budget for the whole request.
    /// - Returns: the decoded answer.
    /// - Throws: ``HTTPError`` — ``HTTPError/Code/unauthorized`` when Discord rejects the token (the message never
    ///   contains it), ``HTTPError/Code/badStatus`` for other non-200 answers (429 included),
    ///   ``HTTPError/Code/malformedResponse`` when the JSON does not decode, or a transport code; or
    ///   `CancellationError`.
    ///
    /// **Threading:** safe from any task; the request runs on its own thread.
    public static func gatewayBot(
        token: BotToken,
        apiBaseURL: String = defaultAPIBaseURL,
        tls: TLSConfiguration = .default,
        timeout: Duration = .seconds(10)
    ) async throws -> GatewayBotInfo {
        var base = Substring(apiBaseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        let response = try await HTTPClient.get(
            base + "/gateway/bot",
            headers: [
                ("Authorization", "Bot \(token.secret)"), ("User-Agent", userAgent), ("Accept", "application/json"),
            ],
            tls: tls, timeout: timeout)
        switch response.status {
        case 200:
            break
        case 401:
            throw HTTPError(
                .unauthorized, status: 401,
                detail: "Discord rejected the bot token (401 Unauthorized); check the token in the Developer Portal")
        default:
            throw HTTPError(
                .badStatus, status: response.status,
                detail: "GET /gateway/bot answered \(response.status): \(snippet(of: response.body))")
        }
        do {
            return try JSONDecoder().decode(GatewayBotInfo.self, from: Data(response.body))
        } catch {
            throw HTTPError(
                .malformedResponse, status: 200, detail: "GET /gateway/bot returned unexpected JSON: \(error)")
        }
    }

    /// The start of a response body as text, for error messages (at most 200 bytes).
    private static func snippet(of body: [UInt8]) -> String {
        String(decoding: body.prefix(200), as: UTF8.self)
    }
}
