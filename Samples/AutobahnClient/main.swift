// Autobahn|Testsuite client: runs every case of a fuzzing server against this package's WebSocket client.
//
// Usage: AutobahnClient [ws://127.0.0.1:9001]   (or AUTOBAHN_SERVER=...)
// Protocol: GET /getCaseCount (one text message: the count), then for each case N connect to
// /runCase?case=N&agent=A and echo every message back, then GET /updateReports?agent=A.
import DiscordGateway
import Dispatch
import Foundation

/// Echoes messages back and signals when the connection ends.
final class EchoDelegate: WebSocketConnectionDelegate {
    /// Signalled once the connection is over.
    let done = DispatchSemaphore(value: 0)
    /// The first text message received (for `getCaseCount`).
    let firstText = Locked<String?>(nil)
    /// Whether to echo messages.
    let echoes: Bool
    /// How the connection ended.
    let ending = Locked<String>("")

    /// Creates a delegate.
    init(echoes: Bool) { self.echoes = echoes }

    func connectionDidOpen(_ connection: WebSocketConnection) {}

    func connection(_ connection: WebSocketConnection, didReceive message: WebSocketConnection.Message) {
        if message.kind == .text {
            let text = String(decoding: message.bytes, as: UTF8.self)
            firstText.withLock { if $0 == nil { $0 = text } }
        }
        guard echoes else { return }
        connection.send(message.kind == .text ? .text : .binary, message.bytes)
    }

    func connection(_ connection: WebSocketConnection, didCloseWith close: WebSocketConnection.Close) {
        ending.withLock { $0 = close.description }
        done.signal()
    }
}

/// Runs one connection to `path` on the server and waits for it to end.
func run(_ base: String, _ path: String, echoes: Bool) throws -> EchoDelegate {
    let url = try WebSocketURL(string: base + path)
    var configuration = WebSocketConnection.Configuration()
    configuration.maximumMessageSize = 64 << 20
    configuration.closeTimeout = .seconds(2)
    configuration.allowsInsecureTransport = true
    let connection = try WebSocketConnection(endpoint: .client(url), configuration: configuration)
    let delegate = EchoDelegate(echoes: echoes)
    try connection.start(delegate: delegate)
    if delegate.done.wait(timeout: .now() + 120) == .timedOut {
        connection.abort()
        delegate.done.wait()
    }
    connection.join()
    return delegate
}

let arguments = CommandLine.arguments.dropFirst()
let server = arguments.first ?? ProcessInfo.processInfo.environment["AUTOBAHN_SERVER"] ?? "ws://127.0.0.1:9001"
let agent = "swift-discord-gateway"
do {
    let counter = try run(server, "/getCaseCount", echoes: false)
    guard let text = counter.firstText.withLock({ $0 }), let count = Int(text) else {
        let ending = counter.ending.withLock { $0 }
        FileHandle.standardError.write(
            Data("AutobahnClient: the server did not report a case count (\(ending))\n".utf8))
        exit(1)
    }
    print("AutobahnClient: \(count) cases")
    for index in 1...max(count, 1) where count > 0 {
        _ = try run(server, "/runCase?case=\(index)&agent=\(agent)", echoes: true)
        if index % 50 == 0 { print("AutobahnClient: \(index)/\(count) done") }
    }
    _ = try run(server, "/updateReports?agent=\(agent)", echoes: false)
    print("AutobahnClient: reports updated")
} catch {
    FileHandle.standardError.write(Data("AutobahnClient: \(error)\n".utf8))
    exit(1)
}
