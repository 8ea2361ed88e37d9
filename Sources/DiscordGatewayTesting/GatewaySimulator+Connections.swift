internal import DiscordGateway
internal import Dispatch

/// Accepting connections and answering what clients send: Identify, Resume, heartbeats and commands.
extension GatewaySimulator {
    /// Registers a newly opened connection and greets it with Hello. Runs on the connection's I/O thread before
    /// its first message is read.
    func attach(_ connection: FakeGatewayConnection) {
        let client = state.withLock { state -> SimulatedClient in
            let index = state.clients.count
            let client = SimulatedClient(index: index, connection: connection, simulator: self)
            state.clients.append(client)
            state.links[index] = Link(connection: connection)
            return client
        }
        let index = client.index
        connection.setObserver(
            .init(
                didReceive: { [weak self] message in self?.receive(message, from: index) },
                didClose: { [weak self] closure in self?.connectionEnded(index, closure: closure) }))
        if configuration.sendsHello {
            connection.send(SimulatorPayloads.hello(heartbeatInterval: configuration.heartbeatInterval))
        }
        if configuration.log != nil {
            let line = "client \(index): connected to \(connection.path) \(connection.query)"
            state.withLock { $0.pendingLog.append(line) }
            flushLog()
        }
        accepted.put(client)
    }

    /// Handles one message from a client.
    private func receive(_ message: FakeGatewayConnection.ReceivedMessage, from index: Int) {
        let now = ContinuousClock.now
        let client = state.withLock { state -> SimulatedClient? in
            guard let link = state.links[index], !link.isClosing else { return nil }
            let windowStart = now - configuration.commandWindow
            var times = link.commandTimes.filter { $0 > windowStart }
            if times.count >= configuration.commandLimit {
                closeLink(
                    index, code: 4008, reason: "Rate limited.", kind: .rateLimited,
                    detail: "more than \(configuration.commandLimit) payloads in \(configuration.commandWindow)",
                    in: &state)
                return nil
            }
            times.append(now)
            state.links[index]?.commandTimes = times
            return state.clients.indices.contains(index) ? state.clients[index] : nil
        }
        defer { flushLog() }
        guard let client else { return }
        guard message.bytes.count <= Self.maximumPayloadSize else {
            closeWithViolation(
                index, code: 4002, reason: "Error while decoding payload.", kind: .payloadTooLarge,
                detail: "\(message.bytes.count) bytes")
            return
        }
        let json: SimulatorJSON
        do {
            json = try SimulatorJSON(parsing: message.bytes)
        } catch {
            closeWithViolation(
                index, code: 4002, reason: "Error while decoding payload.", kind: .decodeError,
                detail: "invalid JSON: \(error)")
            return
        }
        guard let opcode = json["op"]?.intValue else {
            closeWithViolation(
                index, code: 4002, reason: "Error while decoding payload.", kind: .decodeError,
                detail: "no integer \"op\"")
            return
        }
        let data = json["d"] ?? .null
        let payload = ClientPayload(op: opcode, data: data, text: message.text, arrival: now)
        client.record(payload)
        state.withLock { handle(payload, from: index, at: now, in: &$0) }
    }

    /// Acts on one decoded payload.
    private func handle(
        _ payload: ClientPayload, from index: Int, at now: ContinuousClock.Instant, in state: inout State
    ) {
        guard let link = state.links[index], !link.isClosing else { return }
        switch payload.op {
        case 1:
            guard payload.data.isNull || payload.data.intValue != nil else {
                closeLink(
                    index, code: 4002, reason: "Error while decoding payload.", kind: .decodeError,
                    detail: "heartbeat d is \(payload.d)", in: &state)
                return
            }
            if configuration.acknowledgesHeartbeats && !link.suppressesAcks {
                transmit(SimulatorPayloads.control(opcode: 11, data: "null"), to: index, in: &state)
            }
        case 2:
            identify(payload, from: index, at: now, in: &state)
        case 6:
            resume(payload, from: index, in: &state)
        case 3, 4, 8, 31, 43:
            guard let sessionID = link.sessionID, link.isAuthenticated else {
                closeLink(
                    index, code: 4003, reason: "Not authenticated.", kind: .notAuthenticated,
                    detail: "op \(payload.op) before Identify or Resume", in: &state)
                return
            }
            command(payload, session: sessionID, from: index, in: &state)
        default:
            closeLink(
                index, code: 4001, reason: "Unknown opcode.", kind: .unknownOpcode, detail: "op \(payload.op)",
                in: &state)
        }
    }

