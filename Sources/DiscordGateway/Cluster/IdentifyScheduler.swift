internal import Dispatch

/// The in-memory ``IdentifyCoordinator``: one process's identify queue, the default for a ``ShardCluster``.
///
/// Grants identify slots per bucket `shard_id % maxConcurrency`, one per bucket every 5 s plus a safety margin,
/// re-identifies before cold starts, and tracks the daily session-start budget when one is set (from
/// ``DiscordREST/gatewayBot(token:apiBaseURL:tls:timeout:)``): it stops granting at a small reserve and resumes
/// when the budget resets, reporting both through ``onBudgetEvent(_:)``. The scheduling rules live in the pure
/// ``IdentifyQueue``; this class adds the lock, the clock and one timer.
///
/// It coordinates the shards of one process only. To share one budget between processes use
/// ``GatewayQueueClient`` or another ``IdentifyCoordinator``.
///
/// **Threading:** safe from any thread. One `Locked` holds all state; one `DispatchSourceTimer` on a private
/// serial queue wakes the queue at its next due instant. Grants are called outside the lock, on the thread that
/// caused them (the requesting thread for an immediate grant, otherwise the scheduler's queue). Budget events are
/// delivered in order on the scheduler's queue.
public final class IdentifyScheduler: IdentifyCoordinator, Sendable {
    /// Settings for an ``IdentifyScheduler``.
    ///
    /// **Threading:** a value type; `Sendable`.
    public struct Configuration: Sendable {
        /// Identifies allowed per window: the number of buckets (`max_concurrency`). Default 1.
        public var maxConcurrency: Int = 1
        /// Discord's identify window per bucket. Default 5 s.
        public var window: Duration = .seconds(5)
        /// Extra spacing between two grants of one bucket, because Discord counts arrival. Default 100 ms (small enough that 32 shards at max_concurrency 1 still start within 32 × 5 s + 1 s).
        public var safetyMargin: Duration = .milliseconds(100)
        /// The daily budget, if known; its ``SessionStartLimit/maxConcurrency`` replaces ``maxConcurrency``.
        public var budget: SessionStartLimit? = nil
        /// Identifies never spent from the budget; `nil` for 1% of the total, at least 5.
        public var reserve: Int? = nil

        /// Makes a configuration.
        ///
        /// - Parameters:
        ///   - maxConcurrency: identifies allowed per window.
        ///   - window: the identify window per bucket.
        ///   - safetyMargin: extra spacing between grants of one bucket.
        ///   - budget: the daily budget, if known.
        ///   - reserve: identifies kept back from the budget.
        public init(
            maxConcurrency: Int = 1,
            window: Duration = .seconds(5),
            safetyMargin: Duration = .milliseconds(100),
            budget: SessionStartLimit? = nil,
            reserve: Int? = nil
        ) {
            self.maxConcurrency = maxConcurrency
            self.window = window
            self.safetyMargin = safetyMargin
            self.budget = budget
            self.reserve = reserve
        }
    }

