import DiscordGateway
import Testing

@Suite struct PackageTests {
    @Test func libraryNameIsStable() {
        #expect(DiscordGatewayLibrary.name == "swift-discord-gateway")
    }
}