    /// Validates an Identify and starts a session: READY, then one GUILD_CREATE per guild of the shard.
    private func identify(
        _ payload: ClientPayload, from index: Int, at now: ContinuousClock.Instant, in state: inout State
    ) {
        let data = payload.data
        if state.links[index]?.isAuthenticated == true {
            return closeLink(
                index, code: 4005, reason: "Already authenticated.", kind: .alreadyAuthenticated,
                detail: "second Identify on one connection", in: &state)
        }
        guard let token = data["token"]?.stringValue, isValid(token: token, in: state) else {
            return closeLink(
                index, code: 4004, reason: "Authentication failed.", kind: .invalidToken,
                detail: "identify with invalid token", in: &state)
        }
        guard let intentValue = data["intents"]?.intValue, let intents = UInt64(exactly: intentValue) else {
            return closeLink(
                index, code: 4013, reason: "Invalid intent(s).", kind: .invalidIntents,
                detail: "missing or negative intents", in: &state)
        }
        let undocumented = intents & ~GatewayIntents.allDocumented.rawValue
        guard undocumented == 0 else {
            return closeLink(
                index, code: 4013, reason: "Invalid intent(s).", kind: .invalidIntents,
                detail: "undocumented intent bits \(undocumented)", in: &state)
        }
        let disallowed = intents & GatewayIntents.privileged.rawValue & ~configuration.allowedIntents
        guard disallowed == 0 else {
            return closeLink(
                index, code: 4014, reason: "Disallowed intent(s).", kind: .disallowedIntents,
                detail: "privileged intents not enabled: \(GatewayIntents(rawValue: disallowed))", in: &state)
        }
        var shard: [Int]?
        if let value = data["shard"], !value.isNull {
            guard let pair = value.arrayValue, pair.count == 2, let id = pair[0].intValue, let count = pair[1].intValue,
                count >= 1, id >= 0, id < count
            else {
                return closeLink(
                    index, code: 4010, reason: "Invalid shard.", kind: .invalidShard, detail: "shard \(value)",
                    in: &state)
            }
            shard = [id, count]
        }
        let shardCount = shard?[1] ?? 1
        let (capacity, overflow) = configuration.maximumGuildsPerShard.multipliedReportingOverflow(by: shardCount)
        if !overflow && configuration.guildCount > capacity {
            return closeLink(
                index, code: 4011, reason: "Sharding required.", kind: .shardingRequired,
                detail: "\(configuration.guildCount) guilds over \(shardCount) shard(s)", in: &state)
        }
        switch state.identifyGate.admit(shard: shard, clientIndex: index, at: now) {
        case .accepted:
            break
        case .rateLimited(let bucket, let since):
            note(
                SimulatorViolation(
                    kind: .identifyRateLimited,
                    detail: "shard \(shard.map { "\($0)" } ?? "none") in bucket \(bucket) (shard id % "
                        + "\(configuration.maxConcurrency ?? 1)); the bucket started a session \(since) ago",
                    closeCode: nil, clientIndex: index), in: &state)
            transmit(SimulatorPayloads.control(opcode: 9, data: "false"), to: index, in: &state)
            return
        case .budgetExhausted(let total):
            return resetToken(token, exceededBy: index, shard: shard, total: total, in: &state)
        }
        schedulePumpIfNeeded(in: &state)
        let sessionID = SimulatorPayloads.makeSessionID()
        let guildIDs = Self.guildIDs(count: configuration.guildCount, shard: shard)
        let presence = data["presence"].flatMap { $0.isNull ? nil : $0.description }
        state.sessions[sessionID] = Session(
            token: token, shard: shard, intents: intents, guildIDs: guildIDs, presence: presence, clientIndex: index)
        state.sessionOrder.append(sessionID)
        state.links[index]?.sessionID = sessionID
        state.links[index]?.isAuthenticated = true
        if let identify = IdentifyPayload(payload) {
            state.identifies.append(identify)
            IdentifyGate.trim(&state.identifies, to: configuration.historyLimit)
        }
        let ready = SimulatorPayloads.ready(
            sessionID: sessionID, resumeURL: resumeURL, shard: shard, guildIDs: guildIDs)
        _ = emit("READY", data: ready, session: sessionID, in: &state)
        if configuration.log != nil {
            state.pendingLog.append(
                "client \(index): identified, session \(sessionID), shard \(shard.map { "\($0)" } ?? "none"),"
                    + " \(guildIDs.count) guilds")
        }
        guard configuration.sendsGuildCreates else { return }
        for guildID in guildIDs {
            let guildIndex = Self.guildIndex(of: guildID, count: configuration.guildCount)
            let guild = SimulatorPayloads.guildCreate(guildID: guildID, index: guildIndex)
            _ = emit("GUILD_CREATE", data: guild, session: sessionID, in: &state)
        }
    }

