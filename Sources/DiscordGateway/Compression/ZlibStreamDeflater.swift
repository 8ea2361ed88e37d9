internal import CZlib

/// zlib-stream compressor: the server side of PROTOCOL §14.1, for the fake gateway and the benchmark.
///
/// Every payload is compressed with `Z_SYNC_FLUSH`, so each result ends with `00 00 FF FF` and shares the deflate
/// dictionary with the payloads before it. The first result starts with the zlib header. Use one deflater per
/// connection.
///
/// **Threading:** not `Sendable`; owned by one thread at a time.
package final class ZlibStreamDeflater {
    /// Why a deflater could not be created.
    package enum Error: Swift.Error, Hashable, CustomStringConvertible {
        /// `deflateInit` failed with this zlib return code (for example `Z_STREAM_ERROR` for a bad level).
        case initializationFailed(code: Int32, message: String?)

        /// A readable summary including the zlib code.
        package var description: String {
            switch self {
            case .initializationFailed(let code, let message):
                return "zlib deflateInit failed (\(code)\(message.map { ": \($0)" } ?? ""))"
            }
        }
    }

    /// zlib's stream state; zlib keeps its address, so it lives on the heap for the deflater's lifetime.
    private let stream: UnsafeMutablePointer<z_stream>

    /// Uncompressed bytes compressed so far.
    package private(set) var totalInputBytes = 0
    /// Compressed bytes produced so far.
    package private(set) var totalOutputBytes = 0

    /// Creates a compression context.
    ///
    /// - Parameter level: zlib compression level, 0 (store) to 9, or -1 for zlib's default.
    /// - Throws: ``Error/initializationFailed(code:message:)`` if `deflateInit` rejects the level or runs out of memory.
    package init(level: Int32 = 6) throws {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = CZlib_deflateInit(stream, level)
        guard code == Z_OK else {
            let message = stream.pointee.msg.map { String(cString: $0) }
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw Error.initializationFailed(code: code, message: message)
        }
        self.stream = stream
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses one payload with `Z_SYNC_FLUSH`; the result ends with `00 00 FF FF`.
    ///
    /// - Parameter payload: The bytes to compress; only read during the call.
    /// - Returns: The compressed message, which depends on every earlier result of this deflater. An empty payload
    ///   still yields a message ending with `00 00 FF FF`.
    package func compress(_ payload: UnsafeRawBufferPointer) -> [UInt8] {
        let stream = self.stream
        var next = payload.baseAddress
        var remaining = payload.count
        /// Hands zlib the next slice of input (`avail_in` is 32-bit).
        func loadInput() {
            let slice = min(remaining, Int(UInt32.max))
            stream.pointee.next_in = next.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
            stream.pointee.avail_in = UInt32(truncatingIfNeeded: slice)
            next = next.map { $0 + slice }
            remaining -= slice
        }
        loadInput()
        // deflateBound covers a whole-stream compression; the sync flush adds at most a few bytes more.
        let bound = Int(deflateBound(stream, uLong(min(payload.count, Int(UInt32.max))))) + 16
        var result = [UInt8](repeating: 0, count: bound)
        var produced = 0
        while true {
            if produced == result.count {
                result.append(contentsOf: repeatElement(0, count: max(result.count, 64)))
            }
            let flush = remaining > 0 ? Z_NO_FLUSH : Z_SYNC_FLUSH
            let space = min(result.count - produced, Int(UInt32.max))
            let code = result.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress.map { $0 + produced }
                stream.pointee.avail_out = UInt32(truncatingIfNeeded: space)
                return deflate(stream, flush)
            }
            produced += space - Int(stream.pointee.avail_out)
            precondition(code == Z_OK || code == Z_BUF_ERROR, "deflate failed with \(code)")
            if stream.pointee.avail_out == 0 { continue }  // output full: zlib may hold more
            if stream.pointee.avail_in == 0 {
                if remaining > 0 {
                    loadInput()
                } else {
                    break
                }
            }
        }
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        stream.pointee.avail_out = 0
        result.removeSubrange(produced...)
        if produced == 0 {
            // zlib skips a second sync flush with no new input; emit the empty stored block it would have written.
            result = [0x00, 0x00, 0x00, 0xFF, 0xFF]
            produced = result.count
        }
        totalInputBytes &+= payload.count
        totalOutputBytes &+= produced
        return result
    }

    /// Compresses one payload held in an array; same contract as the pointer variant.
    package func compress(_ payload: [UInt8]) -> [UInt8] {
        payload.withUnsafeBytes { compress($0) }
    }

    /// Compresses a text payload as UTF-8.
    package func compress(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { compress(UnsafeRawBufferPointer($0)) }
    }
}

/// Not `Sendable`: the z_stream belongs to one thread at a time.
@available(*, unavailable)
extension ZlibStreamDeflater: Sendable {}
