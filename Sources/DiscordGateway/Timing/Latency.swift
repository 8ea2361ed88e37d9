/// Heartbeat round-trip times: from sending a heartbeat to receiving its ACK (PROTOCOL §16).
///
/// Only one heartbeat is tracked at a time: an ACK with no heartbeat outstanding is ignored, and a heartbeat
/// sent while one is outstanding keeps the earlier send instant. Call ``connectionEnded()`` when a connection
/// ends so a late ACK is not matched with a heartbeat of the next connection.
///
/// **Threading:** a value type owned by one shard; no locks inside.
public struct Latency: Hashable, Sendable {
    /// How many recent samples are kept.
    public static let recentCount = 5

    /// The send instant of the heartbeat awaiting its ACK.
    public private(set) var outstandingSince: ContinuousClock.Instant?
    /// The latest samples, oldest first, at most ``recentCount``.
    public private(set) var recent: [Duration] = []
    /// The sum of all samples, for ``average``.
    private var total = Duration.zero
    /// The number of all samples.
    public private(set) var sampleCount = 0

    /// Makes an empty record.
    public init() {}

    /// The latest sample, or `nil` before the first ACK.
    public var last: Duration? {
        recent.last
    }

    /// The mean of every sample on this shard, or `nil` before the first ACK.
    public var average: Duration? {
        sampleCount > 0 ? total / sampleCount : nil
    }

    /// Whether a heartbeat is waiting for its ACK.
    public var isAwaitingAck: Bool {
        outstandingSince != nil
    }

    /// Notes that a heartbeat was sent.
    public mutating func heartbeatSent(at now: ContinuousClock.Instant) {
        if outstandingSince == nil {
            outstandingSince = now
        }
    }

    /// Notes an ACK; records a sample if a heartbeat was outstanding.
    ///
    /// - Returns: the new sample, or `nil` for an unrequested ACK.
    @discardableResult
    public mutating func ackReceived(at now: ContinuousClock.Instant) -> Duration? {
        guard let sentAt = outstandingSince else { return nil }
        outstandingSince = nil
        let sample = max(now - sentAt, .zero)
        if recent.count == Self.recentCount {
            recent.removeFirst()
        }
        recent.append(sample)
        total += sample
        sampleCount += 1
        return sample
    }

    /// Forgets the outstanding heartbeat (the connection ended); samples are kept.
    public mutating func connectionEnded() {
        outstandingSince = nil
    }
}
