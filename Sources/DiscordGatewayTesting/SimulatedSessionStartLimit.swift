/// The daily session start budget a ``GatewaySimulator`` enforces, as `GET /gateway/bot` reports it (§11).
///
/// **Threading:** an immutable value.
public struct SimulatedSessionStartLimit: Sendable, Equatable {
    /// Session starts (accepted Identifies) allowed per period.
    public var total: Int
    /// Starts left now.
    public var remaining: Int
    /// Time until `remaining` is reset to `total`, counted from when the limit is applied.
    public var resetAfter: Duration
    /// The period after the first reset (Discord: 24 h).
    public var period: Duration

    /// Creates a budget.
    /// - Parameters:
    ///   - total: Starts allowed per period (Discord's default is 1000).
    ///   - remaining: Starts left now (clamped to `0...total`).
    ///   - resetAfter: Time until the first reset.
    ///   - period: Time between later resets.
    public init(total: Int, remaining: Int, resetAfter: Duration, period: Duration = .seconds(86_400)) {
        self.total = total
        self.remaining = remaining
        self.resetAfter = resetAfter
        self.period = period
    }
}
