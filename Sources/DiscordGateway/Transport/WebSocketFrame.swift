/// Which end of a WebSocket connection this codec speaks for (RFC 6455 §5.1).
///
/// A client masks every frame it sends and expects unmasked frames; a server does the opposite.
///
/// **Threading:** a plain value; safe to share.
package enum WebSocketRole: Sendable {
    /// The connecting side: sends masked frames, receives unmasked ones.
    case client
    /// The accepting side: sends unmasked frames, receives masked ones.
    case server
}

/// A WebSocket frame opcode (RFC 6455 §5.2); values 3–7 and 11–15 are reserved and rejected.
///
/// **Threading:** a plain value; safe to share.
package enum WebSocketOpcode: UInt8, Sendable {
    /// Continues a fragmented text or binary message.
    case continuation = 0
    /// Starts a UTF-8 text message.
    case text = 1
    /// Starts a binary message.
    case binary = 2
    /// Closes the connection (control frame).
    case close = 8
    /// Asks the peer for a pong (control frame).
    case ping = 9
    /// Answers a ping, or serves as a unidirectional heartbeat (control frame).
    case pong = 10

    /// Whether this is a control opcode (close, ping, pong), which may not be fragmented.
    package var isControl: Bool { rawValue & 0x08 != 0 }
}

/// WebSocket close codes (RFC 6455 §7.4) and the rules for which may appear in a close frame.
///
/// **Threading:** constants only.
package enum WebSocketCloseCode {
    /// 1000: the purpose of the connection was fulfilled.
    package static let normalClosure: UInt16 = 1000
    /// 1001: the endpoint is going away (server shutdown, page navigation).
    package static let goingAway: UInt16 = 1001
    /// 1002: the peer violated the WebSocket protocol.
    package static let protocolError: UInt16 = 1002
    /// 1003: the endpoint cannot accept this kind of data.
    package static let unsupportedData: UInt16 = 1003
    /// 1005: no status code was present (reported locally, never sent).
    package static let noStatusReceived: UInt16 = 1005
    /// 1006: the connection dropped without a close frame (reported locally, never sent).
    package static let abnormalClosure: UInt16 = 1006
    /// 1007: a text message was not valid UTF-8.
    package static let invalidPayloadData: UInt16 = 1007
    /// 1008: a message violated the endpoint's policy.
    package static let policyViolation: UInt16 = 1008
    /// 1009: a message was too big to process.
    package static let messageTooBig: UInt16 = 1009
    /// 1010: the client expected an extension the server did not negotiate.
    package static let mandatoryExtension: UInt16 = 1010
    /// 1011: the server hit an unexpected condition.
    package static let internalError: UInt16 = 1011

    /// Whether `code` may legitimately appear in a received close frame.
    ///
    /// Valid: 1000–1003, 1007–1014 (1012–1014 are IANA-registered), 3000–4999. Everything else —
    /// below 1000, 1004–1006, 1015 and up to 2999, 5000 and above — is a protocol error.
    package static func isValidOnWire(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}

/// XOR masking of WebSocket payloads (RFC 6455 §5.3), eight bytes at a time.
///
/// **Threading:** stateless.
enum WebSocketMask {
    /// XORs `bytes` in place with `key`, where byte 0 of `bytes` sits at position `phase` of the key cycle.
    ///
    /// - Parameters:
    ///   - bytes: The payload slice to mask or unmask.
    ///   - key: The four key bytes in wire order, as loaded from memory (`loadUnaligned(as: UInt32.self)`).
    ///   - phase: How many payload bytes of this frame precede `bytes` (only its value modulo 4 matters).
    static func apply(to bytes: UnsafeMutableRawBufferPointer, key: UInt32, phase: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        // An 8-byte pattern whose memory byte i is key byte (phase + i) % 4; endianness-neutral.
        var pattern: UInt64 = 0
        withUnsafeBytes(of: key) { keyBytes in
            withUnsafeMutableBytes(of: &pattern) { out in
                for i in 0..<8 { out[i] = keyBytes[(phase &+ i) & 3] }
            }
        }
        var i = 0
        while i &+ 8 <= count {
            let v = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            base.storeBytes(of: v ^ pattern, toByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        if i < count {
            withUnsafeBytes(of: pattern) { patternBytes in
                var j = 0
                while i < count {
                    base.storeBytes(
                        of: base.load(fromByteOffset: i, as: UInt8.self) ^ patternBytes[j],
                        toByteOffset: i,
                        as: UInt8.self
                    )
                    i &+= 1
                    j &+= 1
                }
            }
        }
    }
}
