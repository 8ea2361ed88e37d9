import DiscordGateway
import Testing

/// Heartbeat round-trip measurement (PROTOCOL §16).
@Suite struct LatencyTests {
    let t0 = ContinuousClock.now

    @Test func measuresFromHeartbeatToAck() {
        var latency = Latency()
        latency.heartbeatSent(at: t0)
        #expect(latency.ackReceived(at: t0 + .milliseconds(80)) == .milliseconds(80))
        #expect(latency.last == .milliseconds(80))
        #expect(latency.average == .milliseconds(80))
    }

    @Test func unrequestedAckIsIgnored() {
        var latency = Latency()
        #expect(latency.ackReceived(at: t0) == nil)
        latency.heartbeatSent(at: t0)
        _ = latency.ackReceived(at: t0 + .milliseconds(10))
        #expect(latency.ackReceived(at: t0 + .milliseconds(20)) == nil)
        #expect(latency.sampleCount == 1)
    }

    @Test func keepsTheFiveMostRecentAndAveragesAll() {
        var latency = Latency()
        for index in 1...7 {
            let sent = t0 + .seconds(index * 40)
            latency.heartbeatSent(at: sent)
            _ = latency.ackReceived(at: sent + .milliseconds(index * 10))
        }
        #expect(latency.recent == [30, 40, 50, 60, 70].map { Duration.milliseconds($0) })
        #expect(latency.average == .milliseconds(40))
        #expect(latency.sampleCount == 7)
    }

    @Test func secondHeartbeatKeepsTheEarlierSendInstant() {
        var latency = Latency()
        latency.heartbeatSent(at: t0)
        latency.heartbeatSent(at: t0 + .milliseconds(30))
        #expect(latency.ackReceived(at: t0 + .milliseconds(50)) == .milliseconds(50))
    }

    @Test func endedConnectionForgetsTheOutstandingHeartbeat() {
        var latency = Latency()
        latency.heartbeatSent(at: t0)
        latency.connectionEnded()
        #expect(!latency.isAwaitingAck)
        #expect(latency.ackReceived(at: t0 + .seconds(1)) == nil)
        #expect(latency.average == nil)
    }
}
