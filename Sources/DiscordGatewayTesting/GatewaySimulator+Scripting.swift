internal import DiscordGateway
internal import Dispatch

/// What ``SimulatedClient`` scripts: Hello, Invalid Session, closes, dispatches and slow payloads.
extension GatewaySimulator {
    /// The session a client carries.
    func sessionID(ofClient index: Int) -> String? {
        state.withLock { $0.links[index]?.sessionID }
    }

    /// Sends a payload to a client without sequence bookkeeping.
    func send(_ text: String, toClient index: Int) {
        state.withLock { transmit(text, to: index, in: &$0) }
    }

    /// Sends Hello with `interval` to a client.
    func sendHello(heartbeatInterval interval: Duration?, toClient index: Int) {
        send(SimulatorPayloads.hello(heartbeatInterval: interval ?? configuration.heartbeatInterval), toClient: index)
    }

    /// Sends Invalid Session; `false` also invalidates the client's session.
    func sendInvalidSession(resumable: Bool, toClient index: Int) {
        state.withLock { state in
            if !resumable, let sessionID = state.links[index]?.sessionID {
                state.sessions[sessionID]?.isInvalidated = true
            }
            transmit(SimulatorPayloads.control(opcode: 9, data: resumable ? "true" : "false"), to: index, in: &state)
        }
    }

    /// Turns heartbeat ACKs for a client off or on.
    func setSuppressesAcks(_ on: Bool, client index: Int) {
        state.withLock { $0.links[index]?.suppressesAcks = on }
    }

    /// Closes a client's connection from the script (no violation recorded).
    func close(client index: Int, code: UInt16, reason: String) {
        let connection = state.withLock { state -> FakeGatewayConnection? in
            state.links[index]?.isClosing = true
            return state.links[index]?.connection
        }
        connection?.close(code: code, reason: reason)
    }

    /// Dispatches on the session a client carries.
    /// - Returns: the sequence number, or 0 when the client has no session.
    func dispatch(_ name: String, data: String, client index: Int) -> Int {
        state.withLock { state in
            guard let sessionID = state.links[index]?.sessionID else { return 0 }
            return emit(name, data: data, session: sessionID, in: &state)
        }
    }

    /// Dribbles one payload to a client in raw pieces; payloads sent meanwhile wait until it is complete.
    func sendSlowly(_ text: String, chunkSize: Int, interval: Duration, client index: Int) {
        let started = state.withLock { state -> (frames: [UInt8], connection: FakeGatewayConnection)? in
            guard let link = state.links[index], !link.isDribbling, !link.isClosing else { return nil }
            state.links[index]?.isDribbling = true
            return (link.connection.encodeFrames(Array(text.utf8)), link.connection)
        }
        guard let (frames, connection) = started else {
            send(text, toClient: index)
            return
        }
        let size = max(chunkSize, 1)
        Task { [weak self] in
            var offset = 0
            while offset < frames.count {
                let end = min(frames.count, offset + size)
                connection.sendRawBytes(Array(frames[offset..<end]))
                offset = end
                if offset < frames.count { try? await Task.sleep(for: interval) }
            }
            self?.finishDribble(client: index)
        }
    }

    /// Sends the payloads held during a dribble, in order.
    private func finishDribble(client index: Int) {
        state.withLock { state in
            guard let link = state.links[index] else { return }
            state.links[index]?.isDribbling = false
            state.links[index]?.held = []
            for payload in link.held { link.connection.send(payload) }
        }
    }
}
