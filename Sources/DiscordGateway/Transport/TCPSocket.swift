internal import CSystem
internal import Glibc

/// Opens TCP sockets for the connection's I/O thread: client connect with a timeout, listen and accept.
///
/// Every socket it returns is non-blocking, close-on-exec, with `TCP_NODELAY`. Before the first socket is made,
/// `SIGPIPE` is ignored process-wide (see ``ignoresBrokenPipeSignal``), because OpenSSL writes through plain
/// `write()`/`send()` without `MSG_NOSIGNAL` and a peer reset would otherwise kill the process.
///
/// **Threading:** stateless; safe from any thread. Calls block only as documented (DNS, connect poll).
package enum TCPSocket {
    /// Sets `SIGPIPE` to `SIG_IGN` once per process; evaluated lazily (and thread-safely) by the first socket call.
    ///
    /// Linux has no `SO_NOSIGPIPE`, and `MSG_NOSIGNAL` cannot be passed through OpenSSL's socket BIO, so a broken
    /// pipe must not raise a signal at all; writes then fail with `EPIPE`, which is reported as an error.
    static let ignoresBrokenPipeSignal: Bool = {
        _ = signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Resolves `host` and connects to the first address that answers, within `timeout` overall.
    ///
    /// Uses `getaddrinfo` (`AF_UNSPEC`, `SOCK_STREAM`) and tries each address in the resolver's order, IPv6 and
    /// IPv4 alike, with a non-blocking `connect` and a `poll` bounded by the time left. Name resolution itself
    /// blocks in the system resolver and follows its own timeouts.
    ///
    /// - Parameters:
    ///   - host: a DNS name or an IPv4/IPv6 literal.
    ///   - port: the TCP port, 1...65535.
    ///   - timeout: the budget for all connection attempts together.
    /// - Returns: a connected, non-blocking, close-on-exec socket with `TCP_NODELAY`; the caller owns it.
    /// - Throws: ``ConnectionError`` with ``ConnectionError/Code/hostNotFound``,
    ///   ``ConnectionError/Code/connectionRefused``, ``ConnectionError/Code/timedOut``,
    ///   ``ConnectionError/Code/networkUnreachable`` or ``ConnectionError/Code/socketFailure`` (the last
    ///   address's failure when all fail).
    package static func connect(host: String, port: Int, timeout: Duration) throws(ConnectionError) -> Int32 {
        _ = ignoresBrokenPipeSignal
        let deadline = ContinuousClock.now + timeout
        let addresses = try resolve(host: host, port: port, passive: false)
        defer { freeaddrinfo(addresses) }

        var lastError = ConnectionError(.hostNotFound, operation: "getaddrinfo", host: host, port: port)
        var cursor: UnsafeMutablePointer<addrinfo>? = addresses
        while let entry = cursor {
            cursor = entry.pointee.ai_next
            guard pollTimeoutMilliseconds(until: deadline, now: .now) != nil else {
                throw ConnectionError(.timedOut, operation: "connect", host: host, port: port)
            }
            do throws(ConnectionError) {
                return try connect(to: entry.pointee, deadline: deadline, host: host, port: port)
            } catch {
                lastError = error
                if error.code == .timedOut { throw error }
            }
        }
        throw lastError
    }

    /// Makes one non-blocking connection attempt to `address`, waiting until `deadline`.
    private static func connect(
        to address: addrinfo,
        deadline: ContinuousClock.Instant,
        host: String,
        port: Int
    ) throws(ConnectionError) -> Int32 {
        let fd = try makeSocket(family: address.ai_family, protocol: address.ai_protocol, host: host, port: port)
        do throws(ConnectionError) {
            try setNoDelay(fd, host: host, port: port)
            if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0 { return fd }
            let connectErrno = errno
            guard connectErrno == EINPROGRESS || connectErrno == EINTR else {
                throw ConnectionError(errno: connectErrno, operation: "connect", host: host, port: port)
            }
            try waitUntilConnected(fd, deadline: deadline, host: host, port: port)
            return fd
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    /// Polls a connecting socket for writability until `deadline`, then checks `SO_ERROR`.
    private static func waitUntilConnected(
        _ fd: Int32,
        deadline: ContinuousClock.Instant,
        host: String,
        port: Int
    ) throws(ConnectionError) {
        while true {
            guard let milliseconds = pollTimeoutMilliseconds(until: deadline, now: .now) else {
                throw ConnectionError(.timedOut, operation: "connect", host: host, port: port)
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                let pollErrno = errno
                if pollErrno == EINTR { continue }
                throw ConnectionError(errno: pollErrno, operation: "poll", host: host, port: port)
            }
            if ready == 0 { continue }  // the loop head turns an expired deadline into `timedOut`
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0 else {
                throw ConnectionError(errno: errno, operation: "getsockopt", host: host, port: port)
            }
            guard socketError == 0 else {
                throw ConnectionError(errno: socketError, operation: "connect", host: host, port: port)
            }
            return
        }
    }

    /// The `poll` timeout for the time left until `deadline`, rounded up to whole milliseconds and clamped to
    /// `Int32.max`; `nil` once the deadline has passed.
    package static func pollTimeoutMilliseconds(
        until deadline: ContinuousClock.Instant,
        now: ContinuousClock.Instant
    ) -> Int32? {
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else { return nil }
        let (seconds, attoseconds) = remaining.components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let (wholeMilliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int32.max }
        let partial = (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        let (total, overflowAdding) = wholeMilliseconds.addingReportingOverflow(partial)
        guard !overflowAdding else { return Int32.max }
        return Int32(clamping: total)
    }

    /// Opens a listening socket bound to `host` (e.g. `"127.0.0.1"` or `"::1"`).
    ///
    /// - Parameters:
    ///   - host: the local address or name to bind; the first resolved address is used.
    ///   - port: the port, or 0 for an ephemeral one.
    ///   - backlog: the `listen` backlog.
    /// - Returns: the non-blocking, close-on-exec listening socket (`SO_REUSEADDR`) and the port it is bound to.
    /// - Throws: ``ConnectionError`` when resolution, `bind` or `listen` fails.
    package static func listen(
        host: String,
        port: Int,
        backlog: Int32 = 512
    ) throws(ConnectionError) -> (fd: Int32, port: Int) {
        _ = ignoresBrokenPipeSignal
        let addresses = try resolve(host: host, port: port, passive: true)
        defer { freeaddrinfo(addresses) }
        let address = addresses.pointee
        let fd = try makeSocket(family: address.ai_family, protocol: address.ai_protocol, host: host, port: port)
        do throws(ConnectionError) {
            var one: Int32 = 1
            guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw ConnectionError(errno: errno, operation: "setsockopt", host: host, port: port)
            }
            if address.ai_family == AF_INET6 {
                // Bind exactly what was asked for: "::" then means IPv6 only, not dual-stack.
                guard setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size)) == 0
                else {
                    throw ConnectionError(errno: errno, operation: "setsockopt", host: host, port: port)
                }
            }
            guard bind(fd, address.ai_addr, address.ai_addrlen) == 0 else {
                throw ConnectionError(errno: errno, operation: "bind", host: host, port: port)
            }
            guard Glibc.listen(fd, backlog) == 0 else {
                throw ConnectionError(errno: errno, operation: "listen", host: host, port: port)
            }
            return (fd, try boundPort(of: fd, host: host))
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    /// Reads the local port of a bound socket with `getsockname`.
    private static func boundPort(of fd: Int32, host: String) throws(ConnectionError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else {
            throw ConnectionError(errno: errno, operation: "getsockname", host: host)
        }
        switch Int32(storage.ss_family) {
        case AF_INET:
            let port = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in.self).sin_port }
            return Int(UInt16(bigEndian: port))
        case AF_INET6:
            let port = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in6.self).sin6_port }
            return Int(UInt16(bigEndian: port))
        default:
            throw ConnectionError(.socketFailure, operation: "getsockname", host: host, detail: "unknown family")
        }
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket with `TCP_NODELAY`.
    ///
    /// - Parameter listener: a socket from ``listen(host:port:backlog:)``.
    /// - Returns: the accepted socket (the caller owns it), or `nil` when none is pending.
    /// - Throws: ``ConnectionError`` for failures other than `EAGAIN`, `EINTR` or an aborted pending connection.
    package static func accept(listener: Int32) throws(ConnectionError) -> Int32? {
        while true {
            let fd = CSystem_accept4(listener, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            if fd >= 0 {
                do throws(ConnectionError) {
                    try setNoDelay(fd, host: nil, port: nil)
                } catch {
                    _ = Glibc.close(fd)
                    throw error
                }
                return fd
            }
            let acceptErrno = errno
            switch acceptErrno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw ConnectionError(errno: acceptErrno, operation: "accept4")
            }
        }
    }

    /// Runs `getaddrinfo`; the caller frees the list. Never returns an empty list.
    private static func resolve(
        host: String,
        port: Int,
        passive: Bool
    ) throws(ConnectionError) -> UnsafeMutablePointer<addrinfo> {
        guard (0...65_535).contains(port) else {
            throw ConnectionError(
                .socketFailure, operation: "getaddrinfo", host: host, port: port,
                detail: "port out of range")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0 else {
            let savedErrno = errno
            if status == EAI_SYSTEM {
                throw ConnectionError(errno: savedErrno, operation: "getaddrinfo", host: host, port: port)
            }
            throw ConnectionError(
                .hostNotFound,
                operation: "getaddrinfo",
                host: host,
                port: port,
                detail: String(cString: gai_strerror(status))
            )
        }
        guard let result else {
            throw ConnectionError(.hostNotFound, operation: "getaddrinfo", host: host, port: port)
        }
        return result
    }

    /// Creates a non-blocking, close-on-exec stream socket.
    private static func makeSocket(
        family: Int32,
        protocol proto: Int32,
        host: String,
        port: Int
    ) throws(ConnectionError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(family, type, proto)
        guard fd >= 0 else {
            throw ConnectionError(errno: errno, operation: "socket", host: host, port: port)
        }
        return fd
    }

    /// Turns off Nagle's algorithm: gateway frames are small and latency-sensitive.
    private static func setNoDelay(_ fd: Int32, host: String?, port: Int?) throws(ConnectionError) {
        var one: Int32 = 1
        guard setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw ConnectionError(errno: errno, operation: "setsockopt", host: host, port: port)
        }
    }
}
