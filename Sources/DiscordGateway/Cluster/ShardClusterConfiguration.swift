public import Dispatch
public import Logging

/// Which shards a ``ShardCluster`` runs.
///
/// **Threading:** an immutable value; `Sendable`.
public enum ShardSelection: Hashable, Sendable, CustomStringConvertible {
    /// Discord's recommended count from `GET /gateway/bot`, all of them.
    case recommended
    /// Shards `0..<total`.
    case total(Int)
    /// Shards `range` of `total` (this process runs part of a bigger bot), e.g. `16...31` of 64.
    case range(ClosedRange<Int>, total: Int)

    /// `"recommended"`, `"0…63 of 64"`.
    public var description: String {
        switch self {
        case .recommended: "recommended"
        case .total(let total): "0…\(total - 1) of \(total)"
        case .range(let range, let total): "\(range.lowerBound)…\(range.upperBound) of \(total)"
        }
    }
}

/// Everything a ``ShardCluster`` needs, with documented defaults.
///
/// **Threading:** an immutable value once handed to a cluster; `Sendable`.
public struct ShardClusterConfiguration: Sendable {
    /// The bot token. Never logged or printed.
    public var token: BotToken
    /// Which shards to run. Default: ``ShardSelection/recommended``.
    public var shards: ShardSelection = .recommended
    /// Discord's REST API base, for `GET /gateway/bot`. Default: `https://discord.com/api/v10`.
    public var apiBaseURL = "https://discord.com/api/v10"
    /// Whether to ask `GET /gateway/bot` for the gateway URL, `max_concurrency` and the session-start budget even
    /// when the shard count is given. Default: `true` (``ShardSelection/recommended`` always asks).
    public var fetchesGatewayInfo = true
    /// The gateway URL; `nil` takes it from `/gateway/bot` (or `wss://gateway.discord.gg` without it).
    public var gatewayURL: String?
    /// Overrides `max_concurrency` (e.g. for local testing); `nil` takes it from `/gateway/bot` (or 1).
    public var maxConcurrency: Int?
    /// Session starts kept in reserve: at or below it, identifies stop until the budget resets. Default (`nil`):
    /// 1 % of the daily total, at least 5.
    public var identifyBudgetReserve: Int?
    /// The identify coordinator; `nil` makes an in-memory ``IdentifyScheduler`` for this cluster. Pass a
    /// ``GatewayQueueClient`` (or your own) to share the schedule with other processes.
    public var identifyCoordinator: (any IdentifyCoordinator)?
    /// Where sessions are saved on shutdown and loaded on start; `nil` keeps none.
    public var sessionStore: (any SessionStore)?
    /// The configuration every shard starts from (token, gateway URL, shard, coordinator and callback queue are
    /// set by the cluster). Default: ``ShardConfiguration`` defaults.
    public var shardTemplate: ShardConfiguration
    /// Adjusts one shard's configuration (intents, presence, identify properties…) before it is created; it sees
    /// ``ShardConfiguration/shard``.
    public var configureShard: @Sendable (inout ShardConfiguration) -> Void = { _ in }
    /// Where cluster and shard callbacks run. Default (`nil`): one serial queue for the whole cluster.
    public var callbackQueue: DispatchQueue?
    /// Events that may wait for ``ShardCluster/nextEvent(timeout:)`` (default 10,000). When that many wait, the
    /// callback queue waits for room; the shards' own buffers then fill and they pause reading (heartbeats go on)
    /// until the reader catches up. Memory stays bounded and no event is dropped.
    public var pullBufferCapacity = 10_000
    /// Where logs go. Default: discarded.
    public var logger = Logger(label: "discord-gateway.cluster", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Makes a configuration with the defaults above.
    public init(token: BotToken) {
        self.token = token
        self.shardTemplate = ShardConfiguration(token: token)
    }
}
