import DiscordGateway
import Testing

/// Close code classification (PROTOCOL §10) and opcode constants (§3).
@Suite struct GatewayCloseCodeTests {
    @Test(arguments: [4004, 4010, 4011, 4012, 4013, 4014] as [UInt16])
    func fatalCodesForbidReconnect(rawValue: UInt16) {
        let code = GatewayCloseCode(rawValue: rawValue)
        #expect(!code.allowsReconnect)
        #expect(code.isFatal)
    }

    @Test(
        arguments: [1000, 1001, 1005, 1006, 4000, 4001, 4002, 4003, 4005, 4007, 4008, 4009, 4006, 4015, 4999, 3000]
            as [UInt16])
    func otherAndUnknownCodesAllowReconnect(rawValue: UInt16) {
        #expect(GatewayCloseCode(rawValue: rawValue).allowsReconnect)
    }

    @Test func onlyInvalidSequenceAndSessionTimeoutRequireANewSession() {
        let requiring = (0...UInt16(5000)).filter { GatewayCloseCode(rawValue: $0).requiresNewSession }
        #expect(requiring == [4007, 4009])
    }

    @Test func descriptionNamesKnownCodes() {
        #expect(GatewayCloseCode.authenticationFailed.description == "4004 Authentication failed")
        #expect(GatewayCloseCode(rawValue: 4999).description == "4999 unknown")
        #expect(GatewayCloseCode.abnormalClosure.name == "Abnormal closure")
    }

    @Test func normalAndGoingAwayInvalidateTheSession() {
        #expect(GatewayCloseCode.normalClosure.invalidatesSession)
        #expect(GatewayCloseCode.goingAway.invalidatesSession)
        #expect(!GatewayCloseCode.unknownError.invalidatesSession)
    }

    @Test func opcodeConstantsMatchTheDocumentedNumbers() {
        let opcodes: [GatewayOpcode] = [
            .dispatch, .heartbeat, .identify, .presenceUpdate, .voiceStateUpdate, .resume, .reconnect,
            .requestGuildMembers, .invalidSession, .hello, .heartbeatAck, .requestSoundboardSounds,
            .requestChannelInfo,
        ]
        #expect(opcodes.map(\.rawValue) == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 31, 43])
        #expect(GatewayOpcode(rawValue: 5).name == nil)
        #expect(GatewayOpcode.hello.description == "10 Hello")
    }
}
