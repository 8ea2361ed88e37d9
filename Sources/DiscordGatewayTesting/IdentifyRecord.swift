/// One Identify as the ``GatewaySimulator``'s rate limiter saw it: when it arrived, for which shard, in which
/// bucket, and whether it started a session.
///
/// Identifies refused before the rate limit check (bad token, intents, shard) are not recorded. Arrivals of a
/// bucket's accepted Identifies are at least ``GatewaySimulator/Configuration/identifyWindow`` apart, except that an
/// Identify using a `/queue` grant may follow the previous one slightly sooner (the grants are a window apart).
///
/// **Threading:** an immutable value.
public struct IdentifyRecord: Sendable, Equatable, CustomStringConvertible {
    /// When the Identify arrived (before it was parsed).
    public var arrival: ContinuousClock.Instant
    /// `[shard id, shard count]` from the Identify, if sent.
    public var shard: [Int]?
    /// The rate-limit key: `shard id % max_concurrency` (0 without a ``GatewaySimulator/Configuration/maxConcurrency``).
    public var bucket: Int
    /// Whether it started a session (`false`: Invalid Session for the bucket, or no session starts left).
    public var accepted: Bool
    /// ``SimulatedClient/index`` of the connection that sent it.
    public var clientIndex: Int

    /// Creates a record.
    public init(arrival: ContinuousClock.Instant, shard: [Int]?, bucket: Int, accepted: Bool, clientIndex: Int) {
        self.arrival = arrival
        self.shard = shard
        self.bucket = bucket
        self.accepted = accepted
        self.clientIndex = clientIndex
    }

    /// One line: shard, bucket, outcome, client.
    public var description: String {
        "identify shard \(shard.map { "\($0)" } ?? "none") bucket \(bucket) "
            + (accepted ? "accepted" : "refused") + " [client \(clientIndex)]"
    }
}
