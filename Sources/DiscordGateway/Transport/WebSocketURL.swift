#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A parsed `ws://` or `wss://` URL (RFC 6455 §3): everything needed to connect and send the upgrade request.
///
/// User info and fragments are rejected; IPv6 literals are written in brackets and stored without them.
///
/// **Threading:** an immutable-by-convention value; `Sendable`.
package struct WebSocketURL: Sendable, Hashable, CustomStringConvertible {
    /// Whether the scheme is `wss` (TLS).
    package var isSecure: Bool
    /// The host name or IP literal, lowercased; IPv6 literals without brackets.
    package var host: String
    /// The TCP port (the scheme's default, 80 or 443, when the URL names none).
    package var port: Int
    /// The request target: path plus `?query`, `"/"` when the URL has no path.
    package var pathAndQuery: String

    /// Makes a URL from its parts.
    ///
    /// - Parameters:
    ///   - isSecure: `true` for `wss`.
    ///   - host: Host name or IP literal (IPv6 without brackets).
    ///   - port: TCP port; `nil` for the scheme's default.
    ///   - pathAndQuery: Request target; an empty one becomes `"/"`.
    package init(isSecure: Bool, host: String, port: Int? = nil, pathAndQuery: String = "/") {
        self.isSecure = isSecure
        self.host = host
        self.port = port ?? (isSecure ? 443 : 80)
        self.pathAndQuery = Self.normalizedTarget(pathAndQuery)
    }

    /// Parses a `ws://` or `wss://` URL.
    ///
    /// - Parameter string: The URL, for example `wss://gateway.discord.gg/?v=10&encoding=json` or `ws://[::1]:8080/`.
    /// - Throws: ``WebSocketError`` with code ``WebSocketError/Code/invalidURL`` for any other scheme, a missing or
    ///   malformed host, a bad port, user info, a fragment, or characters not allowed in a request line.
    package init(string: String) throws {
        func invalid(_ why: String) -> WebSocketError {
            WebSocketError(code: .invalidURL, detail: "\(why): \(string)")
        }
        guard let colon = string.firstIndex(of: ":"), string[colon...].hasPrefix("://") else {
            throw invalid("missing scheme")
        }
        let isSecure: Bool
        switch string[..<colon].lowercased() {
        case "ws": isSecure = false
        case "wss": isSecure = true
        default: throw invalid("scheme must be ws or wss")
        }
        let rest = string[colon...].dropFirst(3)
        if rest.contains("#") { throw invalid("fragments are not allowed") }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let target = rest[authorityEnd...]
        if authority.contains("@") { throw invalid("user info is not supported") }

        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unterminated IPv6 literal") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let afterBracket = authority[authority.index(after: close)...]
            if !afterBracket.isEmpty {
                guard afterBracket.hasPrefix(":") else { throw invalid("unexpected text after IPv6 literal") }
                portText = afterBracket.dropFirst()
            }
            guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid("malformed IPv6 literal")
            }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw invalid("IPv6 literals must be in brackets") }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            let allowed = host.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_": true
                default: false
                }
            }
            guard allowed else { throw invalid("malformed host") }
        }
        guard !host.isEmpty else { throw invalid("missing host") }

        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(portText),
                (1...65535).contains(value)
            else { throw invalid("malformed port") }
            port = value
        }
        let targetIsClean = target.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
        guard targetIsClean else { throw invalid("path contains spaces, control or non-ASCII characters") }
        self.init(isSecure: isSecure, host: host.lowercased(), port: port, pathAndQuery: String(target))
    }

    /// The scheme's default port: 443 for `wss`, 80 for `ws`.
    package var defaultPort: Int { isSecure ? 443 : 80 }

    /// The path without the query.
    package var path: String {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return pathAndQuery }
        return String(pathAndQuery[..<mark])
    }

    /// The query without the leading `?`, or `nil` when there is none.
    package var query: String? {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return nil }
        return String(pathAndQuery[pathAndQuery.index(after: mark)...])
    }

    /// The value for the HTTP `Host` header: IPv6 in brackets, plus `:port` when it is not the scheme default.
    package var hostHeaderValue: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }

    /// Whether the host is the loopback interface: `localhost`, 127.0.0.0/8 or `::1` (also IPv4-mapped).
    package var isLoopback: Bool {
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0[0] == 127 }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in
                let isV6Loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
                let isMappedV4Loopback =
                    bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
                return isV6Loopback || isMappedV4Loopback
            }
        }
        return false
    }

    /// Throws unless the URL is `wss://` or points at the loopback interface.
    ///
    /// - Throws: ``WebSocketError`` with code ``WebSocketError/Code/insecureURLNotAllowed``.
    package func requireSecureUnlessLoopback() throws {
        if !isSecure && !isLoopback {
            throw WebSocketError(
                code: .insecureURLNotAllowed,
                detail: "ws:// is only allowed for loopback hosts; use wss:// for \(host)"
            )
        }
    }

    /// The same URL with its query replaced, or removed when `query` is `nil`.
    ///
    /// - Parameter query: The new query without the leading `?`.
    /// - Returns: A copy with the same path and the new query.
    package func replacingQuery(_ query: String?) -> WebSocketURL {
        var copy = self
        copy.pathAndQuery = Self.normalizedTarget(path + (query.map { "?" + $0 } ?? ""))
        return copy
    }

    /// The URL as text; the port is omitted when it is the scheme default.
    package var description: String {
        "\(isSecure ? "wss" : "ws")://\(hostHeaderValue)\(pathAndQuery)"
    }

    /// A request target that starts with `/`.
    private static func normalizedTarget(_ target: String) -> String {
        if target.isEmpty { return "/" }
        if target.hasPrefix("/") { return target }
        return "/" + target
    }
}
