import DiscordGateway
import Foundation
import Testing

/// A grant observed while driving an ``IdentifyQueue``.
private struct ObservedGrant {
    /// The granted request.
    let request: IdentifyRequest
    /// When it was granted.
    let at: ContinuousClock.Instant
}

/// Drives a queue the way ``IdentifyScheduler`` does: tick at every `nextWakeUp` until nothing is due.
private func drain(
    _ queue: inout IdentifyQueue,
    from start: ContinuousClock.Instant,
    until limit: ContinuousClock.Instant? = nil,
    initial: [IdentifyQueue.Decision] = []
) -> (grants: [ObservedGrant], others: [IdentifyQueue.Decision]) {
    var grants: [ObservedGrant] = []
    var others: [IdentifyQueue.Decision] = []
    func record(_ decisions: [IdentifyQueue.Decision], at instant: ContinuousClock.Instant) {
        for decision in decisions {
            if case .grant(let request) = decision {
                grants.append(ObservedGrant(request: request, at: instant))
            } else {
                others.append(decision)
            }
        }
    }
    record(initial, at: start)
    var steps = 0
    while let wake = queue.nextWakeUp, steps < 10_000 {
        if let limit, wake > limit { break }
        steps += 1
        record(queue.tick(at: wake), at: wake)
    }
    return (grants, others)
}

/// Feeds arrivals and wake-ups to a queue in time order, like the scheduler's timer would; returns the grants.
private func simulate(
    _ queue: inout IdentifyQueue,
    arrivals: [(ContinuousClock.Instant, IdentifyRequest)]
) -> [ObservedGrant] {
    var grants: [ObservedGrant] = []
    var pending = arrivals.sorted { $0.0 < $1.0 }[...]
    var steps = 0
    while steps < 10_000 {
        steps += 1
        let wake = queue.nextWakeUp
        let decisions: [IdentifyQueue.Decision]
        let now: ContinuousClock.Instant
        if let (arrival, request) = pending.first, wake.map({ arrival <= $0 }) ?? true {
            pending.removeFirst()
            now = arrival
            decisions = queue.enqueue(request, at: arrival)
        } else if let wake {
            now = wake
            decisions = queue.tick(at: wake)
        } else {
            break
        }
        for case .grant(let request) in decisions { grants.append(ObservedGrant(request: request, at: now)) }
    }
    return grants
}

/// Counts pairs of grants in one bucket closer together than `window`.
private func bucketViolations(_ grants: [ObservedGrant], maxConcurrency: Int, window: Duration) -> Int {
    var lastByBucket: [Int: ContinuousClock.Instant] = [:]
    var violations = 0
    for grant in grants.sorted(by: { $0.at < $1.at }) {
        let bucket = grant.request.shard.id % maxConcurrency
        if let last = lastByBucket[bucket], last.duration(to: grant.at) < window { violations += 1 }
        lastByBucket[bucket] = grant.at
    }
    return violations
}

/// A request for shard `id` of `count`.
private func request(
    _ id: Int, of count: Int = 32, _ priority: IdentifyPriority = .coldStart, requestID: UInt64? = nil
)
    -> IdentifyRequest
{
    IdentifyRequest(id: requestID ?? UInt64(id), shard: ShardInfo(id: id, count: count), priority: priority)
}

/// The requests granted in `decisions`, in order.
private func granted(_ decisions: [IdentifyQueue.Decision]) -> [IdentifyRequest] {
    decisions.compactMap { decision in
        if case .grant(let request) = decision { return request }
        return nil
    }
}

