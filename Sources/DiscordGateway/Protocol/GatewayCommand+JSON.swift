extension GatewayCommand {
    /// Encodes the command as the UTF-8 JSON text frame to send.
    ///
    /// - Returns: the payload bytes, at most ``maximumPayloadSize``.
    /// - Throws: ``GatewayCommandError`` when a field is outside Discord's limits or the payload is too large;
    ///   nothing should be sent then.
    public func encode() throws(GatewayCommandError) -> [UInt8] {
        try validate()
        let bytes = makeJSON(redactingToken: false)
        guard bytes.count <= Self.maximumPayloadSize else {
            throw .payloadTooLarge(size: bytes.count)
        }
        return bytes
    }

    /// Checks field limits that do not depend on the encoded size.
    private func validate() throws(GatewayCommandError) {
        switch self {
        case .identify(let identify):
            guard (50...250).contains(identify.largeThreshold) else {
                throw .invalidField("large_threshold \(identify.largeThreshold) is outside 50...250")
            }
            if let shard = identify.shard, !shard.isValid {
                throw .invalidField("shard \(shard) needs 0 <= id < count")
            }
        case .heartbeat, .resume, .presenceUpdate, .voiceStateUpdate:
            break
        case .requestGuildMembers(let request):
            if let nonce = request.nonce, nonce.utf8.count > 32 {
                throw .invalidField("nonce is \(nonce.utf8.count) bytes, limit 32")
            }
            switch request.selection {
            case .query(_, let limit):
                guard limit >= 0 else { throw .invalidField("limit \(limit) is negative") }
            case .userIDs(let ids):
                guard !ids.isEmpty, ids.count <= 100 else {
                    throw .invalidField("user_ids has \(ids.count) entries, allowed 1...100")
                }
            }
        case .requestSoundboardSounds(let request):
            guard !request.guildIDs.isEmpty else { throw .invalidField("guild_ids is empty") }
        case .requestChannelInfo(let request):
            guard !request.fields.isEmpty else { throw .invalidField("fields is empty") }
        case .raw(let opcode, let data):
            guard opcode.rawValue >= 0 else { throw .invalidField("op \(opcode.rawValue) is negative") }
            guard JSONValueValidator.isValid(data) else {
                throw GatewayCommandError(code: .invalidJSON, detail: "d is not one well-formed JSON value")
            }
        }
    }

    /// Writes the payload without checking limits; the token is replaced when `redactingToken` is set.
    func makeJSON(redactingToken: Bool) -> [UInt8] {
        var writer = CommandJSONWriter()
        writer.raw("{\"op\":")
        writer.integer(opcode.rawValue)
        writer.raw(",\"d\":")
        switch self {
        case .identify(let identify):
            writer.raw("{")
            writer.key("token")
            writer.string(redactingToken ? "<redacted>" : identify.token.secret)
            writer.raw(",\"properties\":{")
            writer.key("os")
            writer.string(identify.properties.os)
            writer.raw(",")
            writer.key("browser")
            writer.string(identify.properties.browser)
            writer.raw(",")
            writer.key("device")
            writer.string(identify.properties.device)
            writer.raw("},\"compress\":false,")
            writer.key("large_threshold")
            writer.integer(identify.largeThreshold)
            if let shard = identify.shard {
                writer.raw(",\"shard\":[")
                writer.integer(shard.id)
                writer.raw(",")
                writer.integer(shard.count)
                writer.raw("]")
            }
            if let presence = identify.presence {
                writer.raw(",")
                writer.key("presence")
                Self.writePresence(presence, into: &writer)
            }
            writer.raw(",")
            writer.key("intents")
            writer.integer(identify.intents.rawValue)
            writer.raw("}")
        case .resume(let resume):
            writer.raw("{")
            writer.key("token")
            writer.string(redactingToken ? "<redacted>" : resume.token.secret)
            writer.raw(",")
            writer.key("session_id")
            writer.string(resume.sessionID)
            writer.raw(",")
            writer.key("seq")
            writer.integer(resume.sequence)
            writer.raw("}")
        case .heartbeat(let sequence):
            writer.optionalInteger(sequence)
        case .presenceUpdate(let presence):
            Self.writePresence(presence, into: &writer)
        case .voiceStateUpdate(let voice):
            writer.raw("{")
            writer.key("guild_id")
            writer.string(voice.guildID.description)
            writer.raw(",")
            writer.key("channel_id")
            writer.optionalString(voice.channelID?.description)
            writer.raw(",")
            writer.key("self_mute")
            writer.bool(voice.selfMute)
            writer.raw(",")
            writer.key("self_deaf")
            writer.bool(voice.selfDeaf)
            writer.raw("}")
        case .requestGuildMembers(let request):
            writer.raw("{")
            writer.key("guild_id")
            writer.string(request.guildID.description)
            switch request.selection {
            case .query(let query, let limit):
                writer.raw(",")
                writer.key("query")
                writer.string(query)
                writer.raw(",")
                writer.key("limit")
                writer.integer(limit)
            case .userIDs(let ids):
                writer.raw(",")
                writer.key("user_ids")
                writer.stringArray(ids.map(\.description))
            }
            writer.raw(",")
            writer.key("presences")
            writer.bool(request.presences)
            if let nonce = request.nonce {
                writer.raw(",")
                writer.key("nonce")
                writer.string(nonce)
            }
            writer.raw("}")
        case .requestSoundboardSounds(let request):
            writer.raw("{")
            writer.key("guild_ids")
            writer.stringArray(request.guildIDs.map(\.description))
            writer.raw("}")
        case .requestChannelInfo(let request):
            writer.raw("{")
            writer.key("guild_id")
            writer.string(request.guildID.description)
            writer.raw(",")
            writer.key("fields")
            writer.stringArray(request.fields)
            writer.raw("}")
        case .raw(_, let data):
            writer.bytes.append(contentsOf: data.utf8)
        }
        writer.raw("}")
        return writer.bytes
    }

    /// Writes a presence object (op 3's `d` and Identify's `presence`).
    private static func writePresence(_ presence: PresenceUpdate, into writer: inout CommandJSONWriter) {
        writer.raw("{")
        writer.key("since")
        writer.optionalInteger(presence.since)
        writer.raw(",")
        writer.key("activities")
        writer.raw("[")
        for (index, activity) in presence.activities.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            writer.key("name")
            writer.string(activity.name)
            writer.raw(",")
            writer.key("type")
            writer.integer(activity.type.rawValue)
            if let state = activity.state {
                writer.raw(",")
                writer.key("state")
                writer.string(state)
            }
            if let url = activity.url {
                writer.raw(",")
                writer.key("url")
                writer.string(url)
            }
            writer.raw("}")
        }
        writer.raw("],")
        writer.key("status")
        writer.string(presence.status.rawValue)
        writer.raw(",")
        writer.key("afk")
        writer.bool(presence.isAFK)
        writer.raw("}")
    }
}
