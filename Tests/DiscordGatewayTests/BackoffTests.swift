import DiscordGateway
import Testing

/// The reconnect schedule (PROTOCOL §9).
@Suite struct BackoffTests {
    @Test func firstAttemptIsImmediateThenDoubles() {
        var backoff = Backoff()
        let delays = (0..<10).map { _ in backoff.nextDelay(jitter: 0) }
        #expect(
            delays == [0, 1, 2, 4, 8, 16, 32, 64, 128, 128].map { Duration.seconds($0) })
        #expect(backoff.attempt == 10)
    }

    @Test func delayIsCappedAt128SecondsBeforeJitter() {
        var backoff = Backoff()
        for _ in 0..<100 { _ = backoff.nextDelay(jitter: 0) }
        #expect(backoff.nextDelay(jitter: 0) == .seconds(128))
        #expect(backoff.nextDelay(jitter: 1) == .seconds(160))
    }

    @Test func jitterAddsUpToAQuarter() {
        var backoff = Backoff()
        _ = backoff.nextDelay(jitter: 0.5)
        _ = backoff.nextDelay(jitter: 0.5)
        #expect(backoff.nextDelay(jitter: 0.5) == .milliseconds(2250))
        #expect(backoff.nextDelay(jitter: -3) == .seconds(4))
        #expect(backoff.nextDelay(jitter: .nan) == .seconds(8))
    }

    @Test func resetMakesTheNextAttemptImmediate() {
        var backoff = Backoff()
        _ = backoff.nextDelay(jitter: 0)
        _ = backoff.nextDelay(jitter: 0)
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.nextDelay(jitter: 0) == .zero)
    }

    @Test func shortLivedConnectionWaitsAtLeastTheMinimum() {
        var backoff = Backoff()
        #expect(backoff.nextDelay(jitter: 0, connectionLifetime: .milliseconds(300)) == .seconds(1))
        backoff.reset()
        #expect(backoff.nextDelay(jitter: 0, connectionLifetime: .seconds(4)) == .zero)
        backoff.reset()
        #expect(backoff.nextDelay(jitter: 0, connectionLifetime: .seconds(30)) == .zero)
        backoff.reset()
        #expect(backoff.nextDelay(jitter: 0, connectionLifetime: nil) == .zero)
    }

    @Test func jitterSourceIsDeterministic() {
        var first = Jitter.seeded(42)
        var second = Jitter.seeded(42)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        #expect(a == b)
        #expect(a.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(Set(a).count > 90)
        var constant = Jitter.constant(2)
        #expect(constant.next() == 1)
    }
}
