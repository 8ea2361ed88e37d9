/// Where a shard is in its connection lifecycle, as seen by users.
///
/// The usual path is ``disconnected`` → ``connecting`` → ``identifying`` → ``connected``. After a lost
/// connection: ``reconnecting(attempt:after:)`` → ``resuming`` (or ``identifying`` when the session is gone) →
/// ``connected``. ``closed`` and ``fatallyClosed(_:)`` are final until the shard is started again.
///
/// | state | meaning |
/// | --- | --- |
/// | `disconnected` | created, not started |
/// | `connecting` | first connection: opening the socket, waiting for Hello |
/// | `identifying` | Hello received, waiting for an identify slot or for READY |
/// | `resuming` | Resume sent; missed events are being replayed |
/// | `connected` | READY or RESUMED received; events flow and commands are sent |
/// | `reconnecting(attempt, after)` | connection lost; the next attempt starts after `after` and lasts until Hello |
/// | `closed` | closed on request; no reconnect |
/// | `fatallyClosed(code)` | Discord closed with a non-reconnectable code (4004, 4010–4014); no reconnect |
///
/// **Threading:** an immutable value; `Sendable`.
public enum ShardState: Hashable, Sendable, CustomStringConvertible {
    /// Created, not started.
    case disconnected
    /// First connection: opening the socket and waiting for Hello.
    case connecting
    /// Hello received; waiting for an identify slot, then for READY.
    case identifying
    /// Resume sent; missed events are replayed until RESUMED.
    case resuming
    /// READY or RESUMED received: the session is live.
    case connected
    /// The connection was lost; attempt number `attempt` (counting from 1 since the last live session) starts
    /// after `after`, and this state lasts until its Hello.
    case reconnecting(attempt: Int, after: Duration)
    /// Closed on request; the shard does not reconnect.
    case closed
    /// Discord closed with a non-reconnectable code; the shard does not reconnect.
    case fatallyClosed(GatewayCloseCode)

    /// Whether the session is live (``connected``).
    public var isConnected: Bool {
        self == .connected
    }

    /// Whether the shard has stopped for good (``closed`` or ``fatallyClosed(_:)``).
    public var isFinal: Bool {
        switch self {
        case .closed, .fatallyClosed: true
        default: false
        }
    }

    /// `"connected"`, `"reconnecting (attempt 2, after 1.0 seconds)"`, `"fatally closed (4004 …)"`.
    public var description: String {
        switch self {
        case .disconnected: "disconnected"
        case .connecting: "connecting"
        case .identifying: "identifying"
        case .resuming: "resuming"
        case .connected: "connected"
        case .reconnecting(let attempt, let after): "reconnecting (attempt \(attempt), after \(after))"
        case .closed: "closed"
        case .fatallyClosed(let code): "fatally closed (\(code))"
        }
    }
}
