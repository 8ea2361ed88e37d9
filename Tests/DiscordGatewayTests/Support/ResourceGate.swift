import Foundation
import Testing

/// A readers–writer gate between test suites: suites that open sockets and threads share it, while a suite that
/// measures the process's thread and descriptor counts holds it alone, so parallel tests cannot skew its counts.
actor ResourceGate {
    /// The one gate of the test process.
    static let shared = ResourceGate()

    /// Suites inside in shared mode.
    private var sharedHolders = 0
    /// Whether an exclusive suite is inside.
    private var exclusiveHeld = false
    /// Waiting suites, first come first served.
    private var waiters: [(exclusive: Bool, continuation: CheckedContinuation<Void, Never>)] = []

    /// Waits until the caller may enter.
    func acquire(exclusive: Bool) async {
        if waiters.isEmpty && canEnter(exclusive: exclusive) {
            enter(exclusive: exclusive)
            return
        }
        await withCheckedContinuation { waiters.append((exclusive, $0)) }
    }

    /// Leaves and lets the next waiters in.
    func release(exclusive: Bool) {
        if exclusive { exclusiveHeld = false } else { sharedHolders -= 1 }
        while let first = waiters.first, canEnter(exclusive: first.exclusive) {
            waiters.removeFirst()
            enter(exclusive: first.exclusive)
            first.continuation.resume()
        }
    }

    /// Whether a holder of this kind may enter now.
    private func canEnter(exclusive: Bool) -> Bool {
        exclusive ? (!exclusiveHeld && sharedHolders == 0) : !exclusiveHeld
    }

    /// Records an entry.
    private func enter(exclusive: Bool) {
        if exclusive { exclusiveHeld = true } else { sharedHolders += 1 }
    }
}

/// Wraps a suite in the ``ResourceGate``.
struct ResourceGateTrait: SuiteTrait, TestScoping {
    /// Whether the suite needs the process to itself.
    let exclusive: Bool

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await ResourceGate.shared.acquire(exclusive: exclusive)
        do {
            try await function()
        } catch {
            await ResourceGate.shared.release(exclusive: exclusive)
            throw error
        }
        await ResourceGate.shared.release(exclusive: exclusive)
    }
}

extension Trait where Self == ResourceGateTrait {
    /// The suite opens sockets and threads; it may run alongside other such suites.
    static var usesSockets: Self { ResourceGateTrait(exclusive: false) }
    /// The suite counts the process's threads and descriptors; it runs alone among socket suites.
    static var countsProcessResources: Self { ResourceGateTrait(exclusive: true) }
}

/// Runs blocking work on a thread of its own and awaits its result, so it never occupies one of the few
/// cooperative threads that every test's async code shares.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
