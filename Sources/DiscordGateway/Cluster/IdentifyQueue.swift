/// The pure scheduling core behind ``IdentifyScheduler``: which shard may identify when (PROTOCOL §11).
///
/// Requests wait in buckets keyed `shard.id % maxConcurrency`. Each bucket releases one identify per
/// ``window`` plus ``safetyMargin`` (Discord measures when the Identify *arrives*, so the margin absorbs network
/// jitter); buckets run in parallel. Within a bucket, ``IdentifyPriority/reidentify`` goes before
/// ``IdentifyPriority/coldStart``, then first come first served.
///
/// With a daily budget (``update(budget:at:)``), every grant spends one session start. Once ``remaining`` drops
/// to the reserve, nothing more is granted and ``Decision/budgetExhausted(remaining:resetAfter:)`` is reported
/// once; when the period resets, ``remaining`` goes back to ``SessionStartLimit/total``,
/// ``Decision/budgetRestored`` is reported and granting resumes. The reserve keeps a few identifies for
/// emergencies: spending the very last one makes Discord reset the bot's token.
///
/// Like ``GatewaySession`` it never reads a clock, starts a timer or takes a lock: every input carries its
/// instant, every output is a ``Decision``, and the owner wakes it at ``nextWakeUp`` with ``tick(at:)``.
///
/// **Threading:** a value type with no locks; its owner serialises access (``IdentifyScheduler`` holds it in a
/// `Locked`).
package struct IdentifyQueue: Sendable {
    /// What the owner must do after an input.
    package enum Decision: Hashable, Sendable, CustomStringConvertible {
        /// The request may identify now: call its grant.
        case grant(IdentifyRequest)
        /// The daily budget fell to the reserve; nothing is granted until it resets in `resetAfter`.
        case budgetExhausted(remaining: Int, resetAfter: Duration)
        /// The budget was refilled (period reset or a fresher value); granting resumed.
        case budgetRestored

        /// `"grant shard [3, 16] (cold start)"` and similar.
        package var description: String {
            switch self {
            case .grant(let request): "grant \(request)"
            case .budgetExhausted(let remaining, let resetAfter):
                "budget exhausted (\(remaining) left, reset in \(resetAfter))"
            case .budgetRestored: "budget restored"
            }
        }
    }

    /// A waiting request with its arrival order.
    private struct Waiter: Sendable {
        /// The request.
        var request: IdentifyRequest
        /// Arrival order, for first come first served within a priority.
        var sequence: UInt64

        /// Whether this waiter goes before `other`: higher priority first, then earlier arrival.
        func precedes(_ other: Waiter) -> Bool {
            if request.priority != other.request.priority { return request.priority < other.request.priority }
            return sequence < other.sequence
        }
    }

    /// One rate-limit bucket.
    private struct Bucket: Sendable {
        /// Requests waiting for this bucket, in arrival order.
        var waiting: [Waiter] = []
        /// When the bucket may grant again; `nil` when it never granted.
        var readyAt: ContinuousClock.Instant?

        /// The index in ``waiting`` of the request that goes next.
        var bestIndex: Int? {
            guard var best = waiting.indices.first else { return nil }
            for index in waiting.indices.dropFirst() where waiting[index].precedes(waiting[best]) { best = index }
            return best
        }
    }

    /// The daily budget as tracked.
    private struct Budget: Sendable {
        /// Session starts per period.
        var total: Int
        /// Session starts left.
        var remaining: Int
        /// When ``remaining`` goes back to ``total``.
        var resetAt: ContinuousClock.Instant
        /// Granting stops when ``remaining`` is at or below this.
        var reserve: Int

        /// Whether granting has to stop.
        var isExhausted: Bool { remaining <= reserve }
    }

    /// The number of buckets (`max_concurrency`), at least 1.
    package private(set) var maxConcurrency: Int
    /// Discord's identify window per bucket (5 s).
    package let window: Duration
    /// Extra spacing added to ``window`` between two grants of one bucket.
    package let safetyMargin: Duration
    /// The reserve asked for, or `nil` for 1% of the total, at least 5.
    package let configuredReserve: Int?
    /// The assumed period length after a reset, until a fresher budget arrives (24 h).
    package let budgetPeriod: Duration
    /// The buckets, indexed by `shard.id % maxConcurrency`.
    private var buckets: [Bucket]
    /// The next arrival number.
    private var nextSequence: UInt64 = 0
    /// The daily budget, when one is known.
    private var budget: Budget?
    /// Whether ``Decision/budgetExhausted(remaining:resetAfter:)`` was reported and not yet followed by
    /// ``Decision/budgetRestored``.
    package private(set) var isBudgetExhausted = false
    /// Grants made so far.
    package private(set) var grantedCount = 0

    /// Makes an empty queue without a daily budget.
    ///
    /// - Parameters:
    ///   - maxConcurrency: the number of buckets; values below 1 count as 1.
    ///   - window: the identify window per bucket.
    ///   - safetyMargin: extra spacing between two grants of one bucket.
    ///   - reserve: identifies kept back from the daily budget, or `nil` for 1% of its total, at least 5.
    ///   - budgetPeriod: the period assumed after a reset until ``update(budget:at:)`` brings a fresh value.
    package init(
        maxConcurrency: Int = 1,
        window: Duration = .seconds(5),
        safetyMargin: Duration = .milliseconds(100),
        reserve: Int? = nil,
        budgetPeriod: Duration = .seconds(86_400)
    ) {
        self.maxConcurrency = max(1, maxConcurrency)
        self.window = window
        self.safetyMargin = safetyMargin
        self.configuredReserve = reserve.map { max(0, $0) }
        self.budgetPeriod = budgetPeriod
        self.buckets = Array(repeating: Bucket(), count: self.maxConcurrency)
    }

    /// The minimum time between two grants of one bucket: ``window`` plus ``safetyMargin``.
    package var spacing: Duration { window + safetyMargin }

    /// The bucket of a shard: `shard.id % maxConcurrency` (never negative).
    package func bucket(of shardID: Int) -> Int {
        let remainder = shardID % maxConcurrency
        return remainder < 0 ? remainder + maxConcurrency : remainder
    }

    /// Requests waiting for a slot.
    package var waitingCount: Int { buckets.reduce(0) { $0 + $1.waiting.count } }

    /// The effective reserve, when a budget is known.
    package var reserve: Int? { budget?.reserve }

    /// When the owner must call ``tick(at:)`` next, or `nil` when nothing is due.
    ///
    /// While the budget is exhausted that is the reset instant; otherwise the earliest instant a bucket with
    /// waiting requests may grant again.
    package var nextWakeUp: ContinuousClock.Instant? {
        if let budget, budget.isExhausted { return budget.resetAt }
        var earliest: ContinuousClock.Instant?
        for bucket in buckets where !bucket.waiting.isEmpty {
            guard let readyAt = bucket.readyAt else { continue }
            if earliest.map({ readyAt < $0 }) ?? true { earliest = readyAt }
        }
        return earliest
    }

    /// The budget as of `now`: remaining identifies and time to the reset; `nil` when none is tracked.
    package func budget(at now: ContinuousClock.Instant) -> SessionStartLimit? {
        guard let budget else { return nil }
        let isReset = now >= budget.resetAt
        let resetAfter = isReset ? budgetPeriod : now.duration(to: budget.resetAt)
        return SessionStartLimit(
            total: budget.total, remaining: isReset ? budget.total : budget.remaining, resetAfter: resetAfter,
            maxConcurrency: maxConcurrency)
    }

    /// Adds a request; grants it at once when its bucket and the budget allow.
    ///
    /// A request whose ``IdentifyRequest/id`` is already waiting is ignored.
    /// - Returns: the decisions to carry out, grants in order.
    package mutating func enqueue(_ request: IdentifyRequest, at now: ContinuousClock.Instant) -> [Decision] {
        let isWaiting = buckets.contains { bucket in bucket.waiting.contains { $0.request.id == request.id } }
        if !isWaiting {
            buckets[bucket(of: request.shard.id)].waiting.append(Waiter(request: request, sequence: nextSequence))
            nextSequence &+= 1
        }
        return process(at: now)
    }

    /// Notes that shard `shardID`'s granted Identify was sent at `now` (later than its grant when the shard was busy):
    /// its bucket grants again no sooner than ``spacing`` after it.
    package mutating func identifySent(shardID: Int, at now: ContinuousClock.Instant) {
        // Discord measures arrival: the bucket's next identify waits a full spacing after this one actually went out,
        // however late that was after its grant.
        let index = bucket(of: shardID)
        guard buckets.indices.contains(index) else { return }
        buckets[index].readyAt = max(buckets[index].readyAt ?? now, now + spacing)
    }

    /// Removes a waiting request; its place goes to the next one. Granted or unknown ids are ignored.
    /// - Returns: whether a waiting request was removed.
    @discardableResult
    package mutating func cancel(id: UInt64) -> Bool {
        for index in buckets.indices {
            if let position = buckets[index].waiting.firstIndex(where: { $0.request.id == id }) {
                buckets[index].waiting.remove(at: position)
                return true
            }
        }
        return false
    }

    /// Grants whatever became due by `now` (call it at ``nextWakeUp``; calling early or late is harmless).
    /// - Returns: the decisions to carry out.
    package mutating func tick(at now: ContinuousClock.Instant) -> [Decision] {
        process(at: now)
    }

    /// Changes the number of buckets, moving waiting requests to their new buckets (arrival order kept).
    ///
    /// Every new bucket waits until the latest instant any old bucket would have waited, so no identify goes out
    /// early across the change.
    /// - Returns: the decisions to carry out.
    package mutating func update(maxConcurrency newValue: Int, at now: ContinuousClock.Instant) -> [Decision] {
        rebucket(maxConcurrency: max(1, newValue))
        return process(at: now)
    }

    /// Replaces the daily budget with a fresh value from `GET /gateway/bot`, including its ``maxConcurrency``.
    ///
    /// The reset instant becomes `now + budget.resetAfter`.
    /// - Returns: the decisions to carry out (possibly ``Decision/budgetExhausted(remaining:resetAfter:)`` or
    ///   ``Decision/budgetRestored``, then grants).
    package mutating func update(budget limit: SessionStartLimit, at now: ContinuousClock.Instant) -> [Decision] {
        let total = max(0, limit.total)
        let reserve = configuredReserve ?? max(5, (total + 99) / 100)
        budget = Budget(
            total: total, remaining: max(0, limit.remaining), resetAt: now + max(.zero, limit.resetAfter),
            reserve: reserve)
        rebucket(maxConcurrency: max(1, limit.maxConcurrency))
        return process(at: now)
    }

    /// Moves every waiting request to the bucket it belongs to under `newValue`.
    private mutating func rebucket(maxConcurrency newValue: Int) {
        guard newValue != maxConcurrency else { return }
        var latest: ContinuousClock.Instant?
        var waiters: [Waiter] = []
        for bucket in buckets {
            waiters.append(contentsOf: bucket.waiting)
            if let readyAt = bucket.readyAt, latest.map({ readyAt > $0 }) ?? true { latest = readyAt }
        }
        maxConcurrency = newValue
        buckets = Array(repeating: Bucket(waiting: [], readyAt: latest), count: newValue)
        waiters.sort { $0.sequence < $1.sequence }
        for waiter in waiters { buckets[bucket(of: waiter.request.shard.id)].waiting.append(waiter) }
    }

    /// Applies a due budget reset, reports budget transitions and grants every request that may go now.
    private mutating func process(at now: ContinuousClock.Instant) -> [Decision] {
        var decisions: [Decision] = []
        if var current = budget, now >= current.resetAt {
            current.remaining = current.total
            if budgetPeriod > .zero {
                while current.resetAt <= now { current.resetAt += budgetPeriod }
            } else {
                current.resetAt = now
            }
            budget = current
        }
        reportBudgetTransition(at: now, into: &decisions)
        while budget.map({ !$0.isExhausted }) ?? true, let (bucketIndex, waiterIndex) = nextGrantable(at: now) {
            let waiter = buckets[bucketIndex].waiting.remove(at: waiterIndex)
            buckets[bucketIndex].readyAt = now + spacing
            budget?.remaining -= 1
            grantedCount &+= 1
            decisions.append(.grant(waiter.request))
            reportBudgetTransition(at: now, into: &decisions)
        }
        return decisions
    }

    /// The ready bucket whose best waiter goes first overall (so scarce budget goes to re-identifies first).
    private func nextGrantable(at now: ContinuousClock.Instant) -> (bucket: Int, waiter: Int)? {
        var chosen: (bucket: Int, waiter: Int)?
        for index in buckets.indices {
            let bucket = buckets[index]
            if let readyAt = bucket.readyAt, readyAt > now { continue }
            guard let best = bucket.bestIndex else { continue }
            if let current = chosen, !bucket.waiting[best].precedes(buckets[current.bucket].waiting[current.waiter]) {
                continue
            }
            chosen = (index, best)
        }
        return chosen
    }

    /// Appends ``Decision/budgetExhausted(remaining:resetAfter:)`` or ``Decision/budgetRestored`` when the budget
    /// crossed the reserve since the last report.
    private mutating func reportBudgetTransition(at now: ContinuousClock.Instant, into decisions: inout [Decision]) {
        let exhausted = budget?.isExhausted ?? false
        if exhausted && !isBudgetExhausted, let budget {
            isBudgetExhausted = true
            decisions.append(
                .budgetExhausted(remaining: budget.remaining, resetAfter: max(.zero, now.duration(to: budget.resetAt))))
        } else if !exhausted && isBudgetExhausted {
            isBudgetExhausted = false
            decisions.append(.budgetRestored)
        }
    }
}
