/// Incremental WebSocket frame parser and message reassembler for one connection (RFC 6455 §5–§7).
///
/// Feed it received bytes in any split with ``parse(_:_:)``; it calls back once per complete message or control
/// frame, in order. An unmasked, unfragmented frame that lies wholly inside the input is handed over straight
/// from the input bytes; partial and fragmented frames are buffered internally, without size caps other than
/// `maximumMessageSize`. Every violation throws a ``WebSocketError`` carrying the close code to send
/// (1002, 1007 or 1009); after such a throw the parser keeps failing with the same error.
///
/// No extensions are negotiated, so reserved bits are always a protocol error.
///
/// **Threading:** a value type owned by one thread (the connection's I/O thread); no locks inside.
package struct WebSocketParser: Sendable {
    /// A complete message or control frame.
    ///
    /// Buffer pointers are valid only during the callback that receives the event.
    package enum Event {
        /// A complete text message; its bytes are already validated as UTF-8.
        case text(UnsafeRawBufferPointer)
        /// A complete binary message.
        case binary(UnsafeRawBufferPointer)
        /// A ping frame with its (at most 125-byte) payload.
        case ping(UnsafeRawBufferPointer)
        /// A pong frame with its (at most 125-byte) payload.
        case pong(UnsafeRawBufferPointer)
        /// A close frame: `code` is `nil` for an empty payload; code and UTF-8 reason are validated.
        case close(code: UInt16?, reason: String)
    }

    /// A decoded frame header.
    private struct FrameHeader {
        /// Whether this frame ends its message.
        var fin: Bool
        /// The frame's opcode.
        var opcode: WebSocketOpcode
        /// The masking key as it lies in memory, or `nil` for an unmasked frame.
        var maskKey: UInt32?
        /// The payload length in bytes.
        var payloadLength: Int
    }

    /// Wraps an error thrown by the caller's callback so it is not mistaken for a parse failure.
    private struct CallbackError: Error {
        /// The callback's error.
        var underlying: any Error
    }

    /// Capacity each internal buffer may keep after ``shrinkBuffers()``.
    private static let retainedCapacity = 16 * 1024
    /// Largest capacity reserved up front from a frame header's claimed length; growth beyond it is amortised.
    private static let maximumUpfrontReservation = 16 * 1024 * 1024

    /// Which side this parser decodes for (`.client` receives frames from a server).
    private let role: WebSocketRole
    /// The largest message (all fragments together) or frame accepted.
    private let maximumMessageSize: Int
    /// Bytes of a frame header split across inputs (at most 14).
    private var headerBuffer: [UInt8] = []
    /// The header of the frame whose payload is being read, or `nil` between frames.
    private var frame: FrameHeader?
    /// Payload bytes of `frame` still to come.
    private var payloadRemaining = 0
    /// Payload bytes of `frame` already read (the masking phase).
    private var payloadReceived = 0
    /// The opcode (`.text` or `.binary`) of the message being assembled, or `nil` when none is open.
    private var messageOpcode: WebSocketOpcode?
    /// The buffered bytes of the message being assembled.
    private var message: [UInt8] = []
    /// The buffered payload of a control frame split across inputs.
    private var control: [UInt8] = []
    /// Validates the open text message as its bytes arrive.
    private var utf8 = UTF8Validator()
    /// The error that ended this parser, rethrown by every later call.
    private var failure: WebSocketError?

    /// Makes a parser for one connection.
    ///
    /// - Parameters:
    ///   - role: The local role: `.client` expects unmasked frames (from a server), `.server` masked ones.
    ///   - maximumMessageSize: The largest reassembled message accepted; larger ones fail with close code 1009.
    package init(role: WebSocketRole, maximumMessageSize: Int) {
        self.role = role
        self.maximumMessageSize = max(0, maximumMessageSize)
    }

    /// Bytes held for partial frames and messages.
    package var bufferedByteCount: Int { headerBuffer.count &+ message.count &+ control.count }

    /// Releases buffer capacity above a small retained size; call after big messages.
    package mutating func shrinkBuffers() {
        Self.shrink(&message)
        Self.shrink(&control)
    }

    /// Feeds received bytes and reports each complete event in order.
    ///
    /// - Parameters:
    ///   - bytes: The next received bytes, in any split.
    ///   - body: Called for each event; pointers inside events are valid only during the call.
    /// - Throws: ``WebSocketError`` (with ``WebSocketError/closeCode``) on any protocol violation, after which
    ///   the parser must not be used again; errors thrown by `body` propagate unchanged.
    package mutating func parse(_ bytes: UnsafeRawBufferPointer, _ body: (Event) throws -> Void) throws {
        if let failure { throw failure }
        do {
            try parseFrames(bytes) { event in
                do { try body(event) } catch { throw CallbackError(underlying: error) }
            }
        } catch let error as CallbackError {
            throw error.underlying
        } catch let error as WebSocketError {
            failure = error
            throw error
        }
    }

    /// The parsing loop behind ``parse(_:_:)``.
    private mutating func parseFrames(_ bytes: UnsafeRawBufferPointer, _ body: (Event) throws -> Void) throws {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var offset = 0
        while offset < count {
            if frame != nil {
                let take = min(payloadRemaining, count &- offset)
                try appendPayload(UnsafeRawBufferPointer(start: base + offset, count: take))
                offset &+= take
                payloadRemaining &-= take
                if payloadRemaining == 0 { try finishFrame(body) }
                continue
            }

            if headerBuffer.isEmpty {
                guard
                    let (header, size) = try Self.decodeHeader(base + offset, available: count &- offset, parser: self)
                else {
                    headerBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                    return
                }
                offset &+= size
                try checkSequence(header)
                let available = count &- offset
                if header.maskKey == nil, header.payloadLength <= available,
                    header.opcode.isControl || (header.fin && header.opcode != .continuation)
                {
                    // Zero-copy fast path: the whole unmasked payload is in the input.
                    let payload = UnsafeRawBufferPointer(start: base + offset, count: header.payloadLength)
                    offset &+= header.payloadLength
                    try deliverUnfragmented(header.opcode, payload, body)
                    continue
                }
                try startFrame(header, body)
                continue
            }

            // Complete a header split across inputs.
            let wanted = headerBuffer.count < 2 ? 2 : Self.headerSize(secondByte: headerBuffer[1])
            let take = min(wanted &- headerBuffer.count, count &- offset)
            headerBuffer.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: take))
            offset &+= take
            let decoded = try headerBuffer.withUnsafeBytes { buffered -> (FrameHeader, Int)? in
                guard let bufferedBase = buffered.baseAddress else { return nil }
                return try Self.decodeHeader(bufferedBase, available: buffered.count, parser: self)
            }
            guard let (header, _) = decoded else { continue }
            headerBuffer.removeAll(keepingCapacity: true)
            try checkSequence(header)
            try startFrame(header, body)
        }
    }

    /// The full header size implied by the second header byte (mask bit and 7-bit length).
    private static func headerSize(secondByte: UInt8) -> Int {
        let lengthSize: Int
        switch secondByte & 0x7F {
        case 126: lengthSize = 2
        case 127: lengthSize = 8
        default: lengthSize = 0
        }
        return 2 &+ lengthSize &+ (secondByte & 0x80 != 0 ? 4 : 0)
    }

    /// Decodes and checks a header at `pointer`, or returns `nil` if more than `available` bytes are needed.
    ///
    /// Checks that need only the first bytes run as soon as those bytes are present.
    private static func decodeHeader(
        _ pointer: UnsafeRawPointer,
        available: Int,
        parser: borrowing WebSocketParser
    ) throws -> (FrameHeader, Int)? {
        guard available >= 1 else { return nil }
        let first = pointer.load(as: UInt8.self)
        if first & 0x70 != 0 {
            throw WebSocketError.protocolViolation("reserved bits set (0x\(String(first & 0x70, radix: 16)))")
        }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else {
            throw WebSocketError.protocolViolation("reserved opcode \(first & 0x0F)")
        }
        let fin = first & 0x80 != 0
        if opcode.isControl && !fin {
            throw WebSocketError.protocolViolation("fragmented control frame")
        }
        guard available >= 2 else { return nil }
        let second = pointer.load(fromByteOffset: 1, as: UInt8.self)
        let isMasked = second & 0x80 != 0
        switch (parser.role, isMasked) {
        case (.client, true): throw WebSocketError.protocolViolation("masked frame from server")
        case (.server, false): throw WebSocketError.protocolViolation("unmasked frame from client")
        default: break
        }
        let shortLength = second & 0x7F
        if opcode.isControl && shortLength > 125 {
            throw WebSocketError.protocolViolation("control frame payload longer than 125 bytes")
        }
        let size = headerSize(secondByte: second)
        guard available >= size else { return nil }

        var wideLength: UInt64
        switch shortLength {
        case 126:
            wideLength = 0
            for i in 2..<4 { wideLength = wideLength << 8 | UInt64(pointer.load(fromByteOffset: i, as: UInt8.self)) }
        case 127:
            wideLength = 0
            for i in 2..<10 { wideLength = wideLength << 8 | UInt64(pointer.load(fromByteOffset: i, as: UInt8.self)) }
        default:
            wideLength = UInt64(shortLength)
        }
        guard let length = Int(exactly: wideLength), length <= parser.maximumMessageSize else {
            throw WebSocketError.messageTooLarge(
                "frame of \(wideLength) bytes exceeds the \(parser.maximumMessageSize)-byte limit"
            )
        }
        let maskKey = isMasked ? pointer.loadUnaligned(fromByteOffset: size &- 4, as: UInt32.self) : nil
        return (FrameHeader(fin: fin, opcode: opcode, maskKey: maskKey, payloadLength: length), size)
    }

    /// Checks that `header` may follow what came before (fragmentation rules and the message size limit).
    private func checkSequence(_ header: FrameHeader) throws {
        switch header.opcode {
        case .continuation:
            guard messageOpcode != nil else {
                throw WebSocketError.protocolViolation("continuation frame without a message in progress")
            }
            if header.payloadLength > maximumMessageSize &- message.count {
                throw WebSocketError.messageTooLarge(
                    "message of more than \(message.count &+ header.payloadLength) bytes exceeds the "
                        + "\(maximumMessageSize)-byte limit"
                )
            }
        case .text, .binary:
            if messageOpcode != nil {
                throw WebSocketError.protocolViolation("new data frame while a fragmented message is in progress")
            }
        case .close, .ping, .pong:
            break
        }
    }

    /// Begins buffering the payload of `header`; finishes it at once when it is empty.
    private mutating func startFrame(_ header: FrameHeader, _ body: (Event) throws -> Void) throws {
        frame = header
        payloadRemaining = header.payloadLength
        payloadReceived = 0
        if header.opcode.isControl {
            control.removeAll(keepingCapacity: true)
        } else {
            if header.opcode != .continuation {
                messageOpcode = header.opcode
                utf8.reset()
            }
            let total = message.count &+ header.payloadLength
            if total > message.capacity {
                let doubled = message.capacity > Int.max / 2 ? Int.max : message.capacity &* 2
                message.reserveCapacity(min(max(total, doubled), max(Self.maximumUpfrontReservation, message.count)))
            }
        }
        if payloadRemaining == 0 { try finishFrame(body) }
    }

    /// Appends a chunk of the current frame's payload to its buffer, unmasking it and validating text.
    private mutating func appendPayload(_ chunk: UnsafeRawBufferPointer) throws {
        guard let header = frame, !chunk.isEmpty else { return }
        let phase = payloadReceived
        payloadReceived &+= chunk.count
        if header.opcode.isControl {
            Self.append(chunk, to: &control, maskKey: header.maskKey, phase: phase)
            return
        }
        let start = message.count
        Self.append(chunk, to: &message, maskKey: header.maskKey, phase: phase)
        if messageOpcode == .text {
            let isValid = message.withUnsafeBytes { utf8.validate(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            if !isValid { throw WebSocketError.invalidUTF8("invalid UTF-8 in text message") }
        }
    }

    /// Appends `chunk` to `buffer` and unmasks the appended bytes when `maskKey` is set.
    private static func append(_ chunk: UnsafeRawBufferPointer, to buffer: inout [UInt8], maskKey: UInt32?, phase: Int)
    {
        let start = buffer.count
        buffer.append(contentsOf: chunk)
        if let maskKey {
            buffer.withUnsafeMutableBytes { all in
                WebSocketMask.apply(
                    to: UnsafeMutableRawBufferPointer(rebasing: all[start...]), key: maskKey, phase: phase)
            }
        }
    }

    /// Handles the end of the current frame's payload: delivers control frames and completed messages.
    private mutating func finishFrame(_ body: (Event) throws -> Void) throws {
        guard let header = frame else { return }
        frame = nil
        if header.opcode.isControl {
            defer { control.removeAll(keepingCapacity: true) }
            try control.withUnsafeBytes { try Self.deliverControl(header.opcode, $0, body) }
            return
        }
        guard header.fin, let opcode = messageOpcode else { return }
        messageOpcode = nil
        defer { message.removeAll(keepingCapacity: true) }
        if opcode == .text {
            guard utf8.isAtCharacterBoundary else {
                throw WebSocketError.invalidUTF8("text message ends inside a UTF-8 sequence")
            }
            try message.withUnsafeBytes { try body(.text($0)) }
        } else {
            try message.withUnsafeBytes { try body(.binary($0)) }
        }
    }

    /// Delivers a complete, unmasked, unfragmented frame straight from the input bytes.
    private func deliverUnfragmented(
        _ opcode: WebSocketOpcode,
        _ payload: UnsafeRawBufferPointer,
        _ body: (Event) throws -> Void
    ) throws {
        switch opcode {
        case .text:
            guard UTF8Validator.isValid(payload) else {
                throw WebSocketError.invalidUTF8("invalid UTF-8 in text message")
            }
            try body(.text(payload))
        case .binary:
            try body(.binary(payload))
        case .close, .ping, .pong:
            try Self.deliverControl(opcode, payload, body)
        case .continuation:
            break  // unreachable: continuations never take the fast path
        }
    }

    /// Validates and delivers a control frame's payload.
    private static func deliverControl(
        _ opcode: WebSocketOpcode,
        _ payload: UnsafeRawBufferPointer,
        _ body: (Event) throws -> Void
    ) throws {
        switch opcode {
        case .ping:
            try body(.ping(payload))
        case .pong:
            try body(.pong(payload))
        case .close:
            try body(try decodeClose(payload))
        case .continuation, .text, .binary:
            break  // unreachable: only control opcodes arrive here
        }
    }

    /// Decodes and validates a close frame payload (§5.5.1, §7.4).
    private static func decodeClose(_ payload: UnsafeRawBufferPointer) throws -> Event {
        switch payload.count {
        case 0:
            return .close(code: nil, reason: "")
        case 1:
            throw WebSocketError.protocolViolation("close frame with a 1-byte payload")
        default:
            let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
            guard WebSocketCloseCode.isValidOnWire(code) else {
                throw WebSocketError.protocolViolation("invalid close code \(code)")
            }
            let reasonBytes = UnsafeRawBufferPointer(rebasing: payload[2...])
            guard UTF8Validator.isValid(reasonBytes) else {
                throw WebSocketError.invalidUTF8("close reason is not valid UTF-8")
            }
            return .close(code: code, reason: String(decoding: reasonBytes, as: UTF8.self))
        }
    }

    /// Drops capacity of `buffer` above ``retainedCapacity`` (or above its content, if larger).
    private static func shrink(_ buffer: inout [UInt8]) {
        let target = max(buffer.count, retainedCapacity)
        guard buffer.capacity > target else { return }
        var smaller: [UInt8] = []
        smaller.reserveCapacity(target)
        smaller.append(contentsOf: buffer)
        buffer = smaller
    }
}
