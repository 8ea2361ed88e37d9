/// A protocol violation by a client, or a notable event, recorded by the ``GatewaySimulator`` for assertions.
///
/// **Threading:** an immutable value.
public struct SimulatorViolation: Sendable, Equatable, CustomStringConvertible {
    /// What happened; an open set of named kinds.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// A short description.
        public let description: String
        /// Creates a kind.
        public init(_ description: String) { self.description = description }

        /// Identify or Resume with a token not in ``GatewaySimulator/Configuration/validTokens`` (4004).
        public static let invalidToken = Kind("invalid token")
        /// Intent bits Discord does not document, or no intents (4013).
        public static let invalidIntents = Kind("invalid intents")
        /// Privileged intents not in ``GatewaySimulator/Configuration/allowedIntents`` (4014).
        public static let disallowedIntents = Kind("disallowed intents")
        /// A `shard` that is not `[id, n]` with `0 <= id < n` (4010).
        public static let invalidShard = Kind("invalid shard")
        /// Too many guilds per shard (4011).
        public static let shardingRequired = Kind("sharding required")
        /// A second Identify or Resume on one connection (4005).
        public static let alreadyAuthenticated = Kind("already authenticated")
        /// A command before Identify or Resume (4003).
        public static let notAuthenticated = Kind("payload before identify")
        /// An opcode clients may not send (4001).
        public static let unknownOpcode = Kind("unknown opcode")
        /// A command whose `d` lacks required fields (4001).
        public static let invalidPayload = Kind("invalid payload for opcode")
        /// Not JSON, or no integer `op` (4002).
        public static let decodeError = Kind("decode error")
        /// A payload over 4096 bytes (4002).
        public static let payloadTooLarge = Kind("payload too large")
        /// Over the command limit (4008).
        public static let rateLimited = Kind("rate limited")
        /// An Identify over `max_concurrency` (answered with Invalid Session `false`, no close).
        public static let identifyRateLimited = Kind("identify over max_concurrency")
        /// An Identify with no session starts left (closed 4004; the token is reset and its live sessions close
        /// with 4004).
        public static let sessionStartLimitExceeded = Kind("session start limit exceeded")
        /// A Resume that was refused (answered with Invalid Session `false`, no close).
        public static let resumeRefused = Kind("resume refused")
        /// The client closed with 1000 or 1001, ending its session (notable, not a mistake).
        public static let sessionClosedByClient = Kind("session closed by client")
    }

    /// What happened.
    public var kind: Kind
    /// Details for failure messages.
    public var detail: String
    /// The close code the simulator answered with; `nil` when it did not close.
    public var closeCode: UInt16?
    /// ``SimulatedClient/index`` of the client concerned.
    public var clientIndex: Int

    /// Creates a record.
    public init(kind: Kind, detail: String, closeCode: UInt16?, clientIndex: Int) {
        self.kind = kind
        self.detail = detail
        self.closeCode = closeCode
        self.clientIndex = clientIndex
    }

    /// One line: kind, close code, detail, client.
    public var description: String {
        "\(kind)" + (closeCode.map { " (closed \($0))" } ?? "") + ": \(detail) [client \(clientIndex)]"
    }
}
