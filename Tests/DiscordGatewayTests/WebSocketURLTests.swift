import DiscordGateway
import Testing

@Suite struct WebSocketURLTests {
    @Test func parsesDiscordGatewayURL() throws {
        let url = try WebSocketURL(string: "wss://gateway.discord.gg/?v=10&encoding=json")
        #expect(url.isSecure)
        #expect(url.host == "gateway.discord.gg")
        #expect(url.port == 443)
        #expect(url.pathAndQuery == "/?v=10&encoding=json")
        #expect(url.path == "/")
        #expect(url.query == "v=10&encoding=json")
        #expect(url.description == "wss://gateway.discord.gg/?v=10&encoding=json")
    }

    @Test(arguments: [
        ("ws://example.com", false, "example.com", 80, "/"),
        ("wss://example.com", true, "example.com", 443, "/"),
        ("WSS://Example.COM:8443/a/b?c=d", true, "example.com", 8443, "/a/b?c=d"),
        ("ws://127.0.0.1:8080/gw", false, "127.0.0.1", 8080, "/gw"),
        ("ws://host?x=1", false, "host", 80, "/?x=1"),
        ("ws://host:/", false, "host", 80, "/"),
        ("ws://[::1]:9000/x", false, "::1", 9000, "/x"),
        ("wss://[2001:db8::1]", true, "2001:db8::1", 443, "/"),
    ])
    func parsesValidURLs(string: String, isSecure: Bool, host: String, port: Int, target: String) throws {
        let url = try WebSocketURL(string: string)
        #expect(url.isSecure == isSecure)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.pathAndQuery == target)
    }

    @Test(arguments: [
        "http://example.com/", "https://example.com/", "example.com", "ws:/example.com", "ws://", "ws://:80/",
        "ws://host:0/", "ws://host:65536/", "ws://host:abc/", "ws://host:-1/", "ws://::1/", "ws://[::1/",
        "ws://[::1]x/", "ws://[example.com]/", "ws://user@host/", "ws://host/#fragment", "ws://host/a b",
        "ws://ho st/",
    ])
    func rejectsInvalidURLs(string: String) {
        let error = #expect(throws: WebSocketError.self) { _ = try WebSocketURL(string: string) }
        #expect(error?.code == .invalidURL)
    }

    @Test(arguments: [
        ("ws://localhost/", true), ("ws://LOCALHOST:1/", true), ("ws://127.0.0.1/", true), ("ws://127.1.2.3/", true),
        ("ws://[::1]/", true), ("ws://[0:0:0:0:0:0:0:1]/", true), ("ws://[::ffff:127.0.0.1]/", true),
        ("ws://128.0.0.1/", false), ("ws://10.0.0.1/", false), ("ws://[::2]/", false),
        ("wss://gateway.discord.gg/", false), ("ws://localhost.example.com/", false),
    ])
    func recognisesLoopbackHosts(string: String, isLoopback: Bool) throws {
        #expect(try WebSocketURL(string: string).isLoopback == isLoopback)
    }

    @Test func insecureURLIsOnlyAllowedForLoopback() throws {
        try WebSocketURL(string: "ws://127.0.0.1:9/").requireSecureUnlessLoopback()
        try WebSocketURL(string: "wss://gateway.discord.gg/").requireSecureUnlessLoopback()
        let error = #expect(throws: WebSocketError.self) {
            try WebSocketURL(string: "ws://gateway.discord.gg/").requireSecureUnlessLoopback()
        }
        #expect(error?.code == .insecureURLNotAllowed)
    }

    @Test func replacesQuery() throws {
        let url = try WebSocketURL(string: "wss://gateway.discord.gg/gw?old=1")
        #expect(url.replacingQuery("v=10&encoding=json").pathAndQuery == "/gw?v=10&encoding=json")
        #expect(url.replacingQuery(nil).pathAndQuery == "/gw")
        #expect(try WebSocketURL(string: "wss://h").replacingQuery("a=b").description == "wss://h/?a=b")
    }

    @Test func describesWithNonDefaultPortAndBrackets() throws {
        #expect(try WebSocketURL(string: "ws://[::1]:8080/x").description == "ws://[::1]:8080/x")
        #expect(try WebSocketURL(string: "ws://a:80").description == "ws://a/")
        #expect(try WebSocketURL(string: "ws://a:81").hostHeaderValue == "a:81")
    }

    @Test func equalURLsHashEqually() throws {
        let a = try WebSocketURL(string: "wss://Gateway.Discord.gg:443/")
        let b = try WebSocketURL(string: "wss://gateway.discord.gg")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }
}
