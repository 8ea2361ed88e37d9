/// How long to wait before each reconnect attempt (Discord docs: "Resuming"; PROTOCOL §9).
///
/// The first attempt after a working connection is immediate; further consecutive failures wait
/// 1, 2, 4, … seconds up to ``maximumDelay``. A connection that dies within ``shortConnectionThreshold`` of
/// opening waits at least ``minimumDelayAfterShortConnection``, so a server that accepts and immediately
/// drops connections cannot cause a tight loop. Call ``reset()`` when a session is established (READY or
/// RESUMED). Randomness is passed in, so the schedule is deterministic in tests.
///
/// **Threading:** a value type owned by one shard; no locks inside.
public struct Backoff: Hashable, Sendable {
    /// Consecutive failed attempts since the last ``reset()``.
    public private(set) var attempt = 0
    /// The delay of the second consecutive attempt; each later one doubles it.
    public var baseDelay: Duration
    /// The largest delay before jitter.
    public var maximumDelay: Duration
    /// The largest jitter, as a fraction of the delay added on top (jitter 1.0 adds this fraction).
    public var jitterFraction: Double
    /// Connections that lived less than this count as dying straight away.
    public var shortConnectionThreshold: Duration
    /// The least delay after a connection that died straight away.
    public var minimumDelayAfterShortConnection: Duration

    /// Makes a backoff schedule; the defaults are 0, 1, 2, 4, … 128 s, +0–25 % jitter, and a 2 s floor after a
    /// connection that lived under 5 s.
    public init(
        baseDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(128), jitterFraction: Double = 0.25,
        shortConnectionThreshold: Duration = .seconds(1), minimumDelayAfterShortConnection: Duration = .seconds(1)
    ) {
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.jitterFraction = jitterFraction
        self.shortConnectionThreshold = shortConnectionThreshold
        self.minimumDelayAfterShortConnection = minimumDelayAfterShortConnection
    }

    /// Returns the delay before the next attempt and counts the attempt.
    ///
    /// - Parameters:
    ///   - jitter: a random number in `0..<1` (clamped); scales the added jitter.
    ///   - connectionLifetime: how long the connection that just ended was open, or `nil` if it never opened.
    /// - Returns: zero for the first attempt after a ``reset()``, then the doubling schedule.
    public mutating func nextDelay(jitter: Double, connectionLifetime: Duration? = nil) -> Duration {
        defer { attempt &+= 1 }
        var delay = Duration.zero
        if attempt > 0 {
            let exponent = min(attempt - 1, 30)
            delay = min(baseDelay * (1 << exponent), maximumDelay)
        }
        if let connectionLifetime, connectionLifetime < shortConnectionThreshold {
            delay = max(delay, minimumDelayAfterShortConnection)
        }
        let clamped = jitter.isFinite ? min(max(jitter, 0), 1) : 0
        return delay + delay * (clamped * jitterFraction)
    }

    /// Starts over: the next attempt is immediate again. Call on READY or RESUMED.
    public mutating func reset() {
        attempt = 0
    }
}
