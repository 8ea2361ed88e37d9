public import Dispatch
internal import Logging

/// Runs many shards with one identify schedule and one place to watch them.
///
/// ```swift
/// var configuration = ShardClusterConfiguration(token: BotToken(token))
/// configuration.shards = .recommended          // or .total(64), or .range(16...31, total: 64)
/// configuration.sessionStore = JSONFileSessionStore(path: "sessions.json")
/// let cluster = ShardCluster(configuration: configuration)
/// cluster.onEvent { event in … }               // ClusterEvent: shardID + GatewayEvent
/// try await cluster.start()
/// …
/// try await cluster.shutdown()                 // closes resumably and saves the sessions
/// ```
///
/// The shards share one ``IdentifyCoordinator`` (by default an in-memory ``IdentifyScheduler`` fed with
/// `max_concurrency` and the session-start budget from `GET /gateway/bot`): one identify per bucket
/// `shard_id % max_concurrency` per 5 s, buckets in parallel, re-identifies before cold starts, resumes never
/// wait, and identifies stop at the budget's reserve.
///
/// **Threading:** safe from any thread. Each shard keeps its own queue; cluster state is one `Locked`; callbacks
/// run on the cluster's callback queue.
public final class ShardCluster: Sendable {
    /// Mutable cluster state.
    struct State {
        var shards: [Shard] = []
        var total = 0
        var isStarted = false
        var readyOnce: Set<Int> = []
        var announcedReady = false
        var handlers = Handlers()
        var delegate = WeakDelegate()
        var hasDelegate = false
        var pullRequested = false
        var scheduler: IdentifyScheduler?
    }

    /// Closure handlers.
    struct Handlers {
        var events: [@Sendable (ClusterEvent) -> Void] = []
        var states: [@Sendable (Int, ShardState, ShardState) -> Void] = []
        var progress: [@Sendable (Int, Int) -> Void] = []
        var budget: [@Sendable (Int, Duration) -> Void] = []
        var isEmpty: Bool { events.isEmpty && states.isEmpty }
    }

    /// A weak delegate reference.
    struct WeakDelegate {
        weak var value: (any ShardClusterDelegate)?
    }

    /// The configuration.
    public let configuration: ShardClusterConfiguration
    /// Where callbacks run.
    public let callbackQueue: DispatchQueue
    /// Mutable state.
    let state = Locked(State())
    /// Events for ``nextEvent(timeout:)`` and ``events``.
    let pull: EventPullQueue<ClusterEvent>
    /// Receives every shard's callbacks.
    private let observer: ClusterShardObserver
    /// Logger.
    let logger: Logger

    /// Makes a cluster; nothing connects until ``start()``.
    public init(configuration: ShardClusterConfiguration) {
        self.configuration = configuration
        callbackQueue = configuration.callbackQueue ?? DispatchQueue(label: "discord-gateway.cluster.callbacks")
        logger = configuration.logger
        pull = EventPullQueue(capacity: configuration.pullBufferCapacity, onTake: { _ in })
        observer = ClusterShardObserver()
        observer.cluster = self
    }

    // MARK: Lifecycle