    /// A change of the daily budget's state.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public enum BudgetEvent: Hashable, Sendable {
        /// Only `remaining` identifies are left (the reserve); nothing is granted until the reset in `resetAfter`.
        case exhausted(remaining: Int, resetAfter: Duration)
        /// The budget was refilled; granting resumed.
        case restored
    }

    /// Everything that changes, guarded together.
    private struct State {
        /// The scheduling core.
        var queue: IdentifyQueue
        /// The grant callbacks of waiting requests, by request id.
        var grants: [UInt64: @Sendable () -> Void] = [:]
        /// Budget event handlers, in registration order.
        var budgetHandlers: [@Sendable (BudgetEvent) -> Void] = []
        /// The wake-up timer; created once in `init`.
        var timer: (any DispatchSourceTimer)?
        /// The instant the timer is armed for, to skip needless re-arming.
        var armedFor: ContinuousClock.Instant?
    }

    /// The serial queue of the timer and of budget events.
    private let queue: DispatchQueue
    /// All mutable state.
    private let state: Locked<State>

    /// Makes a scheduler; it starts idle and needs no explicit start or stop.
    ///
    /// - Parameter configuration: buckets, window, margin, budget and reserve.
    public init(configuration: Configuration = Configuration()) {
        queue = DispatchQueue(label: "discord-gateway.identify")
        var core = IdentifyQueue(
            maxConcurrency: configuration.maxConcurrency, window: configuration.window,
            safetyMargin: configuration.safetyMargin, reserve: configuration.reserve)
        if let budget = configuration.budget {
            // No handler is registered yet, so an immediate "exhausted" cannot be delivered; it stays visible
            // through `budget` and blocks grants all the same.
            _ = core.update(budget: budget, at: .now)
        }
        state = Locked(State(queue: core))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [weak self] in self?.timerFired() }
        timer.schedule(deadline: .distantFuture, leeway: .milliseconds(1))
        timer.resume()
        state.withLock { $0.timer = timer }
    }

    deinit {
        state.withLock { state in
            state.timer?.cancel()
            state.timer = nil
        }
    }

    /// Queues `request`; `grant` runs once when its bucket and the budget allow (see ``IdentifyCoordinator``).
    ///
    /// **Threading:** safe from any thread; an immediate grant runs on the calling thread before this returns.
    public func requestIdentify(_ request: IdentifyRequest, grant: @escaping @Sendable () -> Void) {
        let grants = mutate { state, now in
            if state.grants[request.id] == nil { state.grants[request.id] = grant }
            return state.queue.enqueue(request, at: now)
        }
        for grant in grants { grant() }
    }

    /// Notes when a granted Identify actually went out, so its bucket's next grant is a full spacing after it.
    ///
    /// **Threading:** safe from any thread.
    public func identifySent(_ request: IdentifyRequest) {
        _ = mutate { state, now in
            state.queue.identifySent(shardID: request.shard.id, at: now)
            return []
        }
    }

    /// Withdraws a waiting request; its grant is never called. Granted or unknown requests are ignored.
    ///
    /// **Threading:** safe from any thread.
    public func cancel(_ request: IdentifyRequest) {
        _ = mutate { state, _ in
            if state.queue.cancel(id: request.id) { state.grants[request.id] = nil }
            return []
        }
    }

    /// Changes the number of buckets at run time (after `GET /gateway/bot` reported a new `max_concurrency`).
    ///
    /// **Threading:** safe from any thread; grants that become due run on the calling thread.
    public func update(maxConcurrency: Int) {
        let grants = mutate { state, now in state.queue.update(maxConcurrency: maxConcurrency, at: now) }
        for grant in grants { grant() }
    }

    /// Replaces the daily budget with a fresh value (including its `max_concurrency`); the reset instant
    /// becomes now plus ``SessionStartLimit/resetAfter``.
    ///
    /// **Threading:** safe from any thread; grants that become due run on the calling thread.
    public func update(budget: SessionStartLimit) {
        let grants = mutate { state, now in state.queue.update(budget: budget, at: now) }
        for grant in grants { grant() }
    }

    /// The daily budget as of now (remaining identifies, time to reset), or `nil` when none is tracked.
    public var budget: SessionStartLimit? {
        state.withLock { $0.queue.budget(at: .now) }
    }

    /// Whether granting is stopped because the budget reached its reserve.
    public var isBudgetExhausted: Bool {
        state.withLock { $0.queue.isBudgetExhausted }
    }

    /// Requests waiting for a slot.
    public var waitingCount: Int {
        state.withLock { $0.queue.waitingCount }
    }

    /// Identify slots granted so far.
    public var grantedCount: Int {
        state.withLock { $0.queue.grantedCount }
    }

    /// The current number of buckets.
    public var maxConcurrency: Int {
        state.withLock { $0.queue.maxConcurrency }
    }

    /// Registers a handler for budget changes (exhausted at the reserve, restored after the reset).
    ///
    /// **Threading:** handlers run in registration order on the scheduler's serial queue, never under its lock.
    public func onBudgetEvent(_ handler: @escaping @Sendable (BudgetEvent) -> Void) {
        state.withLock { $0.budgetHandlers.append(handler) }
    }

    /// Ticks the core when the timer fires.
    private func timerFired() {
        let grants = mutate { state, now in
            state.armedFor = nil
            return state.queue.tick(at: now)
        }
        for grant in grants { grant() }
    }

    /// Runs `body` on the state under the lock, carries out its decisions and re-arms the timer.
    ///
    /// Budget events are posted to ``queue`` while still locked, so they arrive in decision order.
    /// - Returns: the grant callbacks to call once the lock is released.
    private func mutate(
        _ body: (inout State, ContinuousClock.Instant) -> [IdentifyQueue.Decision]
    ) -> [@Sendable () -> Void] {
        state.withLock { state in
            let now = ContinuousClock.now
            let decisions = body(&state, now)
            var grants: [@Sendable () -> Void] = []
            for decision in decisions {
                switch decision {
                case .grant(let request):
                    if let grant = state.grants.removeValue(forKey: request.id) { grants.append(grant) }
                case .budgetExhausted(let remaining, let resetAfter):
                    post(.exhausted(remaining: remaining, resetAfter: resetAfter), to: state.budgetHandlers)
                case .budgetRestored:
                    post(.restored, to: state.budgetHandlers)
                }
            }
            arm(&state, now: now)
            return grants
        }
    }

    /// Delivers a budget event to `handlers` on ``queue``.
    private func post(_ event: BudgetEvent, to handlers: [@Sendable (BudgetEvent) -> Void]) {
        guard !handlers.isEmpty else { return }
        queue.async {
            for handler in handlers { handler(event) }
        }
    }

    /// Points the timer at the core's next wake-up (or far in the future when nothing is due).
    private func arm(_ state: inout State, now: ContinuousClock.Instant) {
        let wakeUp = state.queue.nextWakeUp
        guard wakeUp != state.armedFor, let timer = state.timer else { return }
        state.armedFor = wakeUp
        guard let wakeUp else {
            timer.schedule(deadline: .distantFuture, leeway: .milliseconds(1))
            return
        }
        let delay = max(.zero, now.duration(to: wakeUp))
        let (seconds, attoseconds) = delay.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow, nanoseconds.partialValue < Int64(Int.max / 2) else {
            timer.schedule(deadline: .distantFuture, leeway: .milliseconds(1))
            return
        }
        let total = nanoseconds.partialValue + attoseconds / 1_000_000_000 + 1
        timer.schedule(deadline: .now() + .nanoseconds(Int(total)), leeway: .milliseconds(1))
    }
}
