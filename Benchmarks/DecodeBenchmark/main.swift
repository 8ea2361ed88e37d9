// Typed decode throughput per event type, next to a bare JSONSerialization parse of the same bytes.
//
// For each type of a busy bot's mix (MESSAGE_CREATE, PRESENCE_UPDATE, TYPING_START, GUILD_CREATE) it measures,
// on one thread, in the same run:
// - `JSONSerialization`: `JSONSerialization.jsonObject(with:)` of the whole payload (the baseline: an untyped
//   parse that every typed decoder has to beat or approach);
// - `Foundation`: `DispatchEvent.decode(name:payload:backend: .foundation)` (Foundation's JSONDecoder into the
//   DiscordModel types);
// - `gateway`: `DispatchEvent.decode(name:payload:)`, which uses `GatewayJSONDecoder` (the tape-based decoder in
//   DiscordModel/JSON) into the same types;
// - `skip`: what a filtered-out event costs the shard (`ReceivedPayload.decode` with an empty filter: the
//   envelope peek only, no copy, no parse of `d`).
// Each figure is the best of several rounds of thread CPU time, in ns per event, plus the Foundation/gateway speed-up
// and the gateway/baseline ratio.
//
// Run: swift run -c release DecodeBenchmark [--rounds 5] [--scale 1.0] [--only serialization|foundation|gateway|skip]
// (`--only` measures one column, for profiling; the others print `-`.)

import BenchmarkSupport
import DiscordGateway
import DiscordGatewayTesting
import DiscordModel
import Foundation

/// Command-line options.
struct Options {
    /// Rounds per measurement; the best is reported.
    var rounds = 5
    /// Multiplies the number of payloads per type.
    var scale = 1.0
    /// The only column to measure, if one was chosen.
    var only: String?

    /// Whether to measure `column`.
    func measures(_ column: String) -> Bool {
        only == nil || only == column
    }

    /// Parses `--rounds N --scale X`.
    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--rounds": rounds = iterator.next().flatMap { Int($0) } ?? rounds
            case "--scale": scale = iterator.next().flatMap { Double($0) } ?? scale
            case "--only": only = iterator.next()
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

// Every payload must decode, the same with both decoders, or the typed figures would measure error paths.
for workload in workloads {
    for payload in workload.payloads {
        do {
            let event = try DispatchEvent.decode(name: workload.name, payload: payload)
            guard event.type.rawValue == workload.name else { fatalError("\(workload.name) decoded as \(event.type)") }
            let foundation = try DispatchEvent.decode(name: workload.name, payload: payload, backend: .foundation)
            guard foundation == event else { fatalError("\(workload.name): the two decoders disagree") }
        } catch {
            fatalError("benchmark payload does not decode: \(error)")
        }
    }
}

/// Right-aligns `value`, rounded, in `width` columns (`-` when not measured).
func column(_ value: Double, _ width: Int) -> String {
    let text = value.isNaN ? "-" : String(Int(value.rounded()))
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

/// Right-aligns `text` in `width` columns.
func column(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

/// `numerator / denominator` as `"1.23×"`, or `-` when either was not measured.
func ratio(_ numerator: Double, _ denominator: Double) -> String {
    numerator.isNaN || denominator.isNaN ? "-" : String(format: "%.2f×", numerator / denominator)
}

/// Best-of-`rounds` ns per payload for `body` when `name` is measured, else NaN.
func measure(_ name: String, _ workload: Workload, _ body: ([UInt8]) -> Void) -> Double {
    options.measures(name) ? measure(workload, rounds: options.rounds, body) : .nan
}

print("DecodeBenchmark: best of \(options.rounds) rounds, thread CPU time, ns per event")
print(
    "type".padding(toLength: 16, withPad: " ", startingAt: 0)
        + "   bytes  JSONSerialization  Foundation  gateway  speed-up  gateway/JSONSerialization    skip")
var weighted = (baseline: 0.0, foundation: 0.0, gateway: 0.0, skip: 0.0, bytes: 0.0)
for workload in workloads {
    let baseline = measure("serialization", workload) { payload in
        _ = try? JSONSerialization.jsonObject(with: Data(payload))
    }
    let foundation = measure("foundation", workload) { payload in
        _ = try? DispatchEvent.decode(name: workload.name, payload: payload, backend: .foundation)
    }
    let gateway = measure("gateway", workload) { payload in
        _ = try? DispatchEvent.decode(name: workload.name, payload: payload)
    }
    let skip = measure("skip", workload) { payload in
        _ = try? ReceivedPayload.decode(payload, filter: .none)
    }
    weighted.baseline += baseline * workload.share
    weighted.foundation += foundation * workload.share
    weighted.gateway += gateway * workload.share
    weighted.skip += skip * workload.share
    weighted.bytes += Double(workload.averageBytes) * workload.share
    print(
        workload.name.padding(toLength: 16, withPad: " ", startingAt: 0) + column(Double(workload.averageBytes), 8)
            + column(baseline, 19) + column(foundation, 12) + column(gateway, 9)
            + column(ratio(foundation, gateway), 10) + column(ratio(gateway, baseline), 27) + column(skip, 8))
}
/// `value` rounded to whole nanoseconds, or `-` when not measured.
func nanoseconds(_ value: Double) -> String {
    value.isNaN ? "-" : "\(Int(value.rounded())) ns"
}
print(
    "weighted mix (45% MESSAGE_CREATE, 35% PRESENCE_UPDATE, 19.9% TYPING_START, 0.1% GUILD_CREATE): "
        + "JSONSerialization \(nanoseconds(weighted.baseline)), Foundation \(nanoseconds(weighted.foundation)), "
        + "gateway \(nanoseconds(weighted.gateway)) (\(ratio(weighted.foundation, weighted.gateway)) faster than "
        + "Foundation, \(ratio(weighted.gateway, weighted.baseline)) JSONSerialization), "
        + "skip \(nanoseconds(weighted.skip)), \(Int(weighted.bytes.rounded())) bytes/event")