    /// Starts every shard: asks `GET /gateway/bot` when needed, loads stored sessions, and connects the shards;
    /// identifies then follow the schedule while resumes go at once.
    ///
    /// Returns once the shards are created and connecting; watch ``isReady``, the delegate or
    /// ``onStartupProgress(_:)``.
    /// - Throws: when `GET /gateway/bot` fails (e.g. the token is rejected) or the selection is invalid.
    public func start() async throws {
        let alreadyStarted = state.withLock { state -> Bool in
            defer { state.isStarted = true }
            return state.isStarted
        }
        precondition(!alreadyStarted, "ShardCluster.start() called twice (programmer error)")
        var info: GatewayBotInfo?
        if configuration.shards == .recommended || configuration.fetchesGatewayInfo {
            info = try await DiscordREST.gatewayBot(
                token: configuration.token, apiBaseURL: configuration.apiBaseURL, tls: configuration.shardTemplate.tls)
        }
        let (ids, total) = try Self.resolve(configuration.shards, recommended: info?.shards)
        let maxConcurrency = configuration.maxConcurrency ?? info?.sessionStartLimit.maxConcurrency ?? 1
        let gatewayURL = configuration.gatewayURL ?? info?.url ?? "wss://gateway.discord.gg"
        let coordinator: any IdentifyCoordinator
        if let given = configuration.identifyCoordinator {
            coordinator = given
        } else {
            var settings = IdentifyScheduler.Configuration()
            settings.maxConcurrency = maxConcurrency
            // The budget carries Discord's max_concurrency; an explicit override wins.
            settings.budget = (info?.sessionStartLimit).map { limit in
                var limit = limit
                limit.maxConcurrency = maxConcurrency
                return limit
            }
            settings.reserve = configuration.identifyBudgetReserve
            let scheduler = IdentifyScheduler(configuration: settings)
            scheduler.onBudgetEvent { [weak self] event in self?.budgetEvent(event) }
            if scheduler.isBudgetExhausted, let budget = scheduler.budget {
                // Already at the reserve before any shard asked: report it like a later exhaustion.
                budgetEvent(.exhausted(remaining: budget.remaining, resetAfter: budget.resetAfter))
            }
            state.withLock { $0.scheduler = scheduler }
            coordinator = scheduler
        }
        let stored = try configuration.sessionStore?.loadSessions() ?? []
        var resumable: [Int: Session] = [:]
        for record in stored where record.shard.count == total {
            resumable[record.shard.id] = record.session
        }
        logger.info(
            "starting shards \(ids.first ?? 0)…\(ids.last ?? 0) of \(total), max_concurrency \(maxConcurrency), \(resumable.count) stored sessions"
        )
        var shards: [Shard] = []
        for id in ids {
            var shardConfiguration = configuration.shardTemplate
            shardConfiguration.token = configuration.token
            shardConfiguration.shard = ShardInfo(id: id, count: total)
            shardConfiguration.gatewayURL = gatewayURL
            shardConfiguration.resumeSession = resumable[id]
            shardConfiguration.identifyCoordinator = coordinator
            shardConfiguration.callbackQueue = callbackQueue
            var logger = configuration.logger
            logger[metadataKey: "shard.id"] = "\(id)"
            shardConfiguration.logger = logger
            configuration.configureShard(&shardConfiguration)
            let shard = Shard(configuration: shardConfiguration)
            shard.delegate = observer
            shards.append(shard)
        }
        state.withLock {
            $0.shards = shards
            $0.total = total
        }
        for shard in shards { shard.connect() }
    }

    /// Closes every shard. With `resumable` (the default) each closes with 4000 and its session is saved to the
    /// ``ShardClusterConfiguration/sessionStore``; otherwise with 1000, which ends the sessions.
    /// - Returns: the sessions that can be resumed.
    /// - Throws: when the session store cannot be written (the shards are closed anyway).
    @discardableResult
    public func shutdown(resumable: Bool = true) async throws -> [StoredSession] {
        let shards = state.withLock { $0.shards }
        var saved: [StoredSession] = []
        for shard in shards {
            let session = shard.close(code: resumable ? .unknownError : .normalClosure)
            if let session { saved.append(StoredSession(shard: shard.configuration.shard, session: session)) }
        }
        pull.end()
        if let store = configuration.sessionStore {
            try store.saveSessions(saved)
        }
        logger.info("shut down \(shards.count) shards, \(saved.count) resumable sessions")
        return saved
    }

    /// Asks `GET /gateway/bot` again and hands the fresh session-start budget (and `max_concurrency`, unless
    /// overridden) to the built-in scheduler. Discord's values change as the bot grows; call it now and then.
    /// - Returns: what Discord answered.
    /// - Throws: when the request fails.
    @discardableResult
    public func refreshIdentifyLimits() async throws -> GatewayBotInfo {
        let info = try await DiscordREST.gatewayBot(
            token: configuration.token, apiBaseURL: configuration.apiBaseURL, tls: configuration.shardTemplate.tls)
        updateIdentifyLimits(info.sessionStartLimit)
        return info
    }

    /// Hands a session-start budget to the built-in scheduler (does nothing with another coordinator).
    public func updateIdentifyLimits(_ limit: SessionStartLimit) {
        var limit = limit
        if let override = configuration.maxConcurrency { limit.maxConcurrency = override }
        state.withLock { $0.scheduler }?.update(budget: limit)
    }

