/// The per-connection send limit: 120 payloads per sliding 60 s window (Discord docs: "Rate Limiting"; PROTOCOL §11).
///
/// Heartbeats must never be starved, so `ceil(60 s / heartbeat interval) + 1` slots are kept for
/// ``Kind/heartbeat``; ``Kind/command`` may use the rest (117 with a 41.25 s interval). Make a new limiter, or
/// call ``reset(heartbeatInterval:)``, for every connection. Close frames are not counted.
///
/// **Threading:** a value type owned by one shard; no locks inside.
public struct CommandRateLimiter: Hashable, Sendable {
    /// What a slot is for.
    public enum Kind: Hashable, Sendable {
        /// Heartbeats and the protocol payloads Identify and Resume; may use the reserved slots.
        case heartbeat
        /// Everything else.
        case command
    }

    /// The outcome of ``tryAcquire(_:at:)``.
    public enum Decision: Hashable, Sendable {
        /// The payload may be sent now; the slot is taken.
        case granted
        /// No slot; try again after this long.
        case retryAfter(Duration)
    }

    /// Payloads allowed per window.
    public let limit: Int
    /// The window length.
    public let window: Duration
    /// Slots only heartbeats may use.
    public private(set) var reservedForHeartbeats: Int
    /// Send instants, oldest first; entries before `head` have left the window.
    private var sent: [ContinuousClock.Instant] = []
    /// The oldest entry still inside the window.
    private var head = 0

    /// Makes a limiter for one connection.
    ///
    /// - Parameters:
    ///   - limit: payloads per window (Discord: 120).
    ///   - window: the window (Discord: 60 s).
    ///   - heartbeatInterval: the interval from Hello; `nil` before Hello reserves 3 slots (as for 41.25 s).
    public init(limit: Int = 120, window: Duration = .seconds(60), heartbeatInterval: Duration? = nil) {
        self.limit = max(limit, 1)
        self.window = window
        reservedForHeartbeats = 0
        reservedForHeartbeats = Self.reservation(
            limit: self.limit, window: window, heartbeatInterval: heartbeatInterval)
    }

    /// `ceil(window / interval) + 1`, at most `limit - 1`.
    private static func reservation(limit: Int, window: Duration, heartbeatInterval: Duration?) -> Int {
        guard let heartbeatInterval, heartbeatInterval > .zero else { return min(3, limit - 1) }
        let beats = (window / heartbeatInterval).rounded(.up)
        let reserved = beats.isFinite && beats < Double(limit) ? Int(beats) + 1 : limit - 1
        return min(reserved, limit - 1)
    }

    /// Forgets all sends and sets the reservation for a new connection.
    public mutating func reset(heartbeatInterval: Duration?) {
        sent.removeAll(keepingCapacity: true)
        head = 0
        reservedForHeartbeats = Self.reservation(limit: limit, window: window, heartbeatInterval: heartbeatInterval)
    }

    /// Updates the reservation once Hello has given the interval, keeping the sends counted so far.
    public mutating func setHeartbeatInterval(_ interval: Duration) {
        reservedForHeartbeats = Self.reservation(limit: limit, window: window, heartbeatInterval: interval)
    }

    /// Payloads counted in the window ending at `now`.
    public mutating func count(at now: ContinuousClock.Instant) -> Int {
        expire(before: now)
        return sent.count - head
    }

    /// Takes a slot if one is free.
    ///
    /// - Parameters:
    ///   - kind: what the payload is; heartbeats may use the reserved slots.
    ///   - now: the send instant.
    /// - Returns: ``Decision/granted`` (the send is recorded), or when to ask again.
    public mutating func tryAcquire(_ kind: Kind, at now: ContinuousClock.Instant) -> Decision {
        expire(before: now)
        let allowed = kind == .heartbeat ? limit : limit - reservedForHeartbeats
        let live = sent.count - head
        guard live >= allowed else {
            record(now)
            return .granted
        }
        // A slot frees when the entry that keeps the count at `allowed` leaves the window.
        let instant = sent[head + (live - allowed)]
        return .retryAfter(max(instant + window - now, .zero))
    }

    /// Drops sends that left the window.
    private mutating func expire(before now: ContinuousClock.Instant) {
        while head < sent.count, sent[head] + window <= now {
            head += 1
        }
        if head == sent.count {
            sent.removeAll(keepingCapacity: true)
            head = 0
        }
    }

    /// Records a send, compacting expired entries now and then.
    private mutating func record(_ now: ContinuousClock.Instant) {
        if head >= limit {
            sent.removeFirst(head)
            head = 0
        }
        sent.append(now)
    }
}
