internal import CZlib

/// The benchmarks' floor: one bare zlib stream, inflating each message into a fixed 64 KiB buffer.
///
/// **Threading:** owned by one thread.
public final class PlainInflater {
    /// The zlib stream.
    private let stream: UnsafeMutablePointer<z_stream>
    /// The output buffer.
    private let output: UnsafeMutablePointer<UInt8>
    /// The output buffer's size; messages must inflate to less.
    public let capacity = 64 << 10

    /// Makes an inflater (zlib format, with header).
    public init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        _ = CZlib_inflateInit(stream)
        output = .allocate(capacity: capacity)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// Inflates one message (sync-flushed) and calls `body` with the whole output, valid during the call.
    public func inflate<Result>(_ message: [UInt8], _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var length = 0
        message.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = UInt32(input.count)
            repeat {
                stream.pointee.next_out = output.advanced(by: length)
                stream.pointee.avail_out = UInt32(capacity - length)
                _ = CZlib.inflate(stream, Z_SYNC_FLUSH)
                length = capacity - Int(stream.pointee.avail_out)
            } while stream.pointee.avail_in > 0 && stream.pointee.avail_out > 0
        }
        return body(UnsafeRawBufferPointer(start: output, count: length))
    }
}
