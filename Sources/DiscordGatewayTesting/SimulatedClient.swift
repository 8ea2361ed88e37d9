public import DiscordGateway
internal import Foundation

/// One client connection to a ``GatewaySimulator``: what it sent, and a script for what the server does next.
///
/// The simulator answers Discord's way on its own (Hello, heartbeat ACKs, READY, replays, close codes); the methods
/// here add what a test wants on top: Reconnect, Invalid Session, zombie ACK suppression, drops, corrupt data.
///
/// **Threading:** safe from any thread. Payloads are recorded on the connection's I/O thread into mailboxes;
/// scripting calls go through the simulator's lock so they keep their order with the simulator's own payloads.
public final class SimulatedClient: Sendable {
    /// Position in accept order (0 for the first client).
    public let index: Int
    /// The underlying connection (for raw scripting beyond this API).
    public let connection: FakeGatewayConnection
    /// The simulator, which owns the protocol state.
    private weak let simulator: GatewaySimulator?
    /// Decoded payloads from the client.
    private let payloads = TimedMailbox<ClientPayload>(label: "a payload from the simulated client")
    /// One element per heartbeat received, to wake ``waitForHeartbeats(count:timeout:)``.
    private let heartbeatArrivals = TimedMailbox<Int>(label: "heartbeats from the simulated client")

    /// Creates the record of a newly opened connection.
    init(index: Int, connection: FakeGatewayConnection, simulator: GatewaySimulator) {
        self.index = index
        self.connection = connection
        self.simulator = simulator
    }

    /// The request path, e.g. `/` or `/resume`.
    public var path: String { connection.path }

    /// The query parameters, e.g. `["v": "10", "encoding": "json", "compress": "zlib-stream"]`.
    public var query: [String: String] { connection.query }

    /// The session this connection carries: set by READY or a successful Resume.
    public var sessionID: String? { simulator?.sessionID(ofClient: index) }

    /// Records a decoded payload (called by the simulator on the I/O thread).
    func record(_ payload: ClientPayload) {
        payloads.put(payload)
        if payload.op == 1 { heartbeatArrivals.put(1) }
    }

    // MARK: - What the client sent

    /// Waits for the next payload the client sends (heartbeats included).
    /// - Throws: ``FakeGatewayTimeout``.
    public func nextPayload(timeout: Duration = .seconds(10)) async throws -> ClientPayload {
        try await payloads.next(timeout: timeout)
    }

    /// Waits for the next payload with `opcode`, dropping others from the ``nextPayload(timeout:)`` queue.
    /// - Throws: ``FakeGatewayTimeout``.
    public func nextCommand(opcode: Int, timeout: Duration = .seconds(10)) async throws -> ClientPayload {
        try await payloads.next(timeout: timeout) { $0.op == opcode }
    }

    /// Every payload received so far, in order.
    public var allPayloads: [ClientPayload] { payloads.all }

    /// Waits for an Identify (op 2) and decodes it.
    /// - Throws: ``FakeGatewayTimeout``, or ``SimulatorError`` when its `d` lacks a token or intents.
    public func expectIdentify(timeout: Duration = .seconds(10)) async throws -> IdentifyPayload {
        let payload = try await nextCommand(opcode: 2, timeout: timeout)
        guard let identify = IdentifyPayload(payload) else {
            throw SimulatorError(description: "malformed Identify: \(payload.text)")
        }
        return identify
    }

    /// Waits for a Resume (op 6) and decodes it.
    /// - Throws: ``FakeGatewayTimeout``, or ``SimulatorError`` when its `d` lacks a token or session id.
    public func expectResume(timeout: Duration = .seconds(10)) async throws -> ResumePayload {
        let payload = try await nextCommand(opcode: 6, timeout: timeout)
        guard let resume = ResumePayload(payload) else {
            throw SimulatorError(description: "malformed Resume: \(payload.text)")
        }
        return resume
    }

    /// Every heartbeat (op 1) received so far, in order.
    public var heartbeats: [HeartbeatRecord] {
        payloads.all.lazy.filter { $0.op == 1 }.map { HeartbeatRecord(arrival: $0.arrival, sequence: $0.data.intValue) }
    }

