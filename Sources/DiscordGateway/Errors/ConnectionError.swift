internal import Glibc

/// A failure to resolve, connect to, or exchange bytes with a TCP peer.
///
/// **Threading:** a value type; safe to pass between threads.
public struct ConnectionError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in a form that can grow without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short plain-words description of the code.
        public let description: String

        /// The host name did not resolve to any address.
        public static let hostNotFound = Code(description: "host not found")
        /// The peer actively refused the connection (nothing listening).
        public static let connectionRefused = Code(description: "connection refused")
        /// The connection did not complete within the timeout.
        public static let timedOut = Code(description: "timed out")
        /// No route to the network or host.
        public static let networkUnreachable = Code(description: "network unreachable")
        /// The peer reset the connection or the connection broke while in use.
        public static let connectionReset = Code(description: "connection reset")
        /// A socket call failed for another reason; see ``ConnectionError/systemError``.
        public static let socketFailure = Code(description: "socket failure")
    }

    /// What went wrong.
    public let code: Code
    /// The host being connected to, when known.
    public let host: String?
    /// The port being connected to, when known.
    public let port: Int?
    /// The failing call, e.g. `"getaddrinfo"`, `"connect"`, `"recv"`.
    public let operation: String
    /// The `errno` value reported by the failing call, if any.
    public let systemError: Int32?
    /// Extra plain-words detail (`strerror` or `gai_strerror` text).
    public let detail: String?

    /// Creates an error; package-wide so only this package throws it.
    package init(
        _ code: Code,
        operation: String,
        host: String? = nil,
        port: Int? = nil,
        systemError: Int32? = nil,
        detail: String? = nil
    ) {
        self.code = code
        self.operation = operation
        self.host = host
        self.port = port
        self.systemError = systemError
        self.detail = detail
    }

    /// Creates an error from an `errno` value, choosing the code from it.
    init(errno value: Int32, operation: String, host: String? = nil, port: Int? = nil) {
        self.init(
            Self.code(forErrno: value),
            operation: operation,
            host: host,
            port: port,
            systemError: value,
            detail: String(cString: strerror(value))
        )
    }

    /// Maps an `errno` value to the closest ``Code``.
    static func code(forErrno value: Int32) -> Code {
        switch value {
        case ECONNREFUSED: return .connectionRefused
        case ETIMEDOUT: return .timedOut
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN, EADDRNOTAVAIL, EAFNOSUPPORT: return .networkUnreachable
        case ECONNRESET, EPIPE, ECONNABORTED, ENOTCONN: return .connectionReset
        default: return .socketFailure
        }
    }

    /// Plain words, e.g. `connect for gateway.discord.gg:443 failed: connection refused (Connection refused, errno 111)`.
    public var description: String {
        var text = operation
        if let host {
            text += " for " + (host.contains(":") ? "[\(host)]" : host)
            if let port { text += ":\(port)" }
        }
        text += " failed: \(code.description)"
        var extras: [String] = []
        if let detail, !detail.isEmpty { extras.append(detail) }
        if let systemError { extras.append("errno \(systemError)") }
        if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
        return text
    }
}
