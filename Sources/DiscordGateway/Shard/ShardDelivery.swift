internal import Dispatch
import Synchronization

/// Counters describing how well user code keeps up with a shard's events.
///
/// **Threading:** an immutable value; `Sendable`.
public struct DeliveryStatistics: Hashable, Sendable {
    /// Items (events, state changes) waiting for callbacks or for ``Shard/nextEvent(timeout:)`` now.
    public var depth = 0
    /// The largest ``depth`` seen.
    public var maximumDepth = 0
    /// How long the oldest waiting item has waited; zero when nothing waits.
    public var currentLag: Duration = .zero
    /// The longest time an item waited between arriving and its callback starting.
    public var maximumLag: Duration = .zero
    /// Items handed to callbacks so far.
    public var delivered = 0
    /// How many times the buffer filled up and the shard paused reading from the socket.
    public var pauseCount = 0
    /// Total time reading was paused.
    public var totalPausedDuration: Duration = .zero
    /// Callbacks that ran longer than the slow-callback threshold.
    public var slowCallbacks = 0
}

/// One thing delivered to push consumers (the delegate and closure handlers), in stream order.
enum ShardDeliveryItem: Sendable {
    /// A connection opened.
    case connected
    /// A dispatch.
    case event(GatewayEvent)
    /// A raw message (when raw delivery is on).
    case raw([UInt8])
    /// The state changed.
    case stateChanged(from: ShardState, to: ShardState)
    /// A connection ended.
    case disconnected(ShardError)
    /// The shard stopped for good.
    case stopped(ShardError)
}

/// The bounded, ordered hand-over from a shard's queue to user code.
///
/// The shard's queue appends items; a pump running on the callback queue calls the delegate, then the closure
/// handlers in registration order, one item at a time. Events also go to the pull queue when someone reads with
/// ``Shard/nextEvent(timeout:)`` or ``Shard/events`` — or when no push consumer is registered, so a plain
/// `while let event = shard.nextEvent()` loop loses nothing. When the items waiting reach the capacity the shard
/// is told to pause reading; when they fall to half of it, to resume.
///
/// **Threading:** safe from any thread; one `Locked` holds all state. User code never runs under the lock.
final class ShardDelivery: Sendable {
    /// Closure handlers, in registration order.
    struct Handlers {
        var events: [@Sendable (GatewayEvent) -> Void] = []
        var states: [@Sendable (ShardState, ShardState) -> Void] = []
        var disconnects: [@Sendable (ShardError) -> Void] = []
        var raw: [@Sendable ([UInt8]) -> Void] = []
        var connects: [@Sendable () -> Void] = []
        var isEmpty: Bool { events.isEmpty && states.isEmpty && disconnects.isEmpty && raw.isEmpty && connects.isEmpty }
    }

    /// A weak reference to the delegate.
    struct WeakDelegate {
        weak var value: (any ShardDelegate)?
    }

    /// Guarded state.
    struct State {
        var items: [(item: ShardDeliveryItem, enqueuedAt: ContinuousClock.Instant)] = []
        var head = 0
        var pumpScheduled = false
        var handlers = Handlers()
        var delegate = WeakDelegate()
        var hasDelegate = false
        var pullRequested = false
        var statistics = DeliveryStatistics()
        var pausedSince: ContinuousClock.Instant?
        var pendingCount: Int { items.count - head }
    }

    /// Guarded state.
    let state = Locked(State())
    /// Events for pull readers.
    let pull: EventPullQueue<GatewayEvent>
    /// Where callbacks run.
    let callbackQueue: DispatchQueue
    /// The depth at which reading pauses.
    let capacity: Int
    /// Callbacks longer than this are reported.
    let slowThreshold: Duration

    /// Makes the pipeline for a shard (set ``owner`` right after).
    init(callbackQueue: DispatchQueue, capacity: Int, slowThreshold: Duration) {
        self.callbackQueue = callbackQueue
        self.capacity = max(capacity, 2)
        self.slowThreshold = slowThreshold
        let lowWater = max(capacity, 2) / 2
        let signal = DrainSignal()
        self.drainSignal = signal
        self.pull = EventPullQueue(onTake: { remaining in
            if remaining <= lowWater { signal.fire() }
        })
    }

    /// Tells the shard it may read again.
    private let drainSignal: DrainSignal

