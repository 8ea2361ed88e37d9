internal import DiscordGateway
internal import Dispatch

/// Numbering, queueing and sending dispatches; closing connections with Discord's close codes.
extension GatewaySimulator {
    /// Numbers a dispatch with the session's next sequence, keeps it for replay (unless `logged` is false) and
    /// sends it on the session's connection, if any.
    /// - Returns: the sequence number, or 0 for an unknown session.
    func emit(
        _ name: String, data: String, session id: String, logged: Bool = true, in state: inout State
    )
        -> Int
    {
        guard var session = state.sessions.removeValue(forKey: id) else { return 0 }
        session.lastSequence &+= 1
        let sequence = session.lastSequence
        let text = SimulatorPayloads.dispatch(name, sequence: sequence, data: data)
        if logged {
            session.log.append((sequence, text))
            let limit = max(configuration.replayLimit, 0)
            if session.log.count > limit + limit / 4 + 16 || (limit == 0 && !session.log.isEmpty) {
                let excess = session.log.count - limit
                session.trimmedThrough = session.log[excess - 1].sequence
                session.log.removeFirst(excess)
            }
        }
        let clientIndex = session.clientIndex
        state.sessions[id] = session
        if let clientIndex { transmit(text, to: clientIndex, in: &state) }
        return sequence
    }

    /// Sends a payload to a client, or holds it while a slow payload is being dribbled out.
    func transmit(_ text: String, to index: Int, in state: inout State) {
        guard let link = state.links[index] else { return }
        if link.isDribbling {
            state.links[index]?.held.append(Array(text.utf8))
        } else {
            link.connection.send(text)
        }
    }

    /// Records a violation or notable event (and logs it).
    func note(_ violation: SimulatorViolation, in state: inout State) {
        state.violations.append(violation)
        IdentifyGate.trim(&state.violations, to: configuration.historyLimit)
        if configuration.log != nil { state.pendingLog.append("client \(violation.clientIndex): \(violation)") }
    }

    /// Hands pending log lines to ``Configuration/log``, outside the lock.
    func flushLog() {
        guard let log = configuration.log else { return }
        let lines = state.withLock { state -> [String] in
            defer { state.pendingLog.removeAll() }
            return state.pendingLog
        }
        for line in lines { log(line) }
    }

    /// Closes a connection with a Discord close code and records why.
    func closeLink(
        _ index: Int, code: UInt16, reason: String, kind: SimulatorViolation.Kind, detail: String,
        in state: inout State
    ) {
        guard let link = state.links[index], !link.isClosing else { return }
        state.links[index]?.isClosing = true
        note(SimulatorViolation(kind: kind, detail: detail, closeCode: code, clientIndex: index), in: &state)
        link.connection.close(code: code, reason: reason)
    }

    /// ``closeLink(_:code:reason:kind:detail:in:)`` taking the lock.
    func closeWithViolation(
        _ index: Int, code: UInt16, reason: String, kind: SimulatorViolation.Kind, detail: String
    ) {
        state.withLock { closeLink(index, code: code, reason: reason, kind: kind, detail: detail, in: &$0) }
    }

    /// The index of a guild id made by ``SimulatorPayloads/guildID(index:)`` (0 if it is not one), without a search.
    static func guildIndex(of guildID: UInt64, count: Int) -> Int {
        let index = Int(truncatingIfNeeded: (guildID >> 22) &- 262_000_000_000)
        guard index >= 0, index < count, SimulatorPayloads.guildID(index: index) == guildID else { return 0 }
        return index
    }

    /// Guild ids of a shard, in index order.
    static func guildIDs(count: Int, shard: [Int]?) -> [UInt64] {
        let all = (0..<max(count, 0)).map { SimulatorPayloads.guildID(index: $0) }
        guard let shard, shard.count == 2, shard[1] > 0 else { return all }
        return all.filter { ($0 >> 22) % UInt64(shard[1]) == UInt64(shard[0]) }
    }
}
