/// A resumable gateway session: what is needed to continue after a disconnect, even in a new process
/// (Discord docs: "Resuming").
///
/// Closing a shard with a code other than 1000/1001 (by convention 4000) keeps the session alive on Discord's
/// side for a few minutes; configure a new shard with it to resume instead of identifying, which does not count
/// against the daily session start limit. Treat it as a credential-adjacent value: with the token it continues
/// the bot's session.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Session: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The session id from READY (`session_id`).
    public var id: String
    /// The last sequence number received (`s`).
    public var sequence: Int
    /// The full URL to resume at: READY's `resume_gateway_url` with the query string of the gateway URL
    /// (`?v=10&encoding=json`, plus `compress` if used).
    public var resumeURL: String

    /// Makes a session value.
    public init(id: String, sequence: Int, resumeURL: String) {
        self.id = id
        self.sequence = sequence
        self.resumeURL = resumeURL
    }

    /// `"Session(id, seq 42, at wss://…)"`.
    public var description: String {
        "Session(\(id), seq \(sequence), at \(resumeURL))"
    }

    /// Builds the URL to resume at from READY's `resume_gateway_url` and the configured gateway URL.
    ///
    /// Any query or trailing slash of `resumeGatewayURL` is replaced by `/` plus the query of `gatewayURL`,
    /// because resuming without the same `v`, `encoding` and `compress` fails.
    ///
    /// - Parameters:
    ///   - resumeGatewayURL: the base URL from READY, such as `wss://gateway-us-east1-b.discord.gg`.
    ///   - gatewayURL: the URL of the first connection, such as `wss://gateway.discord.gg/?v=10&encoding=json`.
    /// - Returns: for example `wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json`.
    public static func makeResumeURL(resumeGatewayURL: String, gatewayURL: String) -> String {
        var base = Substring(resumeGatewayURL)
        if let question = base.firstIndex(of: "?") {
            base = base[..<question]
        }
        while base.hasSuffix("/") {
            base = base.dropLast()
        }
        guard let question = gatewayURL.firstIndex(of: "?") else {
            return base + "/"
        }
        return base + "/" + gatewayURL[question...]
    }
}
