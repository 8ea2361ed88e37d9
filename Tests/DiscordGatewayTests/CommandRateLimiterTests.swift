import DiscordGateway
import Testing

/// The 120-per-60-s send limit with heartbeat reservation (PROTOCOL §11).
@Suite struct CommandRateLimiterTests {
    let t0 = ContinuousClock.now

    @Test func reservesSlotsForHeartbeats() {
        #expect(CommandRateLimiter(heartbeatInterval: .milliseconds(41_250)).reservedForHeartbeats == 3)
        #expect(CommandRateLimiter(heartbeatInterval: .seconds(45)).reservedForHeartbeats == 3)
        #expect(CommandRateLimiter(heartbeatInterval: .seconds(60)).reservedForHeartbeats == 2)
        #expect(CommandRateLimiter(heartbeatInterval: .seconds(10)).reservedForHeartbeats == 7)
    }

    @Test func commandsStopAtTheLimitMinusTheReservation() {
        var limiter = CommandRateLimiter(heartbeatInterval: .milliseconds(41_250))
        var granted = 0
        for offset in 0..<130 {
            if limiter.tryAcquire(.command, at: t0 + .milliseconds(offset)) == .granted { granted += 1 }
        }
        #expect(granted == 117)
        #expect(limiter.tryAcquire(.command, at: t0 + .seconds(1)) == .retryAfter(.seconds(59)))
    }

    @Test func heartbeatsMayUseTheReservedSlots() {
        var limiter = CommandRateLimiter(heartbeatInterval: .milliseconds(41_250))
        for _ in 0..<117 { _ = limiter.tryAcquire(.command, at: t0) }
        #expect(limiter.tryAcquire(.heartbeat, at: t0) == .granted)
        #expect(limiter.tryAcquire(.heartbeat, at: t0) == .granted)
        #expect(limiter.tryAcquire(.heartbeat, at: t0) == .granted)
        #expect(limiter.tryAcquire(.heartbeat, at: t0) == .retryAfter(.seconds(60)))
        #expect(limiter.count(at: t0) == 120)
    }

    @Test func windowSlides() {
        var limiter = CommandRateLimiter(limit: 4, window: .seconds(60), heartbeatInterval: .seconds(60))
        // limit 4, 2 reserved → 2 commands.
        #expect(limiter.tryAcquire(.command, at: t0) == .granted)
        #expect(limiter.tryAcquire(.command, at: t0 + .seconds(10)) == .granted)
        #expect(limiter.tryAcquire(.command, at: t0 + .seconds(20)) == .retryAfter(.seconds(40)))
        #expect(limiter.tryAcquire(.command, at: t0 + .seconds(60)) == .granted)
        #expect(limiter.tryAcquire(.command, at: t0 + .seconds(61)) == .retryAfter(.seconds(9)))
        #expect(limiter.count(at: t0 + .seconds(200)) == 0)
    }

    @Test func resetForgetsTheOldConnection() {
        var limiter = CommandRateLimiter(limit: 3, heartbeatInterval: .seconds(60))
        _ = limiter.tryAcquire(.heartbeat, at: t0)
        _ = limiter.tryAcquire(.heartbeat, at: t0)
        _ = limiter.tryAcquire(.heartbeat, at: t0)
        limiter.reset(heartbeatInterval: nil)
        #expect(limiter.count(at: t0) == 0)
        #expect(limiter.tryAcquire(.heartbeat, at: t0) == .granted)
    }

    @Test func longRunsStayWithinTheLimitInEveryWindow() {
        var limiter = CommandRateLimiter(heartbeatInterval: .milliseconds(41_250))
        var sends: [ContinuousClock.Instant] = []
        var now = t0
        for _ in 0..<2000 {
            if limiter.tryAcquire(.command, at: now) == .granted { sends.append(now) }
            now += .milliseconds(200)
        }
        for (index, start) in sends.enumerated() {
            let inWindow = sends[index...].prefix { $0 < start + .seconds(60) }.count
            #expect(inWindow <= 117)
        }
    }
}
