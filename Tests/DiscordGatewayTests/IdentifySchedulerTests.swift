import DiscordGateway
import DiscordGatewayTesting
import Testing

/// A grant seen by a test: which shard and when.
private struct SeenGrant: Sendable {
    /// The shard granted.
    let shard: Int
    /// When the grant callback ran.
    let at: ContinuousClock.Instant
}

/// Asks `scheduler` for a slot for shard `id`, putting the grant into `mailbox`.
private func ask(
    _ scheduler: IdentifyScheduler,
    _ id: Int,
    of count: Int = 8,
    _ priority: IdentifyPriority = .coldStart,
    into mailbox: TimedMailbox<SeenGrant>
) -> IdentifyRequest {
    let request = IdentifyRequest(id: UInt64(id) + 1000, shard: ShardInfo(id: id, count: count), priority: priority)
    scheduler.requestIdentify(request) { mailbox.put(SeenGrant(shard: id, at: .now)) }
    return request
}

/// Keeps `Sendable` a compile-time fact.
private func assertSendable<T: Sendable>(_: T.Type) {}

@Suite(.timeLimit(.minutes(1))) struct IdentifySchedulerTests {
    @Test func publicTypesAreSendable() {
        assertSendable(IdentifyScheduler.self)
        assertSendable(IdentifyScheduler.Configuration.self)
        assertSendable(IdentifyScheduler.BudgetEvent.self)
        assertSendable(SessionStartLimit.self)
    }

    @Test func grantsEveryShardWithAShortWindowWithoutBucketViolations() async throws {
        let window = Duration.milliseconds(200)
        let scheduler = IdentifyScheduler(
            configuration: .init(maxConcurrency: 2, window: window, safetyMargin: .milliseconds(20)))
        let grants = TimedMailbox<SeenGrant>(label: "grants")
        let start = ContinuousClock.now
        for id in 0..<8 { _ = ask(scheduler, id, into: grants) }
        var seen: [SeenGrant] = []
        for _ in 0..<8 { seen.append(try await grants.next(timeout: .seconds(10))) }
        #expect(Set(seen.map(\.shard)) == Set(0..<8))
        #expect(Array(seen.prefix(2).map(\.shard)).sorted() == [0, 1])
        for bucket in 0..<2 {
            let times = seen.filter { $0.shard % 2 == bucket }.map(\.at)
            for (earlier, later) in zip(times, times.dropFirst()) { #expect(earlier.duration(to: later) >= window) }
        }
        // Four rounds: the last starts three spacings after the first (plus timer latency).
        #expect(start.duration(to: seen.map(\.at).max() ?? start) >= .milliseconds(3 * 220))
        #expect(scheduler.grantedCount == 8)
        #expect(scheduler.waitingCount == 0)
    }

    @Test func aCancelledRequestIsNeverGrantedAndTheNextTakesItsSlot() async throws {
        let scheduler = IdentifyScheduler(
            configuration: .init(maxConcurrency: 1, window: .milliseconds(200), safetyMargin: .zero))
        let grants = TimedMailbox<SeenGrant>(label: "grants")
        _ = ask(scheduler, 0, into: grants)
        #expect(try await grants.next(timeout: .seconds(5)).shard == 0)
        let cancelled = ask(scheduler, 1, into: grants)
        _ = ask(scheduler, 2, into: grants)
        #expect(scheduler.waitingCount == 2)
        scheduler.cancel(cancelled)
        scheduler.cancel(cancelled)  // twice is harmless
        #expect(scheduler.waitingCount == 1)
        #expect(try await grants.next(timeout: .seconds(5)).shard == 2)
        _ = ask(scheduler, 3, into: grants)
        #expect(try await grants.next(timeout: .seconds(5)).shard == 3)
        #expect(grants.all.map(\.shard) == [0, 2, 3])
    }

    @Test func reidentifiesOvertakeWaitingColdStarts() async throws {
        let scheduler = IdentifyScheduler(
            configuration: .init(maxConcurrency: 1, window: .milliseconds(150), safetyMargin: .zero))
        let grants = TimedMailbox<SeenGrant>(label: "grants")
        _ = ask(scheduler, 0, into: grants)
        _ = ask(scheduler, 1, into: grants)
        _ = ask(scheduler, 2, .reidentify, into: grants)
        for _ in 0..<3 { _ = try await grants.next(timeout: .seconds(5)) }
        #expect(grants.all.map(\.shard) == [0, 2, 1])
    }

    @Test func stopsAtTheReserveAndResumesAfterTheReset() async throws {
        let created = ContinuousClock.now
        let budget = SessionStartLimit(total: 10, remaining: 2, resetAfter: .milliseconds(400), maxConcurrency: 1)
        let scheduler = IdentifyScheduler(
            configuration: .init(window: .milliseconds(50), safetyMargin: .zero, budget: budget, reserve: 1))
        let events = TimedMailbox<IdentifyScheduler.BudgetEvent>(label: "budget events")
        // The scheduler as the exhausted event found it. Read in the handler: it runs on the scheduler's queue,
        // before the reset timer (same queue) can restore the budget, however slow the machine is.
        let atExhaustion = TimedMailbox<(exhausted: Bool, remaining: Int?)>(label: "a snapshot")
        scheduler.onBudgetEvent { event in
            if case .exhausted = event { atExhaustion.put((scheduler.isBudgetExhausted, scheduler.budget?.remaining)) }
            events.put(event)
        }
        let grants = TimedMailbox<SeenGrant>(label: "grants")
        _ = ask(scheduler, 0, into: grants)
        _ = ask(scheduler, 1, into: grants)
        #expect(try await grants.next(timeout: .seconds(5)).shard == 0)
        guard case .exhausted(let remaining, _) = try await events.next(timeout: .seconds(5)) else {
            Issue.record("expected an exhausted event")
            return
        }
        #expect(remaining == 1)
        let snapshot = try await atExhaustion.next(timeout: .seconds(5))
        #expect(snapshot.exhausted)
        #expect(snapshot.remaining == 1)
        #expect(try await events.next(timeout: .seconds(5)) == .restored)
        // Shard 1 waited for the reset: its grant comes no sooner than the budget's reset_after.
        let second = try await grants.next(timeout: .seconds(5))
        #expect(second.shard == 1)
        #expect(created.duration(to: second.at) >= .milliseconds(400))
        #expect(scheduler.budget?.remaining == 9)
        #expect(!scheduler.isBudgetExhausted)
    }

    @Test func aFreshBudgetAndMaxConcurrencyApplyAtRunTime() async throws {
        let scheduler = IdentifyScheduler(
            configuration: .init(window: .seconds(30), safetyMargin: .zero, reserve: 0))
        let grants = TimedMailbox<SeenGrant>(label: "grants")
        _ = ask(scheduler, 0, into: grants)
        #expect(try await grants.next(timeout: .seconds(5)).shard == 0)
        _ = ask(scheduler, 1, into: grants)
        _ = ask(scheduler, 2, into: grants)
        #expect(scheduler.waitingCount == 2)
        scheduler.update(maxConcurrency: 3)
        #expect(scheduler.maxConcurrency == 3)
        // The new buckets still respect the old bucket's 30 s window, so nothing moves yet.
        #expect(scheduler.waitingCount == 2)
        scheduler.update(budget: SessionStartLimit(total: 5, remaining: 0, resetAfter: .seconds(60), maxConcurrency: 3))
        #expect(scheduler.isBudgetExhausted)
        #expect(scheduler.budget?.total == 5)
    }
}