    /// Tells a paused shard (on its queue) that callbacks caught up.
    private func onBelowLowWater() {
        drainSignal.fire()
    }

    /// Whether anything consumes pushed items.
    private static func hasPushConsumers(_ state: State) -> Bool {
        state.hasDelegate && state.delegate.value != nil || !state.handlers.isEmpty
    }

    /// Items waiting in total (push and pull).
    var depth: Int { state.withLock { $0.pendingCount } + pull.count }

    /// Appends items; returns the depth afterwards (the shard pauses reading at ``capacity``).
    @discardableResult
    func enqueue(_ newItems: [ShardDeliveryItem], at now: ContinuousClock.Instant = .now) -> Int {
        var pullEvents: [GatewayEvent] = []
        let (schedule, pushDepth, pulls) = state.withLock { state -> (Bool, Int, Bool) in
            let pushes = Self.hasPushConsumers(state)
            let pulls = state.pullRequested || !pushes
            if pushes {
                for item in newItems { state.items.append((item, now)) }
            }
            if pulls {
                for item in newItems {
                    if case .event(let event) = item { pullEvents.append(event) }
                }
            }
            let schedule = pushes && !state.pumpScheduled && state.pendingCount > 0
            if schedule { state.pumpScheduled = true }
            state.statistics.maximumDepth = max(state.statistics.maximumDepth, state.pendingCount)
            return (schedule, state.pendingCount, pulls)
        }
        var total = pushDepth
        if pulls {
            pull.put(contentsOf: pullEvents)
            total += pull.count
            state.withLock { $0.statistics.maximumDepth = max($0.statistics.maximumDepth, total) }
        }
        if schedule { callbackQueue.async { self.pump() } }
        return total
    }

    /// Arms the drain signal: the next time the depth falls to half the capacity, the shard is told.
    func armDrainSignal() {
        drainSignal.arm()
    }

