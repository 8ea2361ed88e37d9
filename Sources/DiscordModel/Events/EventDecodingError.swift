import Foundation

/// Why a dispatch's `d` could not be decoded into its model (see ``DispatchEvent/decode(name:payload:)``).
///
/// Carries everything needed to report or replay the failure: the event name, where in the JSON decoding
/// stopped, the decoder's explanation, and the whole payload. A failure never affects the connection: the raw
/// event is still delivered.
///
/// **Threading:** an immutable value; `Sendable`.
public struct EventDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The dispatch name (`t`), such as `"MESSAGE_CREATE"`.
    public let eventName: String
    /// The coding path where decoding failed, such as `"d.author.id"` or `"d.embeds[0].fields[2].name"`; empty
    /// when the payload is not JSON at all.
    public let codingPath: String
    /// What was wrong, such as `"expected a snowflake (decimal digits), got \"abc\""`.
    public let message: String
    /// The whole payload's UTF-8 JSON.
    public let payload: [UInt8]

    /// Makes an error.
    public init(eventName: String, codingPath: String, message: String, payload: [UInt8]) {
        self.eventName = eventName
        self.codingPath = codingPath
        self.message = message
        self.payload = payload
    }

    /// Describes a `DecodingError` (or any other error) for `eventName`.
    public init(eventName: String, error: any Error, payload: [UInt8]) {
        self.eventName = eventName
        self.payload = payload
        guard let decodingError = error as? DecodingError else {
            codingPath = ""
            message = String(describing: error)
            return
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            codingPath = Self.path(context.codingPath)
            message = "type mismatch, expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            codingPath = Self.path(context.codingPath)
            message = "null or missing value, expected \(type): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            codingPath = Self.path(context.codingPath + [key])
            message = "missing required key \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            codingPath = Self.path(context.codingPath)
            let underlying = (context.underlyingError as? NSError)?.debugDescription
            message = context.debugDescription + (underlying.map { " (\($0))" } ?? "")
        @unknown default:
            codingPath = ""
            message = String(describing: decodingError)
        }
    }

    /// `"MESSAGE_CREATE at d.author.id: missing required key \"id\" (812 bytes)"`.
    public var description: String {
        "\(eventName) at \(codingPath.isEmpty ? "<root>" : codingPath): \(message) (\(payload.count) bytes)"
    }

    /// Formats a coding path as `d.embeds[0].title`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}

/// Which JSON decoder ``PayloadDataDecoder`` uses.
///
/// **Threading:** an immutable value; `Sendable`.
package enum PayloadJSONBackend: Sendable, CaseIterable {
    /// ``GatewayJSONDecoder``: the default, strict and fast.
    case gateway
    /// Foundation's `JSONDecoder`, kept to compare against.
    case foundation
}

/// Decodes the `d` member of one payload (with ``GatewayJSONDecoder`` unless told otherwise), mapping failures to
/// ``EventDecodingError``.
///
/// **Threading:** a value used on one thread at a time.
package struct PayloadDataDecoder {
    /// The dispatch name, for errors.
    let name: String
    /// The whole payload's JSON.
    let payload: [UInt8]
    /// The JSON decoder to use.
    let backend: PayloadJSONBackend

    /// Makes a decoder for one payload.
    package init(name: String, payload: [UInt8], backend: PayloadJSONBackend = .gateway) {
        self.name = name
        self.payload = payload
        self.backend = backend
    }

    /// Decodes `d` as `T`.
    package func decode<T: Decodable>(_ type: T.Type = T.self) throws(EventDecodingError) -> T {
        do {
            switch backend {
            case .gateway:
                return try GatewayJSONDecoder().decode(DataMember<T>.self, from: payload).data
            case .foundation:
                return try JSONDecoder().decode(DataMember<T>.self, from: Data(payload)).data
            }
        } catch {
            throw EventDecodingError(eventName: name, error: error, payload: payload)
        }
    }
}

/// The `d` member of a payload; the envelope's other members are not read.
///
/// **Threading:** an immutable value.
package struct DataMember<T: Decodable>: Decodable {
    /// The decoded `d`.
    package let data: T

    /// The one key read.
    private enum CodingKeys: String, CodingKey {
        case data = "d"
    }
}
