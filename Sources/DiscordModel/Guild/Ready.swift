/// The first dispatch of a new session (Discord docs: "Ready Event Fields").
///
/// Store ``sessionID`` and ``resumeGatewayURL``: resuming needs them.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Ready: Codable, Hashable, Sendable {
    /// The API version.
    public var v: Int
    /// The bot user.
    public var user: User
    /// The guilds the bot is in, all unavailable until their `GUILD_CREATE` arrives.
    public var guilds: [UnavailableGuild]
    /// The session id, for resuming.
    public var sessionID: String
    /// The URL to connect to when resuming.
    public var resumeGatewayURL: String
    /// `[shard_id, num_shards]`, when the bot sent one in Identify.
    public var shard: [Int]?
    /// The bot's application: ``Application/id`` and ``Application/flags``.
    public var application: Application

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case v, user, guilds, shard, application
        /// `session_id`.
        case sessionID = "session_id"
        /// `resume_gateway_url`.
        case resumeGatewayURL = "resume_gateway_url"
    }
}