    /// Resolves a selection to shard ids and the total.
    static func resolve(_ selection: ShardSelection, recommended: Int?) throws -> ([Int], Int) {
        switch selection {
        case .recommended:
            guard let recommended, recommended > 0 else {
                throw ShardClusterError(description: "GET /gateway/bot did not recommend a shard count")
            }
            return (Array(0..<recommended), recommended)
        case .total(let total):
            guard total > 0 else { throw ShardClusterError(description: "the shard total must be at least 1") }
            return (Array(0..<total), total)
        case .range(let range, let total):
            guard total > 0, range.lowerBound >= 0, range.upperBound < total else {
                throw ShardClusterError(description: "shards \(range) are not within 0…\(total - 1)")
            }
            return (Array(range), total)
        }
    }

    // MARK: Shards and routing

    /// The shards this process runs, in id order.
    public var shards: [Shard] { state.withLock { $0.shards } }

    /// The shard total (`num_shards`); 0 before ``start()``.
    public var total: Int { state.withLock { $0.total } }

    /// The shard with `id`, if this process runs it.
    public func shard(id: Int) -> Shard? {
        state.withLock { state in state.shards.first { $0.id == id } }
    }

    /// The shard that owns `guildID`, if this process runs it.
    public func shard(forGuild guildID: Snowflake) -> Shard? {
        let total = self.total
        guard total > 0 else { return nil }
        return shard(id: Self.shardID(forGuild: guildID, total: total))
    }

    /// Sends a guild-scoped command (voice state, request guild members, channel info, soundboard sounds for one
    /// guild) on the shard that owns the guild.
    /// - Throws: ``GatewayCommandError`` for an invalid command, ``ShardClusterError`` when the guild's shard does
    ///   not run in this process or the command names no single guild.
    public func send(_ command: GatewayCommand) throws {
        guard let guildID = Self.guildID(of: command) else {
            throw ShardClusterError(
                description: "\(command.opcode) is not guild-scoped; send it on a shard or use updatePresence")
        }
        guard let shard = shard(forGuild: guildID) else {
            throw ShardClusterError(description: "guild \(guildID) belongs to a shard this process does not run")
        }
        try shard.send(command)
    }

    /// Updates the presence on every shard, or only on `shardID`.
    /// - Throws: ``GatewayCommandError`` for an invalid presence, ``ShardClusterError`` for an unknown shard.
    public func updatePresence(_ presence: GatewayCommand.PresenceUpdate, shard shardID: Int? = nil) throws {
        if let shardID {
            guard let shard = shard(id: shardID) else {
                throw ShardClusterError(description: "shard \(shardID) does not run in this process")
            }
            try shard.send(.presenceUpdate(presence))
            return
        }
        for shard in shards { try shard.send(.presenceUpdate(presence)) }
    }

    /// The guild a command is about, if it names exactly one.
    static func guildID(of command: GatewayCommand) -> Snowflake? {
        switch command {
        case .voiceStateUpdate(let update): update.guildID
        case .requestGuildMembers(let request): request.guildID
        case .requestChannelInfo(let request): request.guildID
        case .requestSoundboardSounds(let request): request.guildIDs.count == 1 ? request.guildIDs.first : nil
        default: nil
        }
    }

    // MARK: Status

    /// Every shard's state, latency, reconnect count and last event time.
    public var status: [ShardStatus] {
        shards.map {
            ShardStatus(
                id: $0.id, state: $0.state, latency: $0.latency.last, reconnectCount: $0.reconnectCount,
                lastEventAt: $0.lastEventAt)
        }
    }

    /// Whether every shard is connected right now.
    public var isReady: Bool {
        let shards = self.shards
        return !shards.isEmpty && shards.allSatisfy { $0.state == .connected }
    }

    /// How many shards have been connected at least once since ``start()``.
    public var readyCount: Int { state.withLock { $0.readyOnce.count } }

    /// The identify budget as the built-in scheduler tracks it (`nil` with another coordinator or without
    /// `/gateway/bot`).
    public var identifyBudget: SessionStartLimit? { state.withLock { $0.scheduler }?.budget }

    // MARK: Delivery

    /// The delegate; held weakly.
    public var delegate: (any ShardClusterDelegate)? {
        get { state.withLock { $0.delegate.value } }
        set {
            state.withLock {
                $0.delegate.value = newValue
                $0.hasDelegate = newValue != nil
            }
        }
    }

    /// Registers a handler for every dispatch of every shard.
    public func onEvent(_ handler: @escaping @Sendable (ClusterEvent) -> Void) {
        state.withLock { $0.handlers.events.append(handler) }
    }

    /// Registers a handler for shard state changes (shard id, old, new).
    public func onStateChange(_ handler: @escaping @Sendable (Int, ShardState, ShardState) -> Void) {
        state.withLock { $0.handlers.states.append(handler) }
    }

