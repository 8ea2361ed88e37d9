/// The daily session-start budget from `GET /gateway/bot` (`session_start_limit`, PROTOCOL §1 and §11).
///
/// Decodes Discord's JSON object (`total`, `remaining`, `reset_after` in milliseconds, `max_concurrency`) and
/// encodes back to the same shape.
///
/// **Threading:** an immutable value; `Sendable`.
public struct SessionStartLimit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Identifies allowed per period (1000 per day by default).
    public var total: Int
    /// Identifies left in the current period.
    public var remaining: Int
    /// Time until ``remaining`` goes back to ``total``, counted from when the value was fetched.
    public var resetAfter: Duration
    /// Identifies allowed per 5 s: the number of rate-limit buckets (`shard_id % max_concurrency`).
    public var maxConcurrency: Int

    /// Makes a budget.
    ///
    /// - Parameters:
    ///   - total: identifies allowed per period.
    ///   - remaining: identifies left now.
    ///   - resetAfter: time until `remaining` resets to `total`.
    ///   - maxConcurrency: identifies allowed per 5 s (at least 1 is used).
    public init(total: Int, remaining: Int, resetAfter: Duration, maxConcurrency: Int) {
        self.total = total
        self.remaining = remaining
        self.resetAfter = resetAfter
        self.maxConcurrency = maxConcurrency
    }

    /// Discord's JSON keys.
    private enum CodingKeys: String, CodingKey {
        /// `total`.
        case total
        /// `remaining`.
        case remaining
        /// `reset_after`, milliseconds.
        case resetAfter = "reset_after"
        /// `max_concurrency`.
        case maxConcurrency = "max_concurrency"
    }

    /// Decodes Discord's `session_start_limit` object.
    ///
    /// - Throws: `DecodingError` when a field is missing, not an integer, or negative (`max_concurrency` must be
    ///   at least 1).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        total = try container.decode(Int.self, forKey: .total)
        remaining = try container.decode(Int.self, forKey: .remaining)
        let resetAfterMilliseconds = try container.decode(Int64.self, forKey: .resetAfter)
        maxConcurrency = try container.decode(Int.self, forKey: .maxConcurrency)
        guard total >= 0, remaining >= 0, resetAfterMilliseconds >= 0, maxConcurrency >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .total, in: container,
                debugDescription: "session_start_limit has a negative value or max_concurrency below 1")
        }
        resetAfter = .milliseconds(resetAfterMilliseconds)
    }

    /// Encodes Discord's `session_start_limit` object (`reset_after` in whole milliseconds).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(remaining, forKey: .remaining)
        try container.encode(Self.milliseconds(of: resetAfter), forKey: .resetAfter)
        try container.encode(maxConcurrency, forKey: .maxConcurrency)
    }

    /// `"997/1000 identifies left, reset in 14400.0 seconds, max_concurrency 1"`.
    public var description: String {
        "\(remaining)/\(total) identifies left, reset in \(resetAfter), max_concurrency \(maxConcurrency)"
    }

    /// A duration in whole milliseconds, rounded down and clamped to `Int64`.
    static func milliseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, overflowAdding) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        guard !overflowAdding else { return seconds < 0 ? Int64.min : Int64.max }
        return sum
    }
}
