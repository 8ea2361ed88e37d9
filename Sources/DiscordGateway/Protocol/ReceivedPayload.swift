/// One received payload, classified for ``GatewaySession`` (Discord docs: "Receive Events").
///
/// The shard makes it with ``decode(_:filter:)``: the envelope comes from ``PayloadPeek``; only Hello, READY
/// and Invalid Session have their `d` decoded (off the hot path). Dispatches the event filter rejects carry no
/// bytes (`rawPayload == nil`) but still advance the sequence.
///
/// **Threading:** an immutable value; `Sendable`.
public enum ReceivedPayload: Hashable, Sendable {
    /// op 10 Hello.
    case hello(heartbeatInterval: Duration)
    /// op 0, any dispatch except READY and RESUMED; `rawPayload` is `nil` when filtered out.
    case dispatch(name: String?, sequence: Int?, rawPayload: [UInt8]?)
    /// op 0 READY with its decoded data.
    case ready(ReadyEvent, sequence: Int?, rawPayload: [UInt8]?)
    /// op 0 RESUMED: the replay after Resume is complete.
    case resumed(sequence: Int?, rawPayload: [UInt8]?)
    /// op 1 from the server: send a heartbeat now.
    case heartbeatRequest
    /// op 11 Heartbeat ACK.
    case heartbeatAck
    /// op 7 Reconnect.
    case reconnect
    /// op 9 Invalid Session; `resumable` is its `d`.
    case invalidSession(resumable: Bool)
    /// Any other opcode; ignored.
    case unknown(GatewayOpcode)

    /// Why a received payload could not be classified; the shard closes with 4000 and resumes.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    package enum DecodeError: Error, Hashable, Sendable {
        /// The envelope (`op`, `s`, `t`) is malformed.
        case envelope(PayloadPeek.Error)
        /// The `d` of Hello, READY or Invalid Session does not match its documented shape.
        case data(opcode: GatewayOpcode, eventName: String?)
    }

    /// Classifies one whole received message.
    ///
    /// - Parameters:
    ///   - bytes: the UTF-8 JSON of one message; copied only for delivered dispatches.
    ///   - filter: which dispatches to keep bytes for.
    /// - Throws: ``DecodeError``.
    package static func decode(
        _ bytes: UnsafeRawBufferPointer, filter: GatewayEventFilter
    ) throws(DecodeError) -> ReceivedPayload {
        let peek: PayloadPeek
        do {
            peek = try PayloadPeek(parsing: bytes)
        } catch {
            throw .envelope(error)
        }
        switch peek.opcode {
        case .dispatch:
            let kept: [UInt8]? =
                if let name = peek.eventName { filter.allows(name) ? Array(bytes) : nil } else {
                    filter.allowsAll ? Array(bytes) : nil
                }
            switch peek.eventName {
            case "READY":
                let ready = try decodeData(ReadyEvent.self, from: bytes, peek: peek)
                return .ready(ready, sequence: peek.sequence, rawPayload: kept)
            case "RESUMED":
                return .resumed(sequence: peek.sequence, rawPayload: kept)
            default:
                return .dispatch(name: peek.eventName, sequence: peek.sequence, rawPayload: kept)
            }
        case .hello:
            let hello = try decodeData(HelloEvent.self, from: bytes, peek: peek)
            return .hello(heartbeatInterval: hello.heartbeatInterval)
        case .heartbeat:
            return .heartbeatRequest
        case .heartbeatAck:
            return .heartbeatAck
        case .reconnect:
            return .reconnect
        case .invalidSession:
            let resumable = try decodeData(Bool?.self, from: bytes, peek: peek, missingIsNil: true)
            return .invalidSession(resumable: resumable ?? false)
        default:
            return .unknown(peek.opcode)
        }
    }

    /// Classifies one whole received message held in an array.
    package static func decode(_ bytes: [UInt8], filter: GatewayEventFilter) throws(DecodeError) -> ReceivedPayload {
        let result: Result<ReceivedPayload, DecodeError> = bytes.withUnsafeBytes { buffer in
            do throws(DecodeError) {
                return .success(try decode(buffer, filter: filter))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Decodes `d` with the models' JSON decoder, straight from the received bytes (Hello, READY and Invalid
    /// Session only).
    private static func decodeData<T: Decodable>(
        _ type: T.Type, from bytes: UnsafeRawBufferPointer, peek: PayloadPeek, missingIsNil: Bool = false
    ) throws(DecodeError) -> T {
        do {
            if missingIsNil {
                return try GatewayJSONDecoder().decode(OptionalDataEnvelope<T>.self, from: bytes).data
            }
            return try GatewayJSONDecoder().decode(DataMember<T>.self, from: bytes).data
        } catch {
            throw .data(opcode: peek.opcode, eventName: peek.eventName)
        }
    }
}

/// The `d` member of a payload decoded as an optional `T`; a missing `d` decodes as `nil`.
///
/// **Threading:** an immutable value.
private struct OptionalDataEnvelope<T: Decodable>: Decodable {
    /// The decoded `d`.
    let data: T

    /// The one key read.
    private enum CodingKeys: String, CodingKey {
        /// Wire name d.
        case data = "d"
    }

    /// Decodes `d`, or `T`'s decoding of `null` when it is missing (only for optional `T`).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.data) {
            data = try container.decode(T.self, forKey: .data)
        } else if let none = Optional<Bool>.none as? T {
            data = none
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.data, .init(codingPath: decoder.codingPath, debugDescription: "no d"))
        }
    }
}