@Suite struct IdentifyQueueTests {
    @Test func thirtyTwoShardsAtConcurrencyFourFinishWithinEightWindowsWithoutBucketViolations() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 4)
        var initial: [IdentifyQueue.Decision] = []
        for id in 0..<32 { initial += queue.enqueue(request(id), at: t0) }
        let (grants, others) = drain(&queue, from: t0, initial: initial)
        #expect(others.isEmpty)
        #expect(grants.count == 32)
        #expect(Set(grants.map(\.request.shard.id)) == Set(0..<32))
        #expect(bucketViolations(grants, maxConcurrency: 4, window: .seconds(5)) == 0)
        let last = grants.map(\.at).max() ?? t0
        // ceil(32 / 4) = 8 rounds; the first at t0, so the last starts 7 spacings later.
        #expect(t0.duration(to: last) <= .seconds(8 * 5) + .milliseconds(8 * 250))
        #expect(t0.duration(to: last) == .milliseconds(7 * 5100))
        // Shards go out bucket by bucket "in order": 0...3 first, then 4...7.
        #expect(grants.prefix(4).map(\.request.shard.id) == [0, 1, 2, 3])
        #expect(grants.dropFirst(4).prefix(4).map(\.request.shard.id) == [4, 5, 6, 7])
        #expect(queue.waitingCount == 0)
        #expect(queue.nextWakeUp == nil)
        #expect(queue.grantedCount == 32)
    }

    @Test(arguments: [1, 2, 3, 16])
    func neverGrantsTwiceInOneBucketWithinTheWindow(maxConcurrency: Int) {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: maxConcurrency)
        // Requests trickle in at odd instants, some while buckets are cooling down.
        let arrivals = (0..<40).map { (t0 + .milliseconds($0 * 700), request($0, of: 40)) }
        let grants = simulate(&queue, arrivals: arrivals)
        #expect(grants.count == 40)
        #expect(bucketViolations(grants, maxConcurrency: maxConcurrency, window: .seconds(5)) == 0)
        #expect(grants.allSatisfy { grant in arrivals.contains { $0.1 == grant.request && $0.0 <= grant.at } })
    }

    @Test func concurrencyOneGrantsOneIdentifyEveryFiveAndAQuarterSeconds() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        var initial: [IdentifyQueue.Decision] = []
        for id in 0..<5 { initial += queue.enqueue(request(id, of: 5), at: t0) }
        let (grants, _) = drain(&queue, from: t0, initial: initial)
        #expect(grants.map(\.request.shard.id) == [0, 1, 2, 3, 4])
        #expect(grants.map { t0.duration(to: $0.at) } == (0..<5).map { .milliseconds($0 * 5100) })
    }

    @Test func aFreeBucketGrantsAtOnceAndABusyOneWaitsForTheWindowPlusMargin() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 2, window: .seconds(5), safetyMargin: .milliseconds(100))
        let step1 = queue.enqueue(request(0), at: t0)
        #expect(granted(step1) == [request(0)])
        let step2 = queue.enqueue(request(2), at: t0 + .seconds(1))
        #expect(granted(step2).isEmpty)
        let step3 = queue.enqueue(request(1), at: t0 + .seconds(1))
        #expect(granted(step3) == [request(1)])
        #expect(queue.nextWakeUp == t0 + .milliseconds(5100))
        let step4 = queue.tick(at: t0 + .milliseconds(5099))
        #expect(step4.isEmpty)
        let step5 = queue.tick(at: t0 + .milliseconds(5100))
        #expect(granted(step5) == [request(2)])
    }

    @Test func reidentifiesGoBeforeColdStartsThenFirstComeFirstServed() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        _ = queue.enqueue(request(0), at: t0)  // takes the bucket
        _ = queue.enqueue(request(1), at: t0)
        _ = queue.enqueue(request(2, .reidentify), at: t0)
        _ = queue.enqueue(request(3), at: t0)
        _ = queue.enqueue(request(4, .reidentify), at: t0)
        let (grants, _) = drain(&queue, from: t0)
        #expect(grants.map(\.request.shard.id) == [2, 4, 1, 3])
    }

    @Test func cancellingAWaitingRequestGivesItsSlotToTheNext() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        _ = queue.enqueue(request(0), at: t0)
        _ = queue.enqueue(request(1), at: t0)
        _ = queue.enqueue(request(2), at: t0)
        let step6 = queue.cancel(id: 1)
        #expect(step6)
        let step7 = queue.cancel(id: 1)
        #expect(!step7)
        let step8 = queue.cancel(id: 0)
        #expect(!step8)  // already granted
        #expect(queue.waitingCount == 1)
        let wake = queue.nextWakeUp
        #expect(wake == t0 + .milliseconds(5100))
        let step9 = queue.tick(at: t0 + .milliseconds(5100))
        #expect(granted(step9) == [request(2)])
        #expect(queue.nextWakeUp == nil)
    }

    @Test func cancellingTheLastWaiterLeavesNothingToWakeFor() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        _ = queue.enqueue(request(0), at: t0)
        _ = queue.enqueue(request(1), at: t0)
        queue.cancel(id: 1)
        #expect(queue.nextWakeUp == nil)
        let step10 = queue.tick(at: t0 + .seconds(6))
        #expect(step10.isEmpty)
    }

    @Test func aDuplicateRequestIDIsQueuedOnce() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        _ = queue.enqueue(request(0), at: t0)
        _ = queue.enqueue(request(1), at: t0)
        _ = queue.enqueue(request(1), at: t0)
        #expect(queue.waitingCount == 1)
    }

    @Test func stopsAtTheReserveReportsOnceAndResumesAfterTheReset() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1, reserve: 2)
        let limit = SessionStartLimit(total: 10, remaining: 4, resetAfter: .seconds(60), maxConcurrency: 1)
        let step11 = queue.update(budget: limit, at: t0)
        #expect(step11.isEmpty)
        var initial: [IdentifyQueue.Decision] = []
        for id in 0..<5 { initial += queue.enqueue(request(id, of: 5), at: t0) }
        let (grants, others) = drain(&queue, from: t0, until: t0 + .seconds(59), initial: initial)
        #expect(grants.map(\.request.shard.id) == [0, 1])
        #expect(others == [.budgetExhausted(remaining: 2, resetAfter: .milliseconds(54_900))])
        #expect(queue.isBudgetExhausted)
        #expect(queue.waitingCount == 3)
        #expect(queue.nextWakeUp == t0 + .seconds(60))
        #expect(queue.budget(at: t0 + .seconds(10))?.remaining == 2)

        let afterReset = queue.tick(at: t0 + .seconds(60))
        #expect(afterReset == [.budgetRestored, .grant(request(2, of: 5))])
        #expect(queue.budget(at: t0 + .seconds(60))?.remaining == 9)
        let (rest, more) = drain(&queue, from: t0 + .seconds(60))
        #expect(rest.map(\.request.shard.id) == [3, 4])
        #expect(more.isEmpty)
        #expect(queue.budget(at: t0 + .seconds(80))?.remaining == 7)
    }

    @Test func theDefaultReserveIsOnePercentButAtLeastFive() {
        let t0 = ContinuousClock.now
        var small = IdentifyQueue()
        _ = small.update(
            budget: SessionStartLimit(total: 100, remaining: 100, resetAfter: .seconds(1), maxConcurrency: 1), at: t0)
        #expect(small.reserve == 5)
        var large = IdentifyQueue()
        _ = large.update(
            budget: SessionStartLimit(total: 2000, remaining: 2000, resetAfter: .seconds(1), maxConcurrency: 1), at: t0)
        #expect(large.reserve == 20)
    }

    @Test func aBudgetAlreadyAtTheReserveGrantsNothing() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue()
        let limit = SessionStartLimit(total: 1000, remaining: 10, resetAfter: .seconds(3600), maxConcurrency: 1)
        let step12 = queue.update(budget: limit, at: t0)
        #expect(step12 == [.budgetExhausted(remaining: 10, resetAfter: .seconds(3600))])
        let step13 = queue.enqueue(request(0), at: t0)
        #expect(step13.isEmpty)
        let step14 = queue.enqueue(request(1, .reidentify), at: t0 + .seconds(1))
        #expect(step14.isEmpty)
        #expect(queue.nextWakeUp == t0 + .seconds(3600))
    }

    @Test func aFresherBudgetRestoresGrantingAtOnce() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(reserve: 0)
        _ = queue.update(
            budget: SessionStartLimit(total: 10, remaining: 0, resetAfter: .seconds(60), maxConcurrency: 1), at: t0)
        _ = queue.enqueue(request(0), at: t0)
        let decisions = queue.update(
            budget: SessionStartLimit(total: 10, remaining: 10, resetAfter: .seconds(60), maxConcurrency: 1),
            at: t0 + .seconds(1))
        #expect(decisions == [.budgetRestored, .grant(request(0))])
    }

    @Test func scarceBudgetGoesToReidentifiesAcrossBuckets() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 4, reserve: 0)
        _ = queue.update(
            budget: SessionStartLimit(total: 10, remaining: 0, resetAfter: .seconds(60), maxConcurrency: 4), at: t0)
        _ = queue.enqueue(request(0), at: t0)
        _ = queue.enqueue(request(1), at: t0)
        _ = queue.enqueue(request(3, .reidentify), at: t0)
        let decisions = queue.update(
            budget: SessionStartLimit(total: 10, remaining: 1, resetAfter: .seconds(60), maxConcurrency: 4),
            at: t0 + .seconds(1))
        #expect(
            decisions == [
                .budgetRestored, .grant(request(3, .reidentify)),
                .budgetExhausted(remaining: 0, resetAfter: .seconds(60)),
            ])
    }

    @Test func raisingMaxConcurrencyAtRunTimeRebucketsWaitingRequests() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        var initial: [IdentifyQueue.Decision] = []
        for id in 0..<8 { initial += queue.enqueue(request(id, of: 8), at: t0) }
        #expect(granted(initial) == [request(0, of: 8)])
        // Raised before the first window ends: the new buckets still wait for the old window.
        let step15 = queue.update(maxConcurrency: 4, at: t0 + .seconds(1))
        #expect(step15.isEmpty)
        #expect(queue.maxConcurrency == 4)
        #expect(queue.nextWakeUp == t0 + .milliseconds(5100))
        let (grants, _) = drain(&queue, from: t0 + .seconds(1), initial: [])
        let all = [ObservedGrant(request: request(0, of: 8), at: t0)] + grants
        #expect(all.count == 8)
        #expect(granted(grants.prefix(4).map { .grant($0.request) }).map(\.shard.id) == [1, 2, 3, 4])
        #expect(grants.prefix(4).allSatisfy { $0.at == t0 + .milliseconds(5100) })
        #expect(grants.dropFirst(4).allSatisfy { $0.at == t0 + .milliseconds(10_200) })
        #expect(bucketViolations(all, maxConcurrency: 4, window: .seconds(5)) == 0)
    }

    @Test func loweringMaxConcurrencyKeepsArrivalOrder() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 4)
        var initial: [IdentifyQueue.Decision] = []
        for id in 0..<8 { initial += queue.enqueue(request(id, of: 8), at: t0) }
        #expect(granted(initial).map(\.shard.id) == [0, 1, 2, 3])
        _ = queue.update(maxConcurrency: 1, at: t0 + .seconds(1))
        let (grants, _) = drain(&queue, from: t0 + .seconds(1))
        #expect(grants.map(\.request.shard.id) == [4, 5, 6, 7])
        #expect(bucketViolations(grants, maxConcurrency: 1, window: .seconds(5)) == 0)
        #expect(grants.first?.at == t0 + .milliseconds(5100))
    }

    @Test func aBudgetCarriesItsMaxConcurrency() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 1)
        _ = queue.update(
            budget: SessionStartLimit(total: 1000, remaining: 1000, resetAfter: .seconds(1), maxConcurrency: 16), at: t0
        )
        #expect(queue.maxConcurrency == 16)
        #expect(queue.bucket(of: 35) == 3)
    }

    @Test func decodesDiscordsSessionStartLimit() throws {
        let json = #"{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":16}"#
        let limit = try JSONDecoder().decode(SessionStartLimit.self, from: Data(json.utf8))
        #expect(
            limit == SessionStartLimit(total: 1000, remaining: 999, resetAfter: .seconds(14_400), maxConcurrency: 16))
    }

    @Test func rejectsASessionStartLimitWithZeroConcurrency() {
        let json = #"{"total":1000,"remaining":999,"reset_after":1,"max_concurrency":0}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SessionStartLimit.self, from: Data(json.utf8)) }
    }
}