    /// Records that reading paused or resumed.
    func noteReadingPaused(_ paused: Bool, at now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            if paused {
                if state.pausedSince == nil {
                    state.pausedSince = now
                    state.statistics.pauseCount += 1
                }
            } else if let since = state.pausedSince {
                state.statistics.totalPausedDuration += now - since
                state.pausedSince = nil
            }
        }
    }

    /// The current counters.
    func statistics(at now: ContinuousClock.Instant = .now) -> DeliveryStatistics {
        var statistics = state.withLock { state -> DeliveryStatistics in
            var statistics = state.statistics
            statistics.depth = state.pendingCount
            if state.head < state.items.count {
                statistics.currentLag = now - state.items[state.head].enqueuedAt
            }
            if let since = state.pausedSince {
                statistics.totalPausedDuration += now - since
            }
            return statistics
        }
        statistics.depth += pull.count
        return statistics
    }

    /// When the running callback started, in nanoseconds since ``epoch``; 0 when none runs.
    private let callbackStarted = Atomic<Int64>(0)
    /// The `callbackStarted` value already reported by the watchdog.
    private let callbackReported = Atomic<Int64>(0)
    /// The reference instant for ``callbackStarted``.
    private let epoch = ContinuousClock.now

    /// Nanoseconds from ``epoch`` to `instant` (at least 1, so 0 can mean "none").
    private func nanoseconds(_ instant: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (instant - epoch).components
        return max(seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000, 1)
    }

    /// How long the running callback has run, if it is over the threshold and not yet reported; marks it reported.
    func takeOverdueCallback(at now: ContinuousClock.Instant) -> Duration? {
        let started = callbackStarted.load(ordering: .acquiring)
        guard started != 0, callbackReported.load(ordering: .relaxed) != started else { return nil }
        let running = Duration.nanoseconds(nanoseconds(now) - started)
        guard running > slowThreshold else { return nil }
        callbackReported.store(started, ordering: .relaxed)
        return running
    }

    /// Delivers waiting items on the callback queue in chunks, a bounded number per turn so a shared queue stays
    /// fair.
    private func pump() {
        for _ in 0..<8 {
            let next = state.withLock {
                state -> (
                    ArraySlice<(item: ShardDeliveryItem, enqueuedAt: ContinuousClock.Instant)>, Handlers,
                    (any ShardDelegate)?
                )? in
                guard state.head < state.items.count else {
                    state.pumpScheduled = false
                    state.items.removeAll(keepingCapacity: state.items.capacity <= 1024)
                    state.head = 0
                    return nil
                }
                let end = min(state.items.count, state.head + 64)
                let chunk = state.items[state.head..<end]
                state.head = end
                if state.head > 4096 && state.head * 2 > state.items.count {
                    state.items.removeFirst(state.head)
                    state.head = 0
                }
                return (chunk, state.handlers, state.delegate.value)
            }
            guard let (chunk, handlers, delegate) = next else { return }
            guard let shard = owner else { return }
            var slow = 0
            var maximumLag = Duration.zero
            var deliveredLarge = false
            // One clock read per callback: an item's start is the previous item's end (N + 1 reads per chunk).
            var started = ContinuousClock.now
            for entry in chunk {
                if case .event(let event) = entry.item, event.rawPayload.count >= FreedMemory.largeMessageSize {
                    deliveredLarge = true
                }
                maximumLag = max(maximumLag, started - entry.enqueuedAt)
                callbackStarted.store(nanoseconds(started), ordering: .releasing)
                deliver(entry.item, to: shard, handlers: handlers, delegate: delegate)
                let finished = ContinuousClock.now
                let duration = finished - started
                if duration > slowThreshold {
                    callbackStarted.store(0, ordering: .releasing)
                    slow += 1
                    delegate?.shard(shard, callbackRanFor: duration)
                    started = ContinuousClock.now
                } else {
                    started = finished
                }
            }
            callbackStarted.store(0, ordering: .releasing)
            if deliveredLarge {
                // The chunk (and its large payloads) is released when this scope ends; trim after that.
                callbackQueue.async { FreedMemory.releaseAfterLargeMessage() }
            }
            let remaining = state.withLock { state -> Int in
                state.statistics.delivered += chunk.count
                state.statistics.slowCallbacks += slow
                state.statistics.maximumLag = max(state.statistics.maximumLag, maximumLag)
                return state.pendingCount
            }
            if remaining + pull.count <= capacity / 2 { onBelowLowWater() }
        }
        callbackQueue.async { self.pump() }
    }

    /// The shard, for delegate calls; set once in `Shard.init` before any item is enqueued.
    var owner: Shard? {
        get { drainSignal.shard }
        set { drainSignal.shard = newValue }
    }

    /// Calls the delegate, then the closures, for one item.
    private func deliver(
        _ item: ShardDeliveryItem, to shard: Shard, handlers: Handlers, delegate: (any ShardDelegate)?
    ) {
        switch item {
        case .connected:
            delegate?.shardDidConnect(shard)
            for handler in handlers.connects { handler() }
        case .event(let event):
            delegate?.shard(shard, didReceive: event)
            for handler in handlers.events { handler(event) }
        case .raw(let bytes):
            for handler in handlers.raw { handler(bytes) }
        case .stateChanged(let old, let new):
            delegate?.shard(shard, didChangeStateFrom: old, to: new)
            for handler in handlers.states { handler(old, new) }
        case .disconnected(let error):
            delegate?.shard(shard, didDisconnectWith: error)
            for handler in handlers.disconnects { handler(error) }
        case .stopped(let error):
            delegate?.shard(shard, didStopWith: error)
        }
    }
}

/// Wakes a shard whose reading is paused once its callbacks catch up.
///
/// **Threading:** safe from any thread; the weak reference sits in a `Locked`.
final class DrainSignal: Sendable {
    /// A weak reference to the shard.
    private struct Target {
        weak var shard: Shard?
        var isArmed = false
    }
    /// The shard to wake.
    private let target = Locked(Target())

    /// The shard, or `nil` once it is gone.
    var shard: Shard? {
        get { target.withLock { $0.shard } }
        set { target.withLock { $0.shard = newValue } }
    }

    /// Arms the signal: the shard has paused reading.
    func arm() {
        target.withLock { $0.isArmed = true }
    }

    /// Asks the shard, on its queue, to resume reading — once per ``arm()``; otherwise does nothing.
    func fire() {
        let shard = target.withLock { target -> Shard? in
            guard target.isArmed else { return nil }
            target.isArmed = false
            return target.shard
        }
        guard let shard else { return }
        shard.queue.async { [weak shard] in shard?.resumeReadingIfPaused() }
    }
}
