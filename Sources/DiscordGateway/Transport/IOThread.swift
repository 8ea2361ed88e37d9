internal import CSystem
internal import Glibc

/// A joinable POSIX thread with a modest stack, for the library's I/O loops.
///
/// **Threading:** `start` and `join` may be called from any thread; `join` at most once, never from the thread
/// itself (a programmer error).
package struct IOThread: Sendable {
    /// The thread handle.
    private let handle: pthread_t

    /// Starts `body` on a new thread with a 512 KiB stack.
    /// - Throws: ``ConnectionError`` if the thread cannot be created.
    package static func start(name: String, _ body: @escaping @Sendable () -> Void) throws -> IOThread {
        final class Box {
            let body: @Sendable () -> Void
            let name: String
            init(body: @escaping @Sendable () -> Void, name: String) {
                self.body = body
                self.name = name
            }
        }
        let context = Unmanaged.passRetained(Box(body: body, name: name)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 512 << 10)
        var thread: pthread_t = 0
        let result = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
                _ = CSystem_set_thread_name(String(box.name.prefix(15)))
                box.body()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            throw ConnectionError(
                .socketFailure, operation: "io", host: "", port: 0, detail: "pthread_create failed (\(result))")
        }
        return IOThread(handle: thread)
    }

    /// Waits for the thread to exit.
    package func join() {
        precondition(pthread_equal(handle, pthread_self()) == 0, "IOThread.join on itself (programmer error)")
        pthread_join(handle, nil)
    }

    /// Lets the thread release its resources on exit without being joined.
    package func detach() {
        pthread_detach(handle)
    }

    /// Whether the calling thread is this thread.
    package var isCurrent: Bool { pthread_equal(handle, pthread_self()) != 0 }
}
