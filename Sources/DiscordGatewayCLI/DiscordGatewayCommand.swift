internal import ArgumentParser
internal import DiscordGateway
internal import Dispatch
internal import Glibc

/// `discord-gateway`: listen to a gateway shard, run a local gateway simulator, or watch the demo.
///
/// Exit statuses shared by the subcommands: 0 normal end (also after SIGINT/SIGTERM), 1 a non-retryable
/// connection error such as a TLS certificate failure, 2 a fatal close from the gateway (4004, 4010–4014),
/// 64 bad usage (ArgumentParser's `ExitCode.validationFailure`, `EX_USAGE`).
///
/// **Threading:** runs on the main thread, which blocks until the command is done.
@main
struct DiscordGatewayCommand: ParsableCommand {
    /// Subcommands and help.
    static let configuration = CommandConfiguration(
        commandName: "discord-gateway",
        abstract: "Connect to Discord's gateway, or to a local simulator of it.",
        discussion: """
            Exit status: 0 normal end (also after SIGINT/SIGTERM), 1 connection error that retrying cannot fix \
            (e.g. TLS certificate), 2 fatal close code from the gateway (4004, 4010-4014), 64 bad usage.
            """,
        subcommands: [ListenCommand.self, FakeGatewayCommand.self, DemoCommand.self]
    )
}

/// Exit statuses of the tool.
enum ToolExit {
    /// A connection error that retrying cannot fix (TLS certificate failure, refused URL).
    static let connectionError = ExitCode(1)
    /// A fatal close code from the gateway.
    static let fatalClose = ExitCode(2)
}

/// Why a running command stops.
enum StopReason: Sendable {
    /// SIGINT or SIGTERM.
    case signal(Int32)
    /// `--duration` elapsed.
    case durationElapsed
    /// `--exit-after-events` dispatches were seen.
    case eventLimitReached
    /// The shard stopped for good.
    case shardStopped(ShardError)
    /// The command's own work is finished (the demo's script ran to its end).
    case finished
}

/// A one-shot latch: the first ``complete(_:)`` wins and wakes ``wait()``.
///
/// **Threading:** safe from any thread.
final class StopLatch: Sendable {
    /// The first reason given.
    private let reason = Locked<StopReason?>(nil)
    /// Signalled once.
    private let semaphore = DispatchSemaphore(value: 0)

    /// Makes an open latch.
    init() {}

    /// Records `reason` if none was recorded yet and wakes the waiter.
    func complete(_ reason: StopReason) {
        let first = self.reason.withLock { current -> Bool in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { semaphore.signal() }
    }

    /// Whether a reason has been recorded.
    var isCompleted: Bool { reason.withLock { $0 != nil } }

    /// Blocks until a reason is recorded and returns it.
    func wait() -> StopReason {
        semaphore.wait()
        semaphore.signal()
        return reason.withLock { $0 } ?? .finished
    }

    /// Blocks up to `timeout`; the reason, or `nil` on timeout.
    func wait(timeout: Duration) -> StopReason? {
        guard semaphore.wait(timeout: .now() + dispatchInterval(timeout)) == .success else { return nil }
        semaphore.signal()
        return reason.withLock { $0 }
    }
}

/// Turns SIGINT and SIGTERM into calls of a handler, with Dispatch signal sources.
///
/// The signals' default actions are ignored while the trap exists; a second signal exits at once with status
/// 128 + signal, so a stuck shutdown can still be interrupted.
///
/// **Threading:** make and cancel it on one thread; the handler runs on a private queue.
final class SignalTrap {
    /// The sources, kept alive.
    private var sources: [any DispatchSourceSignal] = []

    /// Installs the trap for `signals`.
    init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "discord-gateway.cli.signals")
        let seen = Locked(false)
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let again = seen.withLock { seen -> Bool in
                    defer { seen = true }
                    return seen
                }
                if again { _exit(128 + number) }
                handler(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Removes the trap.
    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}

/// Waits until every item the shard queued for its callbacks has been delivered on `callbackQueue`.
func drainCallbacks(of shard: Shard, on callbackQueue: DispatchQueue) {
    // The delivery pump hands over at most 256 items per turn and then re-queues itself, so one `sync` is not
    // enough when many items wait; repeat until nothing is left.
    for _ in 0..<10_000 {
        callbackQueue.sync {}
        if shard.deliveryStatistics.depth == 0 { break }
    }
    callbackQueue.sync {}
}

/// The state's name in the tool's output: connecting, identifying, resuming, connected, reconnecting, closed,
/// fatally-closed (and disconnected before the first connect).
func stateName(_ state: ShardState) -> String {
    switch state {
    case .disconnected: "disconnected"
    case .connecting: "connecting"
    case .identifying: "identifying"
    case .resuming: "resuming"
    case .connected: "connected"
    case .reconnecting: "reconnecting"
    case .closed: "closed"
    case .fatallyClosed: "fatally-closed"
    }
}

/// One readable sentence for an error that stopped the shard, naming what to fix.
func stopSentence(for error: ShardError, url: String) -> String {
    if let closeCode = error.closeCode {
        let hint =
            switch closeCode.rawValue {
            case 4004: " (the token was rejected; check --token or DISCORD_TOKEN)"
            case 4010, 4011: " (check --shard and --total)"
            case 4013, 4014: " (check --intents; privileged intents must be enabled for the bot)"
            default: ""
            }
        return "discord-gateway: the gateway closed the connection with \(closeCode)\(hint)."
    }
    if let tls = error.underlying as? TLSError, tls.isCertificateFailure {
        return "discord-gateway: the TLS certificate of \(url) could not be verified (\(tls)); "
            + "pass --ca-file with the certificate authority that signed it."
    }
    return "discord-gateway: could not connect to \(url): \(error)."
}

/// Converts a `Duration` for Dispatch.
func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
    let (seconds, attoseconds) = duration.components
    let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    guard !nanoseconds.overflow else { return .never }
    return .nanoseconds(Int(clamping: max(nanoseconds.partialValue &+ attoseconds / 1_000_000_000, 0)))
}

/// Blocks the calling thread for `duration`.
func blockingSleep(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    var request = timespec(tv_sec: Int(clamping: max(seconds, 0)), tv_nsec: Int(attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}