    /// Registers a handler for startup progress (ready, total).
    public func onStartupProgress(_ handler: @escaping @Sendable (Int, Int) -> Void) {
        state.withLock { $0.handlers.progress.append(handler) }
    }

    /// Registers a handler called when the identify budget reaches its reserve (remaining, reset after).
    public func onIdentifyBudgetExhausted(_ handler: @escaping @Sendable (Int, Duration) -> Void) {
        state.withLock { $0.handlers.budget.append(handler) }
    }

    /// Waits up to `timeout` for the next event of any shard; `nil` on timeout or after ``shutdown(resumable:)``.
    ///
    /// At most ``ShardClusterConfiguration/pullBufferCapacity`` events wait; past that the shards pause reading
    /// until this is called again, so a slow reader is never handed a gap.
    ///
    /// **Threading:** blocks the calling thread; call it from your own thread, not from a callback (a callback
    /// waiting for room would wait for itself).
    public func nextEvent(timeout: Duration? = nil) -> ClusterEvent? {
        state.withLock { $0.pullRequested = true }
        return pull.next(timeout: timeout)
    }

    /// Events waiting for ``nextEvent(timeout:)`` (at most ``ShardClusterConfiguration/pullBufferCapacity``).
    public var pendingEventCount: Int { pull.count }

    /// Called on the callback queue for each shard dispatch; waits while the pull buffer is full.
    func deliver(_ event: GatewayEvent, from shard: Shard) {
        let (handlers, delegate, pulls) = state.withLock { state in
            (
                state.handlers, state.delegate.value,
                state.pullRequested || (!state.hasDelegate && state.handlers.isEmpty)
            )
        }
        delegate?.shardCluster(self, didReceive: event, from: shard)
        let tagged = ClusterEvent(shardID: shard.id, event: event)
        for handler in handlers.events { handler(tagged) }
        if pulls { pull.put(tagged, waitingForRoom: true) }
    }

    /// Called on the callback queue for each shard state change.
    func stateChanged(_ shard: Shard, from old: ShardState, to new: ShardState) {
        let (handlers, delegate, progress, becameReady, total) = state.withLock {
            state -> (Handlers, (any ShardClusterDelegate)?, Int?, Bool, Int) in
            var progress: Int?
            var becameReady = false
            if new == .connected, !state.readyOnce.contains(shard.id) {
                state.readyOnce.insert(shard.id)
                progress = state.readyOnce.count
                if state.readyOnce.count == state.shards.count, !state.announcedReady {
                    state.announcedReady = true
                    becameReady = true
                }
            }
            return (state.handlers, state.delegate.value, progress, becameReady, state.shards.count)
        }
        delegate?.shardCluster(self, shard: shard, didChangeStateFrom: old, to: new)
        for handler in handlers.states { handler(shard.id, old, new) }
        if let progress {
            logger.info("shards ready \(progress)/\(total)")
            delegate?.shardCluster(self, didUpdateStartupProgress: progress, of: total)
            for handler in handlers.progress { handler(progress, total) }
        }
        if becameReady {
            logger.info("all \(total) shards ready")
            delegate?.shardClusterDidBecomeReady(self)
        }
    }

    /// Called on the callback queue when a shard's connection ends.
    func disconnected(_ shard: Shard, error: ShardError) {
        let delegate = state.withLock { $0.delegate.value }
        delegate?.shardCluster(self, shard: shard, didDisconnectWith: error)
    }

    /// Called on the callback queue when a shard stops for good.
    func stopped(_ shard: Shard, error: ShardError) {
        let delegate = state.withLock { $0.delegate.value }
        delegate?.shardCluster(self, shard: shard, didStopWith: error)
    }

    /// Relays the scheduler's budget events to the callback queue.
    private func budgetEvent(_ event: IdentifyScheduler.BudgetEvent) {
        guard case .exhausted(let remaining, let resetAfter) = event else {
            logger.info("identify budget restored")
            return
        }
        logger.info("identify budget at its reserve (\(remaining) left); holding identifies for \(resetAfter)")
        callbackQueue.async {
            let (handlers, delegate) = self.state.withLock { ($0.handlers, $0.delegate.value) }
            delegate?.shardCluster(self, didExhaustIdentifyBudget: remaining, resetAfter: resetAfter)
            for handler in handlers.budget { handler(remaining, resetAfter) }
        }
    }
}
