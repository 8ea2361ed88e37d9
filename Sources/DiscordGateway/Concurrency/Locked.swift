internal import Glibc

/// A value guarded by a POSIX mutex: the package's lock for state shared between threads.
///
/// It plays the role of `Synchronization.Mutex` (one lock holding the whole related state, `withLock` access),
/// but is built on `pthread_mutex_t` so the thread sanitizer sees every acquire and release: on Linux,
/// `Mutex`'s contended path parks in a futex inside the uninstrumented runtime, which makes
/// `swift test --sanitize=thread` report false races. Keep the closures short; never call user code or block
/// inside them.
///
/// **Threading:** safe from any thread; not reentrant (locking it again on the same thread deadlocks).
// Invariant: `value` is read and written only inside `withLock`, between `pthread_mutex_lock` and
// `pthread_mutex_unlock` on `mutex`; callers hand values in and take copies out, so `@unchecked Sendable` holds.
package final class Locked<Value>: @unchecked Sendable {
    /// The mutex, heap-allocated so its address never changes.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// The guarded value.
    private var value: Value

    /// Creates the lock holding `value`.
    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws (the lock is released first).
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
