internal import CSystem
internal import Dispatch

/// Gives memory freed after large messages back to the operating system.
///
/// glibc keeps freed heap memory in its arenas; after a shard shrinks its buffers from a multi-megabyte
/// GUILD_CREATE, that memory would stay resident. ``releaseAfterLargeMessage()`` calls `malloc_trim(0)`, at most
/// once per `minimumInterval` in the whole process; a request inside the interval schedules one trim at its end,
/// so a burst of large messages across many shards costs a trim or two and the last one comes after the burst.
///
/// **Threading:** safe from any thread; the last trim time sits in a `Locked`.
package enum FreedMemory {
    /// The last trim, and whether a deferred trim is scheduled.
    private static let state = Locked<(last: ContinuousClock.Instant?, deferred: Bool)>((nil, false))
    /// The least time between two trims.
    package static let minimumInterval: Duration = .milliseconds(500)
    /// Messages at least this large trigger a trim once their buffers are released.
    package static let largeMessageSize = 256 << 10

    /// Trims the heap now, or once ``minimumInterval`` after the previous trim.
    package static func releaseAfterLargeMessage() {
        let now = ContinuousClock.now
        let action = state.withLock { state -> Duration? in
            if let last = state.last, now - last < minimumInterval {
                if state.deferred { return nil }
                state.deferred = true
                return minimumInterval - (now - last)
            }
            state.last = now
            return .zero
        }
        guard let delay = action else { return }
        if delay == .zero {
            _ = CSystem_malloc_trim()
            return
        }
        let (seconds, attoseconds) = delay.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            state.withLock {
                $0.deferred = false
                $0.last = .now
            }
            _ = CSystem_malloc_trim()
        }
    }

    /// Trims the heap now.
    package static func releaseNow() {
        state.withLock { $0.last = .now }
        _ = CSystem_malloc_trim()
    }

    /// Heap bytes in use (allocated and not freed), for benchmarks.
    package static var heapInUse: Int { Int(CSystem_heap_in_use()) }
}