    /// Resumes a session (replay, then RESUMED) or answers Invalid Session (`false`).
    private func resume(_ payload: ClientPayload, from index: Int, in state: inout State) {
        let data = payload.data
        if state.links[index]?.isAuthenticated == true {
            return closeLink(
                index, code: 4005, reason: "Already authenticated.", kind: .alreadyAuthenticated,
                detail: "Resume on an authenticated connection", in: &state)
        }
        guard let token = data["token"]?.stringValue, isValid(token: token, in: state) else {
            return closeLink(
                index, code: 4004, reason: "Authentication failed.", kind: .invalidToken,
                detail: "resume with invalid token", in: &state)
        }
        let sessionID = data["session_id"]?.stringValue ?? ""
        let sequence = data["seq"]?.intValue ?? 0
        let refusal: String?
        if let session = state.sessions[sessionID] {
            if session.isInvalidated {
                refusal = "session \(sessionID) was invalidated"
            } else if session.token != token {
                refusal = "token does not match session \(sessionID)"
            } else if sequence > session.lastSequence || sequence < 0 {
                refusal = "seq \(sequence) is not in 0...\(session.lastSequence)"
            } else if sequence < session.trimmedThrough {
                refusal = "dispatches after seq \(sequence) are no longer kept"
            } else {
                refusal = nil
            }
        } else {
            refusal = "unknown session \(sessionID)"
        }
        if let refusal {
            note(
                SimulatorViolation(kind: .resumeRefused, detail: refusal, closeCode: nil, clientIndex: index),
                in: &state)
            transmit(SimulatorPayloads.control(opcode: 9, data: "false"), to: index, in: &state)
            return
        }
        if let previous = state.sessions[sessionID]?.clientIndex, previous != index {
            state.links[previous]?.sessionID = nil
        }
        state.sessions[sessionID]?.clientIndex = index
        state.links[index]?.sessionID = sessionID
        state.links[index]?.isAuthenticated = true
        state.resumeCount += 1
        let replay = state.sessions[sessionID]?.log.filter { $0.sequence > sequence } ?? []
        for entry in replay { transmit(entry.text, to: index, in: &state) }
        if configuration.log != nil {
            state.pendingLog.append("client \(index): resumed session \(sessionID), replayed \(replay.count)")
        }
        _ = emit("RESUMED", data: SimulatorPayloads.resumed, session: sessionID, logged: false, in: &state)
    }

