internal import Glibc

/// The events waiting for ``Shard/nextEvent(timeout:)`` and ``Shard/events`` readers.
///
/// Blocking readers wait on a condition variable; async readers suspend on continuations and are woken to look
/// again (elements are always taken under the mutex, so hand-overs are visible to the thread sanitizer).
///
/// **Threading:** safe from any thread.
// Invariant: `state` is read and written only between `pthread_mutex_lock(mutex)` and `pthread_mutex_unlock`;
// hence `@unchecked Sendable`.
final class EventPullQueue<Element: Sendable>: @unchecked Sendable {
    /// Guarded contents.
    private struct State {
        var items: [Element] = []
        var head = 0
        var isEnded = false
        var asyncWaiters: [CheckedContinuation<Void, Never>] = []
        var count: Int { items.count - head }
    }

    /// The mutex.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Signalled when an item arrives or the queue ends.
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// Signalled when an item is taken or the queue ends (for ``put(_:waitingForRoom:)``).
    private let roomCondition: UnsafeMutablePointer<pthread_cond_t>
    /// The count at which ``put(_:waitingForRoom:)`` waits.
    let capacity: Int
    /// Guarded contents.
    private var state = State()
    /// Called (outside the lock) after an item is taken, with the remaining count.
    private let onTake: @Sendable (Int) -> Void

    /// Makes an empty, open queue; ``put(_:waitingForRoom:)`` waits while `capacity` items wait.
    init(capacity: Int = .max, onTake: @escaping @Sendable (Int) -> Void) {
        self.onTake = onTake
        self.capacity = max(capacity, 1)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        roomCondition = .allocate(capacity: 1)
        roomCondition.initialize(to: pthread_cond_t())
        pthread_cond_init(roomCondition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deinitialize(count: 1)
        condition.deallocate()
        pthread_cond_destroy(roomCondition)
        roomCondition.deinitialize(count: 1)
        roomCondition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` under the mutex.
    private func locked<Result>(_ body: (inout State) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&state)
    }

    /// Items waiting.
    var count: Int { locked { $0.count } }

    /// Appends an event and wakes readers.
    ///
    /// With `waitingForRoom`, first waits until fewer than ``capacity`` items wait (or the queue ends), blocking the
    /// calling thread: a callback queue blocked here stops draining its shards, whose own buffers then fill and
    /// pause their reading (heartbeats go on), so a reader that falls behind costs bounded memory instead of
    /// losing events.
    func put(_ event: Element, waitingForRoom: Bool = false) {
        let waiters = locked { state -> [CheckedContinuation<Void, Never>] in
            while waitingForRoom && state.count >= capacity && !state.isEnded {
                pthread_cond_wait(roomCondition, mutex)
            }
            state.items.append(event)
            pthread_cond_signal(condition)
            defer { state.asyncWaiters.removeAll() }
            return state.asyncWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Appends events and wakes readers.
    func put(contentsOf events: [Element]) {
        guard !events.isEmpty else { return }
        let waiters = locked { state -> [CheckedContinuation<Void, Never>] in
            state.items.append(contentsOf: events)
            pthread_cond_broadcast(condition)
            defer { state.asyncWaiters.removeAll() }
            return state.asyncWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Marks the stream as ended: readers get the remaining items, then `nil`.
    func end() {
        let waiters = locked { state -> [CheckedContinuation<Void, Never>] in
            state.isEnded = true
            pthread_cond_broadcast(condition)
            pthread_cond_broadcast(roomCondition)
            defer { state.asyncWaiters.removeAll() }
            return state.asyncWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Re-opens the stream for a new run of the shard (undelivered items are kept).
    func reopen() {
        locked { $0.isEnded = false }
    }

    /// Takes the head item if there is one.
    private func take(_ state: inout State) -> Element {
        let event = state.items[state.head]
        state.head += 1
        pthread_cond_signal(roomCondition)
        if state.head > 256 && state.head * 2 > state.items.count {
            state.items.removeFirst(state.head)
            state.head = 0
        }
        return event
    }

    /// Blocks until an event arrives, the stream ends (`nil`) or `timeout` passes (`nil`).
    func next(timeout: Duration?) -> Element? {
        var deadline = timespec()
        if let timeout {
            clock_gettime(CLOCK_MONOTONIC, &deadline)
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(deadline.tv_nsec) + Int(attoseconds / 1_000_000_000)
            deadline.tv_sec += Int(seconds) + nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
        }
        let result = locked { state -> (Element?, Int) in
            while state.count == 0 && !state.isEnded {
                if timeout == nil {
                    pthread_cond_wait(condition, mutex)
                } else if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT {
                    break
                }
            }
            guard state.count > 0 else { return (nil, 0) }
            return (take(&state), state.count)
        }
        if result.0 != nil { onTake(result.1) }
        return result.0
    }

    /// Suspends until an event arrives or the stream ends (`nil`).
    func next() async -> Element? {
        while true {
            let result = locked { state -> (Element?, Int, Bool) in
                if state.count > 0 { return (take(&state), state.count, false) }
                return (nil, 0, state.isEnded)
            }
            if let event = result.0 {
                onTake(result.1)
                return event
            }
            if result.2 { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = locked { state -> Bool in
                    if state.count > 0 || state.isEnded { return true }
                    state.asyncWaiters.append(continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }
}

/// The shard's events as an `AsyncSequence`; ends after the shard's own close or a fatal close.
///
/// Reading from it (like ``Shard/nextEvent(timeout:)``) makes the shard keep events for pull readers.
///
/// **Threading:** iterate from one task at a time; several iterators share one stream (each event goes to one).
public struct ShardEventStream: AsyncSequence, Sendable {
    /// The element type.
    public typealias Element = GatewayEvent
    /// The queue the events come from.
    let queue: EventPullQueue<GatewayEvent>

    /// Iterates over the shard's events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// The queue the events come from.
        let queue: EventPullQueue<GatewayEvent>

        /// The next event, or `nil` once the shard has closed.
        public mutating func next() async -> Element? {
            await queue.next()
        }
    }

    /// Makes an iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(queue: queue)
    }
}
