// Typed decode throughput per event type, next to a bare JSONSerialization parse of the same bytes.
//
// For each type of a busy bot's mix (MESSAGE_CREATE, PRESENCE_UPDATE, TYPING_START, GUILD_CREATE) it measures,
// on one thread, in the same run:
// - `JSONSerialization`: `JSONSerialization.jsonObject(with:)` of the whole payload (the baseline: an untyped
//   parse that every typed decoder has to beat or approach);
// - `typed`: `DispatchEvent.decode(name:payload:)` (Foundation's JSONDecoder into the DiscordModel types);
// - `skip`: what a filtered-out event costs the shard (`ReceivedPayload.decode` with an empty filter: the
//   envelope peek only, no copy, no parse of `d`).
// Each figure is the best of several rounds of thread CPU time, in ns per event, plus the typed/baseline ratio.
//
// Run: swift run -c release DecodeBenchmark [--rounds 5] [--scale 1.0]

import BenchmarkSupport
import DiscordGateway
import DiscordGatewayTesting
import Foundation

/// Command-line options.
struct Options {
    /// Rounds per measurement; the best is reported.
    var rounds = 5
    /// Multiplies the number of payloads per type.
    var scale = 1.0

    /// Parses `--rounds N --scale X`.
    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--rounds": rounds = iterator.next().flatMap { Int($0) } ?? rounds
            case "--scale": scale = iterator.next().flatMap { Double($0) } ?? scale
            default: print("unknown argument \(argument)")
            }
        }
    }
}

/// One event type's payloads.
struct Workload {
    /// The dispatch name.
    let name: String
    /// Whole payloads.
    let payloads: [[UInt8]]
    /// Share of a busy bot's traffic, for the weighted mix line.
    let share: Double

    /// Average payload size in bytes.
    var averageBytes: Int {
        payloads.reduce(0) { $0 + $1.count } / max(payloads.count, 1)
    }
}

/// Best-of-`rounds` thread CPU nanoseconds per payload for `body`.
func measure(_ workload: Workload, rounds: Int, _ body: ([UInt8]) -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = Measure.threadCPUTime()
        for payload in workload.payloads { body(payload) }
        let elapsed = Measure.nanoseconds(Measure.threadCPUTime() - start)
        best = min(best, elapsed / Double(workload.payloads.count))
    }
    return best
}

let options = Options(arguments: CommandLine.arguments)
var fixtures = GatewayFixtures(seed: 42)
func make(_ count: Double, _ generate: (Int) -> String) -> [[UInt8]] {
    (0..<max(1, Int(count * options.scale))).map { Array(generate($0 + 1).utf8) }
}
let workloads = [
    Workload(name: "MESSAGE_CREATE", payloads: make(4000) { fixtures.messageCreate(sequence: $0) }, share: 0.45),
    Workload(name: "PRESENCE_UPDATE", payloads: make(4000) { fixtures.presenceUpdate(sequence: $0) }, share: 0.35),
    Workload(name: "TYPING_START", payloads: make(4000) { fixtures.typingStart(sequence: $0) }, share: 0.199),
    Workload(name: "GUILD_CREATE", payloads: make(40) { fixtures.guildCreate(sequence: $0) }, share: 0.001),
]

// Every payload must decode, or the typed figures would measure error paths.
for workload in workloads {
    for payload in workload.payloads {
        do {
            let event = try DispatchEvent.decode(name: workload.name, payload: payload)
            guard event.type.rawValue == workload.name else { fatalError("\(workload.name) decoded as \(event.type)") }
        } catch {
            fatalError("benchmark payload does not decode: \(error)")
        }
    }
}

print("DecodeBenchmark: best of \(options.rounds) rounds, thread CPU time, ns per event")
print(
    "type".padding(toLength: 16, withPad: " ", startingAt: 0) + "   bytes  JSONSerialization      typed  ratio"
        + "    skip")
var weighted = (baseline: 0.0, typed: 0.0, skip: 0.0, bytes: 0.0)
for workload in workloads {
    let baseline = measure(workload, rounds: options.rounds) { payload in
        _ = try? JSONSerialization.jsonObject(with: Data(payload))
    }
    let typed = measure(workload, rounds: options.rounds) { payload in
        _ = try? DispatchEvent.decode(name: workload.name, payload: payload)
    }
    let skip = measure(workload, rounds: options.rounds) { payload in
        _ = try? ReceivedPayload.decode(payload, filter: .none)
    }
    weighted.baseline += baseline * workload.share
    weighted.typed += typed * workload.share
    weighted.skip += skip * workload.share
    weighted.bytes += Double(workload.averageBytes) * workload.share
    func column(_ value: Double, _ width: Int) -> String {
        let text = String(Int(value.rounded()))
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
    print(
        workload.name.padding(toLength: 16, withPad: " ", startingAt: 0) + column(Double(workload.averageBytes), 8)
            + column(baseline, 19) + column(typed, 11) + "  " + String(format: "%.2f×", typed / baseline)
            + column(skip, 8))
}
print(
    "weighted mix (45% MESSAGE_CREATE, 35% PRESENCE_UPDATE, 19.9% TYPING_START, 0.1% GUILD_CREATE): "
        + "JSONSerialization \(Int(weighted.baseline.rounded())) ns, typed \(Int(weighted.typed.rounded())) ns "
        + "(\(String(format: "%.2f", weighted.typed / weighted.baseline))×), skip \(Int(weighted.skip.rounded())) ns, "
        + "\(Int(weighted.bytes.rounded())) bytes/event")