    /// Answers an authenticated command (op 3, 4, 8, 31, 43).
    private func command(_ payload: ClientPayload, session sessionID: String, from index: Int, in state: inout State) {
        let data = payload.data
        let invalid = {
            (state: inout State, what: String) in
            self.closeLink(
                index, code: 4001, reason: "Unknown opcode.", kind: .invalidPayload,
                detail: "op \(payload.op): \(what)", in: &state)
        }
        switch payload.op {
        case 3:
            state.sessions[sessionID]?.presence = data.description
        case 4:
            guard let guildID = data["guild_id"]?.stringValue else { return invalid(&state, "no guild_id") }
            _ = emit(
                "VOICE_STATE_UPDATE", data: SimulatorPayloads.voiceState(request: data, sessionID: sessionID),
                session: sessionID, in: &state)
            if data["channel_id"]?.stringValue != nil {
                _ = emit(
                    "VOICE_SERVER_UPDATE", data: SimulatorPayloads.voiceServer(guildID: guildID), session: sessionID,
                    in: &state)
            }
        case 8:
            guard let guildID = data["guild_id"]?.stringValue else { return invalid(&state, "no guild_id") }
            let wantsAll = data["user_ids"] == nil && data["query"]?.stringValue == "" && data["limit"]?.intValue == 0
            if wantsAll, let interval = configuration.allMembersRequestInterval {
                let now = payload.arrival
                if let last = state.allMembersRequests[guildID], now - last < interval {
                    let retryAfter = interval - (now - last)
                    let seconds =
                        Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18
                    let nonce = data["nonce"]?.stringValue.map { #","nonce":\#(SimulatorPayloads.quoted($0))"# } ?? ""
                    _ = emit(
                        "RATE_LIMITED",
                        data:
                            #"{"opcode":8,"retry_after":\#(seconds),"meta":{"guild_id":\#(SimulatorPayloads.quoted(guildID))\#(nonce)}}"#,
                        session: sessionID, in: &state)
                    return
                }
                state.allMembersRequests[guildID] = now
            }
            _ = emit(
                "GUILD_MEMBERS_CHUNK", data: SimulatorPayloads.membersChunk(request: data), session: sessionID,
                in: &state)
        case 31:
            guard let guilds = data["guild_ids"]?.arrayValue else { return invalid(&state, "no guild_ids") }
            for guild in guilds {
                guard let guildID = guild.stringValue else { continue }
                _ = emit(
                    "SOUNDBOARD_SOUNDS", data: SimulatorPayloads.soundboardSounds(guildID: guildID),
                    session: sessionID, in: &state)
            }
        default:
            guard let guildID = data["guild_id"]?.stringValue else { return invalid(&state, "no guild_id") }
            let fields = data["fields"]?.arrayValue?.compactMap { $0.stringValue } ?? []
            _ = emit(
                "CHANNEL_INFO", data: SimulatorPayloads.channelInfo(guildID: guildID, fields: fields),
                session: sessionID, in: &state)
        }
    }

    /// Records the end of a connection: the session loses its connection, and is invalidated when the client
    /// closed with 1000 or 1001.
    private func connectionEnded(_ index: Int, closure: FakeGatewayConnection.Closure) {
        defer { flushLog() }
        state.withLock { state in
            if configuration.log != nil {
                state.pendingLog.append(
                    "client \(index): ended, code \(closure.code.map(String.init) ?? "none")"
                        + " by \(closure.closedByClient ? "client" : "server")")
            }
            state.links[index]?.isClosing = true
            state.links[index]?.held = []
            guard let sessionID = state.links[index]?.sessionID, state.sessions[sessionID]?.clientIndex == index
            else { return }
            state.sessions[sessionID]?.clientIndex = nil
            if closure.closedByClient, let code = closure.code, code == 1000 || code == 1001 {
                state.sessions[sessionID]?.isInvalidated = true
                note(
                    SimulatorViolation(
                        kind: .sessionClosedByClient, detail: "client closed with \(code); session \(sessionID) ended",
                        closeCode: nil, clientIndex: index), in: &state)
            }
        }
    }

    /// Whether a token is configured and not revoked.
    func isValid(token: String, in state: State) -> Bool {
        configuration.validTokens.contains(token) && !state.revokedTokens.contains(token)
    }

    /// Discord's answer to an Identify with no session starts left: records the violation, revokes the token and
    /// closes every live session of it (and the offending connection) with 4004.
    private func resetToken(_ token: String, exceededBy index: Int, shard: [Int]?, total: Int, in state: inout State) {
        state.revokedTokens.insert(token)
        var closed = 0
        for id in state.sessionOrder {
            guard let session = state.sessions[id], session.token == token else { continue }
            state.sessions[id]?.isInvalidated = true
            guard let clientIndex = session.clientIndex, clientIndex != index,
                let link = state.links[clientIndex], !link.isClosing
            else { continue }
            state.links[clientIndex]?.isClosing = true
            link.connection.close(code: 4004, reason: "Authentication failed.")
            closed += 1
        }
        closeLink(
            index, code: 4004, reason: "Authentication failed.", kind: .sessionStartLimitExceeded,
            detail: "Identify for shard \(shard.map { "\($0)" } ?? "none") with 0 of \(total) session starts left;"
                + " token reset, \(closed) live session(s) closed with 4004", in: &state)
    }
}
