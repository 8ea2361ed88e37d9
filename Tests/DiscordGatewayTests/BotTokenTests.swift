import DiscordGateway
import Testing

/// Token redaction and normalisation, and intents parsing.
@Suite struct BotTokenTests {
    static let secret = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789"

    @Test func descriptionsNeverContainTheSecret() {
        let token = BotToken(Self.secret)
        let texts = [
            token.description, token.debugDescription, String(describing: token), String(reflecting: token),
            "\(token)", String(describing: GatewayCommand.resume(.init(token: token, sessionID: "s", sequence: 1))),
            String(reflecting: GatewayCommand.resume(.init(token: token, sessionID: "s", sequence: 1))),
        ]
        for text in texts {
            #expect(!text.contains("abcdefghij"), "\(text)")
            #expect(!text.contains("MTIz"), "\(text)")
        }
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("MTIz"))
        #expect(token.description == "BotToken(redacted, \(Self.secret.utf8.count) characters)")
    }

    @Test(arguments: ["Bot ", "bot ", "BOT  ", "  Bot "])
    func botPrefixIsStripped(prefix: String) {
        #expect(BotToken(prefix + Self.secret + "\n").secret == Self.secret)
    }

    @Test func plainTokenIsKeptAsIs() {
        #expect(BotToken(Self.secret).secret == Self.secret)
        #expect(BotToken("Botany-token").secret == "Botany-token")
        #expect(BotToken("  ").isEmpty)
    }

    @Test func intentsParseFromDiscordNames() throws {
        #expect(try GatewayIntents(parsing: "GUILDS,GUILD_MESSAGES") == [.guilds, .guildMessages])
        #expect(try GatewayIntents(parsing: "GUILDS, GUILD_MESSAGES | MESSAGE_CONTENT").rawValue == 1 | 512 | 32768)
    }

    @Test func intentsParseFromSwiftNamesNumbersAndGroups() throws {
        #expect(try GatewayIntents(parsing: "guildMessages") == .guildMessages)
        #expect(try GatewayIntents(parsing: "513") == [.guilds, .guildMessages])
        #expect(try GatewayIntents(parsing: "0x201") == [.guilds, .guildMessages])
        #expect(try GatewayIntents(parsing: "nonPrivileged") == .nonPrivileged)
        #expect(try GatewayIntents(parsing: "") == [])
        #expect(try GatewayIntents(parsing: "GUILD_EMOJIS_AND_STICKERS") == .guildExpressions)
    }

    @Test func unknownIntentNameIsReported() {
        #expect(throws: GatewayIntents.ParseError(item: "GUILDZ")) {
            try GatewayIntents(parsing: "GUILDS,GUILDZ")
        }
    }

    @Test func privilegedAndNonPrivilegedPartitionTheDocumentedIntents() {
        #expect(GatewayIntents.privileged == [.guildMembers, .guildPresences, .messageContent])
        #expect(GatewayIntents.nonPrivileged.isDisjoint(with: .privileged))
        #expect(GatewayIntents.nonPrivileged.union(.privileged) == .allDocumented)
        #expect(GatewayIntents.allDocumented.rawValue == 0b11_0011_0001_1111_1111_1111_1111)
        #expect(GatewayIntents.named.count == 21)
    }

    @Test func intentsDescriptionListsNames() {
        #expect(GatewayIntents([.guilds, .guildMessages]).description == "GatewayIntents(GUILDS, GUILD_MESSAGES)")
        #expect(GatewayIntents(rawValue: 1 << 17).names == ["0x20000"])
    }
}
