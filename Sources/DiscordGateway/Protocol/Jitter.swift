/// A deterministic source of random fractions for heartbeat jitter, backoff jitter and waits (PROTOCOL §5, §9).
///
/// ``GatewaySession`` never reads a clock or a system random generator; it draws from this value instead.
/// Production code seeds it once from system randomness (``seeded(_:)``); tests use ``constant(_:)`` or a
/// fixed seed so every delay is predictable.
///
/// **Threading:** a value type owned by one shard; no locks inside.
public struct Jitter: Hashable, Sendable {
    /// The generator's state (SplitMix64), or `nil` for a constant.
    private var state: UInt64?
    /// The constant value returned when `state` is `nil`.
    private let constant: Double

    /// Always returns `value` (clamped to `0...1`).
    public static func constant(_ value: Double) -> Jitter {
        Jitter(state: nil, constant: value.isFinite ? min(max(value, 0), 1) : 0)
    }

    /// A pseudo-random sequence in `0..<1` determined by `seed`.
    public static func seeded(_ seed: UInt64) -> Jitter {
        Jitter(state: seed, constant: 0)
    }

    /// Seeded from the system random number generator; for production use.
    public static func random() -> Jitter {
        var generator = SystemRandomNumberGenerator()
        return seeded(generator.next())
    }

    /// The stored form.
    private init(state: UInt64?, constant: Double) {
        self.state = state
        self.constant = constant
    }

    /// The next fraction in `0..<1` (or the constant).
    public mutating func next() -> Double {
        guard var value = state else { return constant }
        value &+= 0x9E37_79B9_7F4A_7C15
        state = value
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Double(mixed >> 11) * 0x1p-53
    }
}
