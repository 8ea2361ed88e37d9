/// Why a ``GatewayCommand`` cannot be sent; raised by ``GatewayCommand/encode()`` before anything is sent.
///
/// **Threading:** an immutable value; `Sendable`.
public struct GatewayCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; an open set.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short phrase.
        public let description: String
        /// The encoded payload exceeds 4096 bytes (Discord would close with 4002).
        public static let payloadTooLarge = Code(description: "payload too large")
        /// A field is outside what Discord accepts.
        public static let invalidField = Code(description: "invalid field")
        /// The data of a raw command is not one well-formed JSON value.
        public static let invalidJSON = Code(description: "invalid JSON")
    }

    /// The kind of problem.
    public let code: Code
    /// The encoded size, for ``Code/payloadTooLarge``.
    public let size: Int?
    /// What is wrong, naming the field.
    public let detail: String

    /// Makes an error.
    public init(code: Code, size: Int? = nil, detail: String) {
        self.code = code
        self.size = size
        self.detail = detail
    }

    /// The encoded payload is `size` bytes, over ``GatewayCommand/maximumPayloadSize``.
    public static func payloadTooLarge(size: Int) -> Self {
        Self(code: .payloadTooLarge, size: size, detail: "\(size) bytes, limit \(GatewayCommand.maximumPayloadSize)")
    }

    /// A field outside Discord's limits.
    public static func invalidField(_ detail: String) -> Self {
        Self(code: .invalidField, detail: detail)
    }

    /// `"payload too large: 5000 bytes, limit 4096"`.
    public var description: String {
        "\(code): \(detail)"
    }
}
