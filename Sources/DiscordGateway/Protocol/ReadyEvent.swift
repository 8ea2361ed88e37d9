/// The READY dispatch: the session that Identify started (Discord docs: "Ready").
///
/// The shard decodes it to store ``sessionID`` and ``resumeGatewayURL``; users can decode it too with
/// ``GatewayEvent/decodeData(_:)``. Only the fields a gateway client needs are modelled, so that no change to the
/// rest of READY can stop a session from starting; for the whole event, decode ``Ready`` (``DispatchEvent/ready(_:)``).
///
/// **Threading:** an immutable value; `Sendable`.
public struct ReadyEvent: Hashable, Sendable, Decodable {
    /// The bot user, reduced to what identifies it.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct User: Hashable, Sendable, Decodable {
        /// The user's id.
        public var id: Snowflake
        /// The user's name.
        public var username: String

        /// Makes a user.
        public init(id: Snowflake, username: String) {
            self.id = id
            self.username = username
        }
    }

    /// The API version (`v`).
    public var apiVersion: Int
    /// The bot user.
    public var user: User
    /// The guilds the session serves; they start out unavailable and arrive later as `GUILD_CREATE`.
    public var guildIDs: [Snowflake]
    /// The session id needed to resume (`session_id`).
    public var sessionID: String
    /// The gateway URL to resume at (`resume_gateway_url`), without query string; `nil` if Discord left it out.
    public var resumeGatewayURL: String?
    /// The `[shard_id, num_shards]` echoed from Identify, if it was sent.
    public var shard: ShardInfo?
    /// The application's id, if present.
    public var applicationID: Snowflake?

    /// Makes a READY value (tests, fakes).
    public init(
        apiVersion: Int = 10, user: User, guildIDs: [Snowflake] = [], sessionID: String, resumeGatewayURL: String?,
        shard: ShardInfo? = nil, applicationID: Snowflake? = nil
    ) {
        self.apiVersion = apiVersion
        self.user = user
        self.guildIDs = guildIDs
        self.sessionID = sessionID
        self.resumeGatewayURL = resumeGatewayURL
        self.shard = shard
        self.applicationID = applicationID
    }

    /// The wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire name v.
        case apiVersion = "v"
        /// Wire name as spelled.
        case user, guilds, shard, application
        /// Wire name session_id.
        case sessionID = "session_id"
        /// Wire name resume_gateway_url.
        case resumeGatewayURL = "resume_gateway_url"
    }

    /// An unavailable guild object; only `id` is read.
    private struct Guild: Decodable {
        /// The guild's id.
        var id: Snowflake
    }

    /// A partial application object; only `id` is read.
    private struct Application: Decodable {
        /// The application's id.
        var id: Snowflake
    }

    /// Decodes READY's `d`; missing optional fields become `nil` or empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(Int.self, forKey: .apiVersion) ?? 10
        user = try container.decode(User.self, forKey: .user)
        guildIDs = try container.decodeIfPresent([Guild].self, forKey: .guilds)?.map(\.id) ?? []
        sessionID = try container.decode(String.self, forKey: .sessionID)
        resumeGatewayURL = try container.decodeIfPresent(String.self, forKey: .resumeGatewayURL)
        shard = try container.decodeIfPresent(ShardInfo.self, forKey: .shard)
        applicationID = try container.decodeIfPresent(Application.self, forKey: .application)?.id
    }
}

/// The Hello payload's data: how often to heartbeat (Discord docs: "Hello").
///
/// **Threading:** an immutable value; `Sendable`.
package struct HelloEvent: Hashable, Sendable, Decodable {
    /// The heartbeat interval (`heartbeat_interval`, sent in milliseconds).
    package var heartbeatInterval: Duration

    /// Makes a Hello value.
    package init(heartbeatInterval: Duration) {
        self.heartbeatInterval = heartbeatInterval
    }

    /// The wire name.
    private enum CodingKeys: String, CodingKey {
        /// Wire name heartbeat_interval.
        case heartbeatInterval = "heartbeat_interval"
    }

    /// Decodes Hello's `d`; the interval must be a positive number of milliseconds below one day.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let milliseconds = try container.decode(Double.self, forKey: .heartbeatInterval)
        guard milliseconds.isFinite, milliseconds >= 1, milliseconds <= 86_400_000 else {
            throw DecodingError.dataCorruptedError(
                forKey: .heartbeatInterval, in: container, debugDescription: "heartbeat_interval out of range")
        }
        heartbeatInterval = .microseconds(Int64(milliseconds * 1000))
    }
}
