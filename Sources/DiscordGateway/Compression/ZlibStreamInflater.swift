internal import CZlib

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One connection's zlib-stream inflate context (zlib format, with header), as described in PROTOCOL §14.1.
///
/// Received binary WebSocket messages are pushed in order. Bytes accumulate until the accumulated data ends with the
/// `Z_SYNC_FLUSH` suffix `00 00 FF FF`; then the whole pending input is inflated and handed over as one payload.
/// The dictionary carries over between payloads, so every payload depends on all earlier ones: recreate the inflater
/// for every new connection.
///
/// Buffers: the output buffer grows by doubling up to `maximumMessageSize` and shrinks back to `retainedCapacity`
/// after each larger payload, so one big `GUILD_CREATE` does not pin its size forever. The input accumulation buffer
/// (only used when a payload is split across messages) behaves the same way. A message that completes a payload on
/// its own is inflated straight from the caller's buffer.
///
/// **Threading:** not `Sendable`; owned by one thread (the connection's I/O thread).
package final class ZlibStreamInflater {
    /// Why a push failed; after any of these the inflater is unusable.
    package enum Error: Swift.Error, Hashable, CustomStringConvertible {
        /// `inflateInit` failed with this zlib return code.
        case initializationFailed(code: Int32, message: String?)
        /// `inflate` reported an error (`Z_DATA_ERROR`, `Z_NEED_DICT`, `Z_MEM_ERROR`, …) with zlib's `msg`.
        case inflateFailed(code: Int32, message: String?)
        /// The peer ended the deflate stream (`Z_STREAM_END`), which never happens in a zlib-stream connection.
        case unexpectedStreamEnd
        /// One payload (inflated, or its compressed input) would exceed the limit in bytes.
        case messageTooLarge(limit: Int)
        /// `malloc`/`realloc` of this many bytes failed.
        case allocationFailed(byteCount: Int)
        /// A previous push threw; the stream state is lost and the connection must be replaced.
        case unusable

        /// A readable summary including the zlib code and message where there is one.
        package var description: String {
            switch self {
            case .initializationFailed(let code, let message):
                return "zlib inflateInit failed (\(code)\(message.map { ": \($0)" } ?? ""))"
            case .inflateFailed(let code, let message):
                return "zlib inflate failed (\(code)\(message.map { ": \($0)" } ?? ""))"
            case .unexpectedStreamEnd:
                return "zlib-stream ended unexpectedly (Z_STREAM_END)"
            case .messageTooLarge(let limit):
                return "zlib-stream payload exceeds \(limit) bytes"
            case .allocationFailed(let byteCount):
                return "could not allocate \(byteCount) bytes for zlib-stream buffers"
            case .unusable:
                return "zlib-stream inflater is unusable after an earlier error"
            }
        }
    }

    /// Upper bound for one inflated payload, in bytes.
    package let maximumMessageSize: Int
    /// Capacity the buffers shrink back to after a larger payload, in bytes.
    package let retainedCapacity: Int
    /// Upper bound for the compressed input of one payload (the inflated cap plus deflate's worst-case expansion).
    private let maximumInputSize: Int

    /// zlib's stream state; zlib keeps its address, so it lives on the heap for the inflater's lifetime.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Reusable output buffer (`malloc`ed).
    private var output: UnsafeMutableRawPointer
    /// Allocated bytes of `output`.
    private var outputCapacity: Int
    /// Input accumulation buffer for payloads split across messages (`malloc`ed lazily).
    private var pending: UnsafeMutableRawPointer?
    /// Allocated bytes of `pending`.
    private var pendingCapacity = 0
    /// Bytes currently held in `pending`.
    private var pendingCount = 0
    /// Set once a push threw one of our errors.
    private var isUnusable = false

    /// Compressed bytes pushed so far.
    package private(set) var totalInputBytes = 0
    /// Inflated bytes delivered so far.
    package private(set) var totalInflatedBytes = 0
    /// Payloads delivered so far.
    package private(set) var deliveredPayloadCount = 0
    /// The largest value ``retainedBufferBytes`` has had.
    package private(set) var peakRetainedBufferBytes = 0

    /// Bytes of heap currently held by the input and output buffers (excluding zlib's own window and state).
    package var retainedBufferBytes: Int { outputCapacity &+ pendingCapacity }

    /// Creates an inflate context for one connection.
    ///
    /// - Parameters:
    ///   - maximumMessageSize: Upper bound for one inflated payload; larger payloads throw
    ///     ``Error/messageTooLarge(limit:)``. Must be positive.
    ///   - retainedCapacity: Output (and input) buffer capacity kept between payloads. Must be positive; clamped to
    ///     `maximumMessageSize`.
    /// - Throws: ``Error/initializationFailed(code:message:)`` if `inflateInit` fails,
    ///   ``Error/allocationFailed(byteCount:)`` if the output buffer cannot be allocated.
    package init(maximumMessageSize: Int = 64 << 20, retainedCapacity: Int = 32 << 10) throws {
        precondition(maximumMessageSize > 0, "maximumMessageSize must be positive")
        precondition(retainedCapacity > 0, "retainedCapacity must be positive")
        self.maximumMessageSize = maximumMessageSize
        self.retainedCapacity = min(retainedCapacity, maximumMessageSize)
        // Deflate adds at most 5 bytes per 16 KB stored block plus header and flush markers.
        let (inputLimit, overflow) = maximumMessageSize.addingReportingOverflow((maximumMessageSize >> 8) + 1024)
        self.maximumInputSize = overflow ? Int.max : inputLimit
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = CZlib_inflateInit(stream)
        guard code == Z_OK else {
            let message = stream.pointee.msg.map { String(cString: $0) }
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw Error.initializationFailed(code: code, message: message)
        }
        guard let output = malloc(self.retainedCapacity) else {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw Error.allocationFailed(byteCount: self.retainedCapacity)
        }
        self.stream = stream
        self.output = output
        self.outputCapacity = self.retainedCapacity
        self.peakRetainedBufferBytes = self.retainedCapacity
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        free(output)
        free(pending)
    }

    /// Feeds one received binary WebSocket message.
    ///
    /// Bytes accumulate until the accumulated data ends with `00 00 FF FF`; then the whole pending input is inflated
    /// with `Z_SYNC_FLUSH` (looping until all input is consumed and the last call did not fill the output buffer) and
    /// `body` gets the complete decompressed payload. Several sync-flushed payloads in one message come out
    /// concatenated in one delivery.
    ///
    /// An error thrown by `body` is rethrown and leaves the inflater usable (the payload was fully consumed).
    ///
    /// - Parameters:
    ///   - message: The message's bytes; only read during the call.
    ///   - body: Receives the payload; the pointer is valid only during the call.
    /// - Returns: `true` if a payload was delivered, `false` if the bytes were only accumulated.
    /// - Throws: ``Error`` on corrupt data or an oversized payload (the inflater is unusable afterwards), or what
    ///   `body` throws.
    @discardableResult
    package func push(
        _ message: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        guard !isUnusable else { throw Error.unusable }
        guard let base = message.baseAddress, message.count > 0 else { return false }
        totalInputBytes &+= message.count
        let outputCount: Int
        do {
            if pendingCount == 0 && Self.endsWithSyncFlush(base, message.count) {
                outputCount = try inflatePayload(base, count: message.count)
            } else {
                try appendPending(base, count: message.count)
                guard let pending, Self.endsWithSyncFlush(pending, pendingCount) else { return false }
                defer {
                    pendingCount = 0
                    shrinkPendingIfNeeded()
                }
                outputCount = try inflatePayload(pending, count: pendingCount)
            }
        } catch {
            isUnusable = true
            throw error
        }
        defer { shrinkOutputIfNeeded() }
        totalInflatedBytes &+= outputCount
        deliveredPayloadCount &+= 1
        try body(UnsafeRawBufferPointer(start: output, count: outputCount))
        return true
    }

    /// Feeds one received binary WebSocket message held in an array; same contract as the pointer variant.
    @discardableResult
    package func push(_ message: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        try message.withUnsafeBytes { try push($0, body) }
    }

    /// Whether the `count` bytes at `base` end with the `Z_SYNC_FLUSH` marker `00 00 FF FF`.
    @inline(__always)
    private static func endsWithSyncFlush(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
        guard count >= 4 else { return false }
        let tail = base + (count - 4)
        return tail.load(fromByteOffset: 0, as: UInt8.self) == 0x00
            && tail.load(fromByteOffset: 1, as: UInt8.self) == 0x00
            && tail.load(fromByteOffset: 2, as: UInt8.self) == 0xFF
            && tail.load(fromByteOffset: 3, as: UInt8.self) == 0xFF
    }

    /// Appends a message to the accumulation buffer, growing it by doubling up to `maximumInputSize`.
    private func appendPending(_ base: UnsafeRawPointer, count: Int) throws {
        let (needed, overflow) = pendingCount.addingReportingOverflow(count)
        guard !overflow, needed <= maximumInputSize else { throw Error.messageTooLarge(limit: maximumMessageSize) }
        if needed > pendingCapacity {
            let doubled = pendingCapacity > maximumInputSize / 2 ? maximumInputSize : pendingCapacity * 2
            let newCapacity = max(needed, doubled, retainedCapacity)
            guard let grown = realloc(pending, newCapacity) else {
                throw Error.allocationFailed(byteCount: newCapacity)
            }
            pending = grown
            pendingCapacity = newCapacity
            notePeak()
        }
        // `pending` is non-nil here: either it already held data or it was just allocated.
        if let pending {
            (pending + pendingCount).copyMemory(from: base, byteCount: count)
        }
        pendingCount = needed
    }

    /// Inflates `count` bytes at `input` into `output` and returns the payload size.
    private func inflatePayload(_ input: UnsafeRawPointer, count: Int) throws -> Int {
        var next = input
        var remaining = count
        var outputCount = 0
        let stream = self.stream
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            stream.pointee.next_out = nil
            stream.pointee.avail_out = 0
        }
        /// Hands zlib the next slice of input (`avail_in` is 32-bit).
        func loadInput() {
            let slice = min(remaining, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: next.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(truncatingIfNeeded: slice)
            next += slice
            remaining -= slice
        }
        loadInput()
        while true {
            if outputCount == outputCapacity {
                if outputCapacity < maximumMessageSize {
                    try growOutput(keeping: outputCount)
                } else if try probeForMoreOutput() {
                    throw Error.messageTooLarge(limit: maximumMessageSize)
                } else if stream.pointee.avail_in == 0 {
                    // The buffer is exactly full and zlib holds nothing more for this input.
                    guard remaining > 0 else { return outputCount }
                    loadInput()
                    continue
                } else {
                    throw Error.inflateFailed(code: Z_BUF_ERROR, message: nil)
                }
            }
            let space = min(outputCapacity - outputCount, Int(UInt32.max))
            let availableInput = stream.pointee.avail_in
            stream.pointee.next_out = (output + outputCount).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(truncatingIfNeeded: space)
            let code = inflate(stream, Z_SYNC_FLUSH)
            let produced = space - Int(stream.pointee.avail_out)
            outputCount += produced
            try check(code)
            guard stream.pointee.avail_out != 0 else { continue }  // output full: zlib may hold more
            if stream.pointee.avail_in == 0 {
                guard remaining > 0 else { return outputCount }
                loadInput()
            } else if produced == 0 && stream.pointee.avail_in == availableInput {
                // No progress with input and output space left; zlib never does this, but never spin.
                throw Error.inflateFailed(code: code, message: nil)
            }
        }
    }

    /// With the output buffer full at the cap, asks zlib for one more byte into a scratch byte.
    ///
    /// - Returns: `true` if the payload has more output than the cap allows.
    private func probeForMoreOutput() throws -> Bool {
        var scratch: UInt8 = 0
        let code = withUnsafeMutablePointer(to: &scratch) { byte in
            stream.pointee.next_out = byte
            stream.pointee.avail_out = 1
            defer { stream.pointee.next_out = nil }
            return inflate(stream, Z_SYNC_FLUSH)
        }
        try check(code)
        return stream.pointee.avail_out == 0
    }

    /// Maps an `inflate` return code to success (`Z_OK`, `Z_BUF_ERROR`) or a thrown ``Error``.
    @inline(__always)
    private func check(_ code: Int32) throws {
        switch code {
        case Z_OK, Z_BUF_ERROR:
            return
        case Z_STREAM_END:
            throw Error.unexpectedStreamEnd
        default:
            throw Error.inflateFailed(code: code, message: stream.pointee.msg.map { String(cString: $0) })
        }
    }

    /// Doubles the output buffer (capped at `maximumMessageSize`), keeping its first `count` bytes.
    private func growOutput(keeping count: Int) throws {
        let newCapacity =
            outputCapacity > maximumMessageSize / 2 ? maximumMessageSize : outputCapacity * 2
        guard let grown = realloc(output, newCapacity) else { throw Error.allocationFailed(byteCount: newCapacity) }
        output = grown
        outputCapacity = newCapacity
        notePeak()
    }

    /// Returns the output buffer to `retainedCapacity` after a larger payload.
    private func shrinkOutputIfNeeded() {
        guard outputCapacity > retainedCapacity else { return }
        // Shrinking never fails in practice; if it does, keep the larger buffer.
        guard let shrunk = realloc(output, retainedCapacity) else { return }
        output = shrunk
        outputCapacity = retainedCapacity
    }

    /// Returns the accumulation buffer to `retainedCapacity` after a larger payload.
    private func shrinkPendingIfNeeded() {
        guard pendingCapacity > retainedCapacity else { return }
        guard let shrunk = realloc(pending, retainedCapacity) else { return }
        pending = shrunk
        pendingCapacity = retainedCapacity
    }

    /// Updates ``peakRetainedBufferBytes``.
    @inline(__always)
    private func notePeak() {
        peakRetainedBufferBytes = max(peakRetainedBufferBytes, retainedBufferBytes)
    }
}

/// Not `Sendable`: the z_stream and buffers belong to one thread.
@available(*, unavailable)
extension ZlibStreamInflater: Sendable {}
