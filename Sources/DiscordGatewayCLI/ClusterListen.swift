internal import ArgumentParser
internal import DiscordGateway
internal import Dispatch
internal import Foundation

/// `listen --shards all|A-B`: runs a ``ShardCluster`` with the same JSON-lines output, one line per shard event.
///
/// `--shards all` without `--total` takes the shard count, the gateway URL and the identify limits from
/// `GET /gateway/bot` (`--api-url`); `--total N` means shards 0…N−1; `A-B` (inclusive) needs `--total`. The gateway
/// URL comes from `/gateway/bot` unless `--gateway-url` is given; `--max-concurrency` overrides Discord's value.
/// When the daily identify budget reaches its reserve a `{"kind":"budget-exhausted",…}` line is printed and the
/// tool waits for the reset instead of identifying.
extension ListenCommand {
    /// Parses `--shards` into a selection.
    static func parseShards(_ text: String, total: Int?) throws -> ShardSelection {
        if text == "all" {
            return total.map { ShardSelection.total($0) } ?? .recommended
        }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 0, low <= high else {
            throw ValidationError("--shards must be \"all\" or a range like 16-31 (got \(text))")
        }
        guard let total else { throw ValidationError("--shards \(text) needs --total") }
        guard high < total else { throw ValidationError("--shards \(text) is not within 0…\(total - 1)") }
        return .range(low...high, total: total)
    }

    /// Runs the cluster until a stop reason, then closes every shard and prints the summary.
    func runCluster(_ selection: ShardSelection) throws {
        let token = try resolvedToken()
        var configuration = ShardClusterConfiguration(token: token)
        configuration.shards = selection
        configuration.apiBaseURL = apiURL
        configuration.maxConcurrency = maxConcurrency
        configuration.fetchesGatewayInfo = selection == .recommended || explicitGatewayURL == nil
        configuration.gatewayURL = explicitGatewayURL
        var template = ShardConfiguration(token: token)
        template.intents = try parsedIntents()
        let apiHost = URLComponents(string: apiURL)?.host ?? ""
        template.allowsInsecureTransport =
            try explicitGatewayURL.map { try Self.checkGatewayURL($0, insecure: insecure) }
            ?? (insecure || Self.isLoopback(apiHost))
        template.compression = compress == .zlibStream ? .zlibStream : .none
        if let names = eventNames { template.eventFilter = GatewayEventFilter(names: names + ["READY"]) }
        if let caFile { template.tls.additionalTrustRootsFile = caFile }
        configuration.shardTemplate = template
        let callbackQueue = DispatchQueue(label: "discord-gateway.cli.callbacks")
        configuration.callbackQueue = callbackQueue

        let latch = StopLatch()
        let writer = JSONLineWriter()
        let printer = ClusterListenPrinter(
            writer: writer, countsGaps: eventNames == nil, printsDispatches: output == .jsonl, includesPayload: raw,
            decodes: decode, eventLimit: exitAfterEvents, handlerDelay: .milliseconds(handlerDelayMs), latch: latch)
        let cluster = ShardCluster(configuration: configuration)
        cluster.delegate = printer
        let trap = SignalTrap { latch.complete(.signal($0)) }
        defer { trap.cancel() }
        if let duration {
            DispatchQueue.global().asyncAfter(deadline: .now() + duration) { latch.complete(.durationElapsed) }
        }
        let started = Locked<(any Error)?>(nil)
        let startDone = DispatchSemaphore(value: 0)
        Task {
            do { try await cluster.start() } catch { started.withLock { $0 = error } }
            startDone.signal()
        }
        startDone.wait()
        if let error = started.withLock({ $0 }) {
            printError("could not start the shards: \(error)")
            throw ToolExit.connectionError
        }
        let reason = latch.wait()
        let closed = DispatchSemaphore(value: 0)
        Task {
            _ = try? await cluster.shutdown(resumable: false)
            closed.signal()
        }
        closed.wait()
        for shard in cluster.shards { drainCallbacks(of: shard, on: callbackQueue) }
        writer.write(printer.summary())
        withExtendedLifetime(printer) {}
        if case .shardStopped(let error) = reason {
            printError(stopSentence(for: error, url: configuration.gatewayURL ?? configuration.apiBaseURL))
            throw error.closeCode != nil ? ToolExit.fatalClose : ToolExit.connectionError
        }
    }
}

