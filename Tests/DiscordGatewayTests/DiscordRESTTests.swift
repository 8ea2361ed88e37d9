import DiscordGateway
import DiscordGatewayTesting
import Testing

@Suite(.usesSockets, .timeLimit(.minutes(1))) struct DiscordRESTTests {
    /// Discord's documented example answer.
    private static let gatewayBotJSON = """
        {"url":"wss://gateway.discord.gg","shards":9,\
        "session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}
        """

    @Test func fetchesGatewayBotWithTheBotTokenAndUserAgent() async throws {
        let server = try TestHTTPServer { _ in .json(Self.gatewayBotJSON) }
        defer { server.stop() }
        let info = try await DiscordREST.gatewayBot(
            token: BotToken("Bot abc.def"), apiBaseURL: server.baseURL + "/api/v10/")
        #expect(
            info
                == GatewayBotInfo(
                    url: "wss://gateway.discord.gg", shards: 9,
                    sessionStartLimit: SessionStartLimit(
                        total: 1000, remaining: 999, resetAfter: .seconds(14_400), maxConcurrency: 1)))
        let request = try await server.requests.next(timeout: .seconds(5))
        #expect(request.target == "/api/v10/gateway/bot")
        #expect(request.header("Authorization") == "Bot abc.def")
        #expect(request.header("User-Agent")?.hasPrefix("DiscordBot (https://github.com/") == true)
    }

    @Test func aRejectedTokenGivesAnUnauthorizedErrorWithoutTheToken() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"message":"401: Unauthorized","code":0}"#, status: 401) }
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) {
            _ = try await DiscordREST.gatewayBot(token: "super-secret-token", apiBaseURL: server.baseURL)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.status == 401)
        #expect(error?.description.contains("token") == true)
        #expect(error?.description.contains("super-secret-token") == false)
    }

    @Test func otherStatusesAreBadStatus() async throws {
        let server = try TestHTTPServer { _ in
            .json(#"{"message":"You are being rate limited.","retry_after":1.5}"#, status: 429)
        }
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) {
            _ = try await DiscordREST.gatewayBot(token: "t", apiBaseURL: server.baseURL)
        }
        #expect(error?.code == .badStatus)
        #expect(error?.status == 429)
    }

    @Test func unexpectedJSONIsMalformed() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"url":"wss://x"}"#) }
        defer { server.stop() }
        let error = await #expect(throws: HTTPError.self) {
            _ = try await DiscordREST.gatewayBot(token: "t", apiBaseURL: server.baseURL)
        }
        #expect(error?.code == .malformedResponse)
    }
}
