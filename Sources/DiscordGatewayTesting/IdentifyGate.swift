/// The ``GatewaySimulator``'s identify rules as a value: per-bucket concurrency windows, `/queue` grants, the daily
/// session start budget and the identify timeline.
///
/// Buckets follow Discord (§11): with `maxConcurrency` N, shard `id` uses rate-limit key `id % N`, and each key may
/// start one session per `window`, measured between arrivals. A `/queue` grant starts the bucket's window at the
/// grant and reserves it for the granted shard's Identify, so a queue client is never refused for arriving a few
/// milliseconds "early" relative to the previous grant's Identify.
///
/// **Threading:** a plain value, owned by the simulator's `Locked` state; it never reads a clock (instants are
/// passed in).
struct IdentifyGate {
    /// The session start budget in force.
    struct Budget {
        /// Starts allowed per period.
        var total: Int
        /// Starts left in the current period.
        var remaining: Int
        /// The period length after the first reset.
        var period: Duration
        /// When `remaining` is next reset to `total`.
        var resetAt: ContinuousClock.Instant
    }

    /// What an Identify gets.
    enum Decision: Equatable {
        /// It may start a session (one start was used).
        case accepted
        /// Its bucket started a session `since` ago, less than the window (answered with Invalid Session).
        case rateLimited(bucket: Int, since: Duration)
        /// No session starts are left out of `total`.
        case budgetExhausted(total: Int)
    }

    /// Buckets (`nil`: Identifies are not limited; everything is bucket 0).
    let maxConcurrency: Int?
    /// One session per bucket per window.
    let window: Duration
    /// Records kept in ``timeline``.
    let historyLimit: Int
    /// When each bucket last started a session (by Identify or by a queue grant).
    private(set) var lastStart: [Int: ContinuousClock.Instant] = [:]
    /// Queue grants not yet used by an Identify, by bucket.
    private(set) var grants: [Int: ContinuousClock.Instant] = [:]
    /// The budget, if limited.
    private(set) var budget: Budget?
    /// Identifies that reached the rate limit check, oldest first.
    private(set) var timeline: [IdentifyRecord] = []

    /// Creates the gate.
    init(
        maxConcurrency: Int?, window: Duration, sessionStartLimit: SimulatedSessionStartLimit?, historyLimit: Int,
        now: ContinuousClock.Instant
    ) {
        self.maxConcurrency = maxConcurrency.flatMap { $0 > 0 ? $0 : nil }
        self.window = window
        self.historyLimit = max(historyLimit, 1)
        setSessionStartLimit(sessionStartLimit, at: now)
    }

    /// Whether Identifies are rate limited at all.
    var limitsConcurrency: Bool { maxConcurrency != nil }

    /// The number of buckets reported as `max_concurrency` (1 when not limited).
    var bucketCount: Int { maxConcurrency ?? 1 }

    /// The rate-limit key of a shard id.
    func bucket(forShard id: Int) -> Int {
        guard let maxConcurrency else { return 0 }
        return (id % maxConcurrency + maxConcurrency) % maxConcurrency
    }

    /// Replaces the budget; `resetAfter` counts from `now`.
    mutating func setSessionStartLimit(_ limit: SimulatedSessionStartLimit?, at now: ContinuousClock.Instant) {
        budget = limit.map {
            Budget(
                total: max($0.total, 0), remaining: max(min($0.remaining, $0.total), 0), period: $0.period,
                resetAt: now + max($0.resetAfter, .zero))
        }
    }

    /// Refills the budget when its reset time has passed.
    mutating func refreshBudget(at now: ContinuousClock.Instant) {
        guard var budget, now >= budget.resetAt else { return }
        budget.remaining = budget.total
        if budget.period > .zero {
            let periods = Int(((now - budget.resetAt) / budget.period).rounded(.down)) + 1
            budget.resetAt += budget.period * periods
        } else {
            budget.resetAt = now
        }
        self.budget = budget
    }

    /// Decides an Identify arriving at `now` and records it in ``timeline``.
    mutating func admit(shard: [Int]?, clientIndex: Int, at now: ContinuousClock.Instant) -> Decision {
        let key = bucket(forShard: shard?[0] ?? 0)
        let decision = decide(bucket: key, at: now)
        timeline.append(
            IdentifyRecord(
                arrival: now, shard: shard, bucket: key, accepted: decision == .accepted, clientIndex: clientIndex))
        Self.trim(&timeline, to: historyLimit)
        return decision
    }

    /// The rules behind ``admit(shard:clientIndex:at:)``.
    private mutating func decide(bucket key: Int, at now: ContinuousClock.Instant) -> Decision {
        var usesGrant = false
        if maxConcurrency != nil {
            if let granted = grants[key], now - granted < window {
                usesGrant = true
            } else if let last = lastStart[key], now - last < window {
                return .rateLimited(bucket: key, since: now - last)
            }
        }
        refreshBudget(at: now)
        if let budget {
            guard budget.remaining > 0 else { return .budgetExhausted(total: budget.total) }
            self.budget?.remaining = budget.remaining - 1
        }
        if usesGrant {
            grants[key] = nil
        } else if maxConcurrency != nil {
            lastStart[key] = now
            grants[key] = nil
        }
        return .accepted
    }

    /// The earliest instant at which a `/queue` request for `bucket` may be granted.
    func grantableAt(bucket key: Int) -> ContinuousClock.Instant? {
        guard maxConcurrency != nil, let last = lastStart[key] else { return nil }
        return last + window
    }

    /// Grants a `/queue` request for `bucket` at `now` if its window allows; returns whether it did.
    mutating func grant(bucket key: Int, at now: ContinuousClock.Instant) -> Bool {
        guard maxConcurrency != nil else { return true }
        if let ready = grantableAt(bucket: key), now < ready { return false }
        lastStart[key] = now
        grants[key] = now
        return true
    }

    /// Drops the oldest elements once `array` is well over `limit` (amortised O(1) per append).
    static func trim<Element>(_ array: inout [Element], to limit: Int) {
        let limit = max(limit, 1)
        guard array.count > limit + limit / 4 else { return }
        array.removeFirst(array.count - limit)
    }
}
