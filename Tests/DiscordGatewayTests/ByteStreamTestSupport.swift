import DiscordGateway
import Foundation
import Glibc

/// A test-side failure: a poll deadline passed or the peer behaved unexpectedly.
struct ByteStreamTestFailure: Error, CustomStringConvertible {
    /// What happened.
    let description: String
}

/// Blocking helpers that drive non-blocking ``ByteStream``s with `poll`, the way the I/O thread will.
///
/// Every wait is bounded (10 s) so a broken test fails instead of hanging; none of them sleeps.
enum ByteStreamDriver {
    /// How long a single `poll` may wait before the test fails.
    static let pollTimeoutMilliseconds: Int32 = 10_000

    /// Blocks until `fd` is readable (or writable), failing after ``pollTimeoutMilliseconds``.
    static func wait(for fd: Int32, writable: Bool = false) throws {
        var descriptor = pollfd(fd: fd, events: Int16(writable ? POLLOUT : POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, pollTimeoutMilliseconds)
            if ready > 0 { return }
            if ready < 0 && errno == EINTR { continue }
            throw ByteStreamTestFailure(description: "poll on fd \(fd) timed out or failed")
        }
    }

    /// Waits for the readiness an operation asked for.
    static func wait(for stream: any ByteStream, after result: ByteStreamResult) throws {
        switch result {
        case .wantRead: try wait(for: stream.fileDescriptor)
        case .wantWrite: try wait(for: stream.fileDescriptor, writable: true)
        case .bytes, .closed: break
        }
    }

    /// Drives ``ByteStream/handshake()`` to completion.
    static func completeHandshake(_ stream: any ByteStream) throws {
        while true {
            switch try stream.handshake() {
            case .complete: return
            case .wantRead: try wait(for: stream.fileDescriptor)
            case .wantWrite: try wait(for: stream.fileDescriptor, writable: true)
            }
        }
    }

    /// Writes every byte, retrying partial writes with the unsent rest.
    static func writeAll(_ stream: any ByteStream, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let result = try bytes.withUnsafeBytes { try stream.write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch result {
            case .bytes(let count): offset += count
            case .closed: throw ByteStreamTestFailure(description: "peer closed while writing")
            case .wantRead, .wantWrite: try wait(for: stream, after: result)
            }
        }
    }

    /// Reads exactly `count` bytes in chunks of at most `chunkSize`.
    static func read(_ stream: any ByteStream, count: Int, chunkSize: Int = 16_384) throws -> [UInt8] {
        var received: [UInt8] = []
        received.reserveCapacity(count)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while received.count < count {
            let wanted = min(chunkSize, count - received.count)
            let result = try chunk.withUnsafeMutableBytes {
                try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]))
            }
            switch result {
            case .bytes(let n): received.append(contentsOf: chunk[..<n])
            case .closed: throw ByteStreamTestFailure(description: "peer closed after \(received.count) bytes")
            case .wantRead, .wantWrite: try wait(for: stream, after: result)
            }
        }
        return received
    }

    /// Reads until the stream reports ``ByteStreamResult/closed`` or throws; returns the bytes seen before.
    static func readToEnd(_ stream: any ByteStream) throws -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let result = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            switch result {
            case .bytes(let n): received.append(contentsOf: chunk[..<n])
            case .closed: return received
            case .wantRead, .wantWrite: try wait(for: stream, after: result)
            }
        }
    }

    /// Waits for and accepts one connection on a non-blocking listener.
    static func acceptOne(_ listener: Int32) throws -> Int32 {
        while true {
            if let fd = try TCPSocket.accept(listener: listener) { return fd }
            try wait(for: listener)
        }
    }
}

/// Runs a blocking body on its own thread (not the Swift concurrency pool) and hands back its result.
final class BackgroundThread<Value: Sendable>: Sendable {
    /// The body's outcome once it finished.
    private let outcome = Locked<Result<Value, any Error>?>(nil)
    /// Signalled once when the body finished.
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread at once.
    init(_ body: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try body() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        thread.start()
    }

    /// Blocks until the body finished (at most 30 s) and returns its value or rethrows its error.
    func value() throws -> Value {
        guard finished.wait(timeout: .now() + 30) == .success else {
            throw ByteStreamTestFailure(description: "background thread did not finish")
        }
        guard let result = outcome.withLock({ $0 }) else {
            throw ByteStreamTestFailure(description: "background thread finished without a result")
        }
        return try result.get()
    }
}

/// Counts this process's open file descriptors (entries of `/proc/self/fd`).
func openFileDescriptorCount() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
}
