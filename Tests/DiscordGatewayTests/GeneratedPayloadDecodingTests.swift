import DiscordGateway
import DiscordGatewayTesting
import Testing

/// The payloads `GatewayFixtures` generates for tests, benchmarks and the demo all decode into their typed models,
/// so benchmarks measure real decoding and the demo's typed count means something.
@Suite struct GeneratedPayloadDecodingTests {
    /// Decodes one whole payload, recording a failure with its reason.
    func decode(_ json: String) -> DispatchEvent? {
        let bytes = Array(json.utf8)
        guard let name = try? PayloadPeek(parsing: bytes).eventName else {
            Issue.record("no event name in \(json.prefix(80))")
            return nil
        }
        do {
            return try DispatchEvent.decode(name: name, payload: bytes)
        } catch {
            Issue.record("\(error)")
            return nil
        }
    }

    @Test func everyBusyBotDispatchDecodes() {
        var fixtures = GatewayFixtures(seed: 99)
        var types = Set<GatewayEventType>()
        for sequence in 1...500 {
            guard let event = decode(fixtures.busyBotDispatch(sequence: sequence)) else { continue }
            if case .unknown(let name, _) = event { Issue.record("\(name) decoded as unknown") }
            types.insert(event.type)
        }
        #expect(
            types == [.messageCreate, .presenceUpdate, .typingStart, .messageReactionAdd, .guildMemberUpdate])
    }

    @Test func benchmarkPayloadsDecodeWithTheirContent() throws {
        var fixtures = GatewayFixtures(seed: 5)
        guard case .messageCreate(let message) = decode(fixtures.messageCreate(sequence: 1, targetSize: 1500)) else {
            Issue.record("MESSAGE_CREATE")
            return
        }
        #expect(message.content.utf8.count > 400 && message.member?.roles.count == 1)
        guard case .presenceUpdate(let presence) = decode(fixtures.presenceUpdate(sequence: 2)) else {
            Issue.record("PRESENCE_UPDATE")
            return
        }
        #expect(presence.activities.map(\.type) == [.custom, .playing] && presence.clientStatus?.mobile == .idle)
        guard case .typingStart(let typing) = decode(fixtures.typingStart(sequence: 3)) else {
            Issue.record("TYPING_START")
            return
        }
        #expect(typing.member?.user?.id == typing.userID)
        guard case .guildCreate(.available(let guild)) = decode(fixtures.guildCreate(sequence: 4, members: 40)) else {
            Issue.record("GUILD_CREATE")
            return
        }
        #expect(guild.members?.count == 40 && guild.presences?.count == 40 && guild.roles.count == 20)
        #expect(guild.channels?.count == 30 && guild.threads?.count == 2 && guild.emojis.count == 10)
    }
}