    /// Waits until at least `count` heartbeats have arrived in total.
    /// - Returns: all heartbeats so far.
    /// - Throws: ``FakeGatewayTimeout``.
    public func waitForHeartbeats(count: Int, timeout: Duration = .seconds(10)) async throws -> [HeartbeatRecord] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let received = heartbeats
            if received.count >= count { return received }
            let remaining = deadline - .now
            guard remaining > .zero else {
                throw FakeGatewayTimeout(waitingFor: "\(count) heartbeats (got \(received.count))", timeout: timeout)
            }
            do {
                _ = try await heartbeatArrivals.next(timeout: remaining)
            } catch {
                throw FakeGatewayTimeout(waitingFor: "\(count) heartbeats (got \(heartbeats.count))", timeout: timeout)
            }
        }
    }

    /// Waits for the connection to end.
    /// - Throws: ``FakeGatewayTimeout``.
    public func closure(timeout: Duration = .seconds(10)) async throws -> FakeGatewayConnection.Closure {
        try await connection.closure(timeout: timeout)
    }

    // MARK: - Scripting the server

    /// Sends Hello (op 10); only needed with ``GatewaySimulator/Configuration/sendsHello`` off.
    /// - Parameter heartbeatInterval: the interval to announce; `nil` uses the configured one.
    public func sendHello(heartbeatInterval: Duration? = nil) {
        if let simulator {
            simulator.sendHello(heartbeatInterval: heartbeatInterval, toClient: index)
        } else {
            connection.send(SimulatorPayloads.hello(heartbeatInterval: heartbeatInterval ?? .milliseconds(41_250)))
        }
    }

    /// Sends Reconnect (op 7).
    public func sendReconnect() {
        sendRaw(json: SimulatorPayloads.control(opcode: 7, data: "null"))
    }

    /// Sends Invalid Session (op 9); `resumable: false` also invalidates the session, as Discord does.
    public func sendInvalidSession(resumable: Bool) {
        if let simulator {
            simulator.sendInvalidSession(resumable: resumable, toClient: index)
        } else {
            connection.send(SimulatorPayloads.control(opcode: 9, data: resumable ? "true" : "false"))
        }
    }

    /// Sends op 1: the client must heartbeat at once.
    public func requestHeartbeat() {
        sendRaw(json: SimulatorPayloads.control(opcode: 1, data: "null"))
    }

    /// Stops (or restarts) acknowledging heartbeats: they are still recorded, but get no op 11 (a zombie connection
    /// as the client sees it).
    public func suppressHeartbeatAcks(_ on: Bool) {
        simulator?.setSuppressesAcks(on, client: index)
    }

    /// Closes with `code` (a clean close handshake).
    public func close(code: UInt16, reason: String = "") {
        if let simulator {
            simulator.close(client: index, code: code, reason: reason)
        } else {
            connection.close(code: code, reason: reason)
        }
    }

    /// Drops TCP without a close frame.
    public func drop() {
        connection.drop()
    }

    /// Stops reading and writing without closing (the client's heartbeats go unanswered and unrecorded).
    public func goSilent() {
        connection.goSilent()
    }

    /// Sends a binary message that is not valid zlib-stream data (the client must fail with 4000 and resume).
    public func sendCorruptCompressedFrame() {
        connection.sendCorruptCompressedPayload()
    }

    /// Sends a valid frame whose payload is not valid JSON.
    public func sendMalformedJSON() {
        sendRaw(json: #"{"t":null,"s":null,"op":0,"d":{"broken":"#)
    }

    /// Sends a payload with an opcode Discord does not define (clients must ignore it).
    public func sendUnknownOpcode(_ op: Int) {
        sendRaw(json: SimulatorPayloads.control(opcode: op, data: "null"))
    }

    /// Sends one payload dribbled out as raw WebSocket bytes `chunkSize` at a time, `interval` apart; payloads the
    /// simulator sends meanwhile wait until it is complete.
    public func sendSlowly(_ json: String, chunkSize: Int, interval: Duration) {
        if let simulator {
            simulator.sendSlowly(json, chunkSize: chunkSize, interval: interval, client: index)
        } else {
            connection.send(json)
        }
    }

    /// Sends any payload as is (text or compressed per the connection), without sequence bookkeeping.
    public func sendRaw(json: String) {
        if let simulator {
            simulator.send(json, toClient: index)
        } else {
            connection.send(json)
        }
    }

    /// Dispatches on this connection's session: numbered with the session's next `s` and kept for replay.
    /// - Returns: the sequence number, or 0 when the connection carries no session (nothing is sent then).
    @discardableResult
    public func dispatch(_ name: String, data json: String) -> Int {
        simulator?.dispatch(name, data: json, client: index) ?? 0
    }

    /// Dispatches a typed event (its model encoded as `d`) on this connection's session, so bots can be tested with
    /// the same `DiscordModel` values they receive.
    /// - Returns: the sequence number, or 0 when the connection carries no session.
    /// - Throws: `EncodingError` when the model cannot be encoded.
    @discardableResult
    public func dispatch(_ event: DispatchEvent) throws -> Int {
        guard let data = event.data else {
            guard case .unknown(let name, let payload) = event else { return 0 }
            return dispatch(name, data: Self.dataMember(of: payload) ?? "null")
        }
        return dispatch(event.type.rawValue, data: String(decoding: try JSONEncoder().encode(data), as: UTF8.self))
    }

    /// The `d` of a whole payload as JSON text, if the payload is a JSON object with one.
    private static func dataMember(of payload: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
            let data = object["d"], !(data is NSNull),
            let encoded = try? JSONSerialization.data(withJSONObject: data, options: [.fragmentsAllowed])
        else { return nil }
        return String(decoding: encoded, as: UTF8.self)
    }
}