/// The cluster `listen` delegate: one ``ListenPrinter`` per shard, a shared event limit, budget lines.
///
/// **Threading:** called on the cluster's callback queue; the printers and the total sit in a `Locked`.
final class ClusterListenPrinter: ShardClusterDelegate {
    /// Per-shard printers and counters, and the total count.
    private struct State {
        var printers: [Int: ListenPrinter] = [:]
        var total = 0
    }
    let writer: JSONLineWriter
    let countsGaps: Bool
    let printsDispatches: Bool
    let includesPayload: Bool
    let decodes: Bool
    let eventLimit: Int?
    let handlerDelay: Duration
    let latch: StopLatch
    private let state = Locked(State())

    /// Makes a printer.
    init(
        writer: JSONLineWriter, countsGaps: Bool, printsDispatches: Bool, includesPayload: Bool, decodes: Bool,
        eventLimit: Int?, handlerDelay: Duration, latch: StopLatch
    ) {
        self.decodes = decodes
        self.writer = writer
        self.countsGaps = countsGaps
        self.printsDispatches = printsDispatches
        self.includesPayload = includesPayload
        self.eventLimit = eventLimit
        self.handlerDelay = handlerDelay
        self.latch = latch
    }

    /// The printer of shard `id`.
    private func printer(_ id: Int) -> ListenPrinter {
        state.withLock { state in
            if let printer = state.printers[id] { return printer }
            let printer = ListenPrinter(
                shardID: id, writer: writer,
                counter: EventCounter(countsGaps: countsGaps, reportsDecodeErrors: decodes),
                printsDispatches: printsDispatches, includesPayload: includesPayload, decodes: decodes, eventLimit: nil,
                handlerDelay: handlerDelay, latch: latch)
            state.printers[id] = printer
            return printer
        }
    }

    func shardCluster(_ cluster: ShardCluster, didReceive event: GatewayEvent, from shard: Shard) {
        if let eventLimit, state.withLock({ $0.total }) >= eventLimit { return }
        printer(shard.id).shard(shard, didReceive: event)
        let total = state.withLock { state -> Int in
            state.total += 1
            return state.total
        }
        if let eventLimit, total >= eventLimit { latch.complete(.eventLimitReached) }
    }

    func shardCluster(
        _ cluster: ShardCluster, shard: Shard, didChangeStateFrom oldState: ShardState, to newState: ShardState
    ) {
        printer(shard.id).shard(shard, didChangeStateFrom: oldState, to: newState)
    }

    func shardCluster(_ cluster: ShardCluster, shard: Shard, didDisconnectWith error: ShardError) {
        printer(shard.id).shard(shard, didDisconnectWith: error)
    }

    func shardCluster(_ cluster: ShardCluster, shard: Shard, didStopWith error: ShardError) {
        printer(shard.id).shard(shard, didStopWith: error)
    }

    func shardCluster(_ cluster: ShardCluster, didExhaustIdentifyBudget remaining: Int, resetAfter: Duration) {
        var object = JSONLineWriter.Object()
        object.add("kind", "budget-exhausted")
        object.add("remaining", remaining)
        let (seconds, attoseconds) = resetAfter.components
        object.add("reset_after_ms", Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        writer.write(object)
    }

    /// The summary over every shard: events and bytes summed, the lowest first and highest last sequence, gaps
    /// summed per shard.
    func summary() -> JSONLineWriter.Object {
        let snapshots = state.withLock { $0.printers.values.map { $0.counter.snapshot } }
        var object = JSONLineWriter.Object()
        object.add("kind", "summary")
        object.add("events", snapshots.reduce(0) { $0 + $1.events })
        object.add("bytes", snapshots.reduce(0) { $0 + $1.bytes })
        object.add("first_seq", snapshots.compactMap(\.firstSequence).min())
        object.add("last_seq", snapshots.compactMap(\.lastSequence).max())
        object.add("gaps", snapshots.reduce(0) { $0 + $1.gaps })
        if decodes { object.add("decode_errors", snapshots.reduce(0) { $0 + $1.decodeErrors }) }
        object.add("shards", snapshots.count)
        return object
    }
}
