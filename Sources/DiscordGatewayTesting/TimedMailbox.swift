internal import DiscordGateway

/// Thrown when a wait on a ``TimedMailbox`` (and so on the fake gateway) runs out of time.
public struct FakeGatewayTimeout: Error, CustomStringConvertible, Sendable {
    /// What was awaited.
    public let waitingFor: String
    /// How long the wait lasted.
    public let timeout: Duration
    /// A one-line summary.
    public var description: String { "timed out after \(timeout) waiting for \(waitingFor)" }
}

/// A first-in first-out queue whose readers wait with a timeout; used to hand events from I/O threads to tests.
///
/// **Threading:** one `Locked` guards the items and the waiting readers; safe from any thread. Continuations are
/// resumed outside the lock.
public final class TimedMailbox<Element: Sendable>: Sendable {
    /// Queue contents and waiting readers.
    private struct State {
        var items: [Element] = []
        var head = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var nextID: UInt64 = 0
        var history: [Element] = []

        /// Removes and returns the head element; the caller checked there is one.
        mutating func take() -> Element {
            let element = items[head]
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return element
        }
    }

    /// What is awaited, for timeout messages.
    private let label: String
    /// Guarded state.
    private let state = Locked(State())

    /// Creates an empty mailbox; `label` names its contents in timeout errors.
    public init(label: String) {
        self.label = label
    }

    /// Adds an element, waking the oldest waiting reader.
    public func put(_ element: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.history.append(element)
            state.items.append(element)
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst().continuation
        }
        waiter?.resume()
    }

    /// Every element ever put, in order (including those already taken).
    public var all: [Element] { state.withLock { $0.history } }

    /// Elements put but not yet taken.
    public var pendingCount: Int { state.withLock { $0.items.count - $0.head } }

    /// Takes the next element without waiting, if there is one.
    public func poll() -> Element? {
        state.withLock { state in
            guard state.head < state.items.count else { return nil }
            return state.take()
        }
    }

    /// Takes the next element, waiting up to `timeout`.
    ///
    /// Elements are always taken under the lock (a wake-up only says "look again"), so the hand-over from the
    /// putting thread is visible to the thread sanitizer.
    /// - Throws: ``FakeGatewayTimeout`` when nothing arrives in time.
    public func next(timeout: Duration) async throws -> Element {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let element = poll() { return element }
            let remaining = deadline - .now
            guard remaining > .zero else { throw FakeGatewayTimeout(waitingFor: label, timeout: timeout) }
            await waitForPut(timeout: remaining)
        }
    }

    /// Suspends until an element is put or `timeout` passes (whichever is first).
    private func waitForPut(timeout: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID &+= 1
            return state.nextID
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let hasItem = state.withLock { state -> Bool in
                if state.head < state.items.count { return true }
                state.waiters.append((id, continuation))
                return false
            }
            if hasItem {
                continuation.resume()
                return
            }
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                let expired = self?.state.withLock { state -> CheckedContinuation<Void, Never>? in
                    guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.waiters.remove(at: index).continuation
                }
                expired?.resume()
            }
        }
    }

    /// Takes elements until one satisfies `predicate` (the others are dropped), waiting up to `timeout` in total.
    /// - Throws: ``FakeGatewayTimeout`` when none arrives in time.
    public func next(timeout: Duration, where predicate: (Element) -> Bool) async throws -> Element {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { throw FakeGatewayTimeout(waitingFor: label, timeout: timeout) }
            let element = try await next(timeout: remaining)
            if predicate(element) { return element }
        }
    }
}