/// One payload a client sent, decoded.
///
/// **Threading:** an immutable value.
public struct ClientPayload: Sendable {
    /// The opcode (`op`).
    public var op: Int
    /// The event data (`d`), parsed.
    public var data: SimulatorJSON
    /// The message text exactly as sent.
    public var text: String
    /// When it arrived.
    public var arrival: ContinuousClock.Instant

    /// `d` as compact JSON text with sorted keys (`null` when absent).
    public var d: String { data.description }

    /// Creates a record.
    public init(op: Int, data: SimulatorJSON, text: String, arrival: ContinuousClock.Instant) {
        self.op = op
        self.data = data
        self.text = text
        self.arrival = arrival
    }
}

/// A heartbeat (op 1) the client sent.
///
/// **Threading:** an immutable value.
public struct HeartbeatRecord: Sendable, Equatable {
    /// When it arrived.
    public var arrival: ContinuousClock.Instant
    /// Its `d`: the last sequence the client saw, or `nil` for `null`.
    public var sequence: Int?
}

/// An Identify (op 2), decoded.
///
/// **Threading:** an immutable value.
public struct IdentifyPayload: Sendable {
    /// The token.
    public var token: String
    /// The intent bits.
    public var intents: UInt64
    /// `[shard id, shard count]`, if sent.
    public var shard: [Int]?
    /// `large_threshold`, if sent.
    public var largeThreshold: Int?
    /// `compress` (payload compression), if sent.
    public var compress: Bool?
    /// `properties` (`os`, `browser`, `device`).
    public var properties: [String: String]
    /// The initial presence as compact JSON, if sent.
    public var presence: String?
    /// The whole payload.
    public var payload: ClientPayload
    /// When it arrived.
    public var arrival: ContinuousClock.Instant { payload.arrival }

    /// Decodes an Identify; `nil` when `d` has no string token or no integer intents.
    public init?(_ payload: ClientPayload) {
        let data = payload.data
        guard let token = data["token"]?.stringValue, let intents = data["intents"]?.intValue,
            let bits = UInt64(exactly: intents)
        else { return nil }
        self.token = token
        self.intents = bits
        self.shard = data["shard"]?.arrayValue?.compactMap { $0.intValue }
        self.largeThreshold = data["large_threshold"]?.intValue
        self.compress = data["compress"]?.boolValue
        var properties: [String: String] = [:]
        if case .object(let members)? = data["properties"] {
            for (key, value) in members { properties[key] = value.stringValue ?? value.description }
        }
        self.properties = properties
        self.presence = data["presence"].flatMap { $0.isNull ? nil : $0.description }
        self.payload = payload
    }
}

/// A Resume (op 6), decoded.
///
/// **Threading:** an immutable value.
public struct ResumePayload: Sendable {
    /// The token.
    public var token: String
    /// The session to resume.
    public var sessionID: String
    /// The last sequence the client saw (`seq`), or `nil` for `null`.
    public var sequence: Int?
    /// The whole payload.
    public var payload: ClientPayload
    /// When it arrived.
    public var arrival: ContinuousClock.Instant { payload.arrival }

    /// Decodes a Resume; `nil` when `d` has no string token or session id.
    public init?(_ payload: ClientPayload) {
        guard let token = payload.data["token"]?.stringValue, let sessionID = payload.data["session_id"]?.stringValue
        else { return nil }
        self.token = token
        self.sessionID = sessionID
        self.sequence = payload.data["seq"]?.intValue
        self.payload = payload
    }
}

/// A simulator expectation that failed, e.g. a malformed Identify.
///
/// **Threading:** an immutable value.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}
