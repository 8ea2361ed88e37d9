internal import Dispatch

/// Runs on a shard connection's I/O thread: classifies each message (peek at `op`/`t`/`s`, copy only what will
/// be delivered, decode only Hello, READY and Invalid Session) and posts batches to the shard's queue.
///
/// **Threading:** its methods run on the connection's I/O thread only; it posts to the shard's queue with
/// `queue.async` and never touches shard state directly.
// Invariant: `batch` and `batchStart` are touched only by the connection's I/O thread (delegate calls are serial on it); the other
// stored properties are immutable. Hence `@unchecked Sendable`.
final class ShardConnectionAdapter: WebSocketConnectionDelegate, @unchecked Sendable {
    /// One classified message.
    enum Item: Sendable {
        /// A gateway payload and when it arrived.
        case payload(ReceivedPayload, arrivedAt: ContinuousClock.Instant)
        /// The raw JSON of a message, for raw-message handlers.
        case raw([UInt8])
        /// A message that is not a valid gateway payload.
        case undecodable(ReceivedPayload.DecodeError)
    }

    /// The shard; weak so a forgotten connection does not keep it alive.
    private weak var shard: Shard?
    /// The shard's queue.
    private let queue: DispatchQueue
    /// The connection generation this adapter serves.
    private let generation: Int
    /// Which dispatches to keep.
    private let filter: GatewayEventFilter
    /// Whether raw messages are kept.
    private let keepsRaw: Bool
    /// Items of the current read batch.
    private var batch: [Item] = []
    /// When the current batch's first dispatch arrived.
    private var batchStart: ContinuousClock.Instant?

    /// Makes an adapter for connection `generation` of `shard`.
    init(shard: Shard, generation: Int, filter: GatewayEventFilter, keepsRaw: Bool) {
        self.shard = shard
        self.queue = shard.queue
        self.generation = generation
        self.filter = filter
        self.keepsRaw = keepsRaw
    }

    /// Posts the socket opening.
    func connectionDidOpen(_ connection: WebSocketConnection) {
        let generation = generation
        queue.async { [weak shard] in shard?.connectionOpened(generation: generation) }
    }

    /// Classifies one message.
    func connection(_ connection: WebSocketConnection, didReceive message: WebSocketConnection.Message) {
        if keepsRaw {
            batch.append(.raw(Array(message.bytes)))
        }
        do {
            let payload = try ReceivedPayload.decode(message.bytes, filter: filter)
            // Dispatches need no arrival instant of their own; ACKs do (latency), so read the clock for those.
            if case .dispatch = payload {
                let arrival: ContinuousClock.Instant
                if let start = batchStart {
                    arrival = start
                } else {
                    arrival = .now
                    batchStart = arrival
                }
                batch.append(.payload(payload, arrivedAt: arrival))
            } else {
                batch.append(.payload(payload, arrivedAt: .now))
            }
        } catch {
            batch.append(.undecodable(error))
        }
    }

    /// Posts the batch.
    func connectionDidFinishReadBatch(_ connection: WebSocketConnection) {
        flush()
    }

    /// Posts what is left, then the end of the connection.
    func connection(_ connection: WebSocketConnection, didCloseWith close: WebSocketConnection.Close) {
        flush()
        let generation = generation
        queue.async { [weak shard] in shard?.connectionClosed(close, generation: generation) }
    }

    /// Posts the current batch to the shard's queue.
    private func flush() {
        batchStart = nil
        guard !batch.isEmpty else { return }
        let items = batch
        batch = []
        batch.reserveCapacity(min(items.count, 64))
        let generation = generation
        queue.async { [weak shard] in shard?.received(items, generation: generation) }
    }
}