@Suite struct IdentifyQueueSendTimeTests {
    @Test func aLateIdentifyPushesItsBucketsNextGrantBack() {
        let t0 = ContinuousClock.now
        var queue = IdentifyQueue(maxConcurrency: 2, window: .seconds(5), safetyMargin: .milliseconds(100))
        let first = IdentifyRequest(id: 1, shard: ShardInfo(id: 0, count: 4), priority: .coldStart)
        let second = IdentifyRequest(id: 2, shard: ShardInfo(id: 2, count: 4), priority: .coldStart)
        let other = IdentifyRequest(id: 3, shard: ShardInfo(id: 1, count: 4), priority: .coldStart)
        #expect(queue.enqueue(first, at: t0) == [.grant(first)])
        #expect(queue.enqueue(second, at: t0).isEmpty)
        // The shard was busy: its Identify went out 700 ms after the grant.
        queue.identifySent(shardID: 0, at: t0 + .milliseconds(700))
        #expect(queue.nextWakeUp == t0 + .milliseconds(5800))
        #expect(queue.tick(at: t0 + .milliseconds(5100)).isEmpty)
        #expect(queue.tick(at: t0 + .milliseconds(5800)) == [.grant(second)])
        // Other buckets are not affected.
        #expect(queue.enqueue(other, at: t0 + .milliseconds(5800)) == [.grant(other)])
    }
}
