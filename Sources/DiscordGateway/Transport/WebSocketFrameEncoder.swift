/// Encodes WebSocket frames (RFC 6455 §5.2) into a caller-owned byte buffer.
///
/// Client-role frames are masked with a fresh random key per frame (§5.3); server-role frames are not masked.
/// Lengths use the minimal 7-, 16- or 64-bit encoding.
///
/// **Threading:** stateless; callable from any thread.
package enum WebSocketFrameEncoder {
    /// The largest payload a control frame may carry (§5.5).
    package static let maximumControlPayloadSize = 125

    /// Appends one frame to `buffer`.
    ///
    /// - Parameters:
    ///   - opcode: The frame's opcode.
    ///   - fin: Whether this is the final frame of its message (always `true` for control frames).
    ///   - payload: The unmasked payload bytes.
    ///   - role: `.client` masks the payload with a fresh random key; `.server` sends it as is.
    ///   - buffer: Receives the encoded frame at its end.
    package static func appendFrame(
        opcode: WebSocketOpcode,
        fin: Bool,
        payload: UnsafeRawBufferPointer,
        role: WebSocketRole,
        to buffer: inout [UInt8]
    ) {
        let length = payload.count
        let isMasked = role == .client
        let lengthFieldSize = length < 126 ? 0 : (length <= 0xFFFF ? 2 : 8)
        let needed = buffer.count &+ 2 &+ lengthFieldSize &+ (isMasked ? 4 : 0) &+ length
        if buffer.capacity < needed {
            // Grow geometrically: reserving exactly `needed` on every append would copy the buffer each time.
            buffer.reserveCapacity(max(needed, buffer.capacity &* 2))
        }

        buffer.append((fin ? 0x80 : 0x00) | opcode.rawValue)
        let maskBit: UInt8 = isMasked ? 0x80 : 0x00
        switch lengthFieldSize {
        case 0:
            buffer.append(maskBit | UInt8(truncatingIfNeeded: length))
        case 2:
            buffer.append(maskBit | 126)
            buffer.append(UInt8(truncatingIfNeeded: length >> 8))
            buffer.append(UInt8(truncatingIfNeeded: length))
        default:
            buffer.append(maskBit | 127)
            let wide = UInt64(truncatingIfNeeded: length)
            for shift in stride(from: 56, through: 0, by: -8) {
                buffer.append(UInt8(truncatingIfNeeded: wide >> UInt64(shift)))
            }
        }

        var key: UInt32 = 0
        if isMasked {
            var generator = SystemRandomNumberGenerator()
            key = generator.next()
            withUnsafeBytes(of: key) { buffer.append(contentsOf: $0) }
        }
        let payloadStart = buffer.count
        if length > 0 {
            buffer.append(contentsOf: payload)
        }
        if isMasked && length > 0 {
            buffer.withUnsafeMutableBytes { all in
                WebSocketMask.apply(
                    to: UnsafeMutableRawBufferPointer(rebasing: all[payloadStart...]),
                    key: key,
                    phase: 0
                )
            }
        }
    }

    /// Appends one frame whose payload is held in an array.
    ///
    /// - Parameters:
    ///   - opcode: The frame's opcode.
    ///   - fin: Whether this is the final frame of its message.
    ///   - payload: The unmasked payload bytes.
    ///   - role: `.client` masks the payload; `.server` does not.
    ///   - buffer: Receives the encoded frame at its end.
    package static func appendFrame(
        opcode: WebSocketOpcode,
        fin: Bool,
        payload: [UInt8],
        role: WebSocketRole,
        to buffer: inout [UInt8]
    ) {
        payload.withUnsafeBytes { appendFrame(opcode: opcode, fin: fin, payload: $0, role: role, to: &buffer) }
    }

    /// Appends a close frame (§5.5.1).
    ///
    /// - Parameters:
    ///   - code: The close code, or `nil` for an empty close frame (then `reason` is ignored).
    ///   - reason: A UTF-8 reason, truncated at a character boundary so the payload fits 125 bytes.
    ///   - role: `.client` masks the payload; `.server` does not.
    ///   - buffer: Receives the encoded frame at its end.
    package static func appendCloseFrame(code: UInt16?, reason: String, role: WebSocketRole, to buffer: inout [UInt8]) {
        guard let code else {
            appendFrame(opcode: .close, fin: true, payload: [], role: role, to: &buffer)
            return
        }
        let utf8 = Array(reason.utf8)
        var reasonLength = min(utf8.count, maximumControlPayloadSize - 2)
        if reasonLength < utf8.count {
            // Back off to the start of the scalar that would be cut (continuation bytes are 10xxxxxx).
            while reasonLength > 0 && utf8[reasonLength] & 0xC0 == 0x80 { reasonLength -= 1 }
        }
        var payload: [UInt8] = [UInt8(truncatingIfNeeded: code >> 8), UInt8(truncatingIfNeeded: code)]
        payload.append(contentsOf: utf8[..<reasonLength])
        appendFrame(opcode: .close, fin: true, payload: payload, role: role, to: &buffer)
    }
}
