internal import Dispatch
internal import Logging

/// One WebSocket session with Discord's gateway that identifies or resumes, heartbeats, detects zombied
/// connections, reconnects with backoff and resumes without losing events.
///
/// ```swift
/// var configuration = ShardConfiguration(token: BotToken(token))
/// configuration.intents = [.guilds, .guildMessages]
/// let shard = Shard(configuration: configuration)
/// shard.onEvent { event in print(event.name ?? "?") }
/// shard.connect()
/// ```
///
/// Events reach you three ways, all fed from one ordered stream: a ``ShardDelegate``, closure handlers
/// (``onEvent(_:)`` and friends), and pulling with ``nextEvent(timeout:)`` or ``events``. User code runs on the
/// callback queue and can never delay a heartbeat: heartbeats, ACKs and resumes are handled on the shard's own
/// queue and I/O thread.
///
/// **Threading:** every public method is safe from any thread. The shard's serial queue owns the protocol state;
/// the connection's I/O thread owns the socket, TLS session and inflater; callbacks arrive on the callback queue.
public final class Shard: @unchecked Sendable {
    // Invariant: every `var` stored property below is read and written only on `queue`; each method touching
    // them runs there (entered with `queue.async`, or `queue.sync` from other threads in `close`). What other
    // threads read lives in `published` (a `Locked`). Hence `@unchecked Sendable`.

    /// What other threads may read without hopping onto the queue.
    struct Published {
        var state = ShardState.disconnected
        var session: Session?
        var latency = Latency()
        var lastError: ShardError?
        var reconnects = 0
        var lastEventAt: ContinuousClock.Instant?
    }

    /// The configuration the shard was made with.
    public let configuration: ShardConfiguration
    /// The serial queue that owns the protocol state; label `discord-gateway.shard.<id>`.
    let queue: DispatchQueue
    /// Where user callbacks run.
    let callbackQueue: DispatchQueue
    /// Delivery to user code.
    let delivery: ShardDelivery
    /// Published snapshot.
    let published = Locked(Published())
    /// Logger with `shard.id`, `shard.count` and (once connecting) `connection.generation` metadata.
    private var logger: Logger
    /// Grants identify slots (a cluster shares one between its shards); `nil` identifies at once.
    let identifyCoordinator: (any IdentifyCoordinator)?

    /// The protocol state machine.
    private var core: GatewaySession
    /// The current connection, if any.
    private var connection: WebSocketConnection?
    /// The generation `connection` belongs to.
    private var connectionGeneration = -1
    /// The heartbeat timer.
    private var heartbeat: (any DispatchSourceTimer)?
    /// The delayed-connect timer.
    private var connectTimer: (any DispatchSourceTimer)?
    /// The rate-limit retry timer.
    private var sendRetryTimer: (any DispatchSourceTimer)?
    /// The slow-callback watchdog.
    private var watchdog: (any DispatchSourceTimer)?
    /// The identify request waiting for a slot, if any.
    private var pendingIdentify: IdentifyRequest?
    /// The granted identify request whose Identify has not been sent yet.
    private var grantedIdentify: IdentifyRequest?
    /// Whether this shard has had a live session before (re-identifies go before cold starts).
    private var hasBeenLive = false
    /// Whether reading is paused for backpressure.
    private var readingPaused = false
    /// Why the current connection is being ended by us (for the disconnect report).
    private var pendingEndReason: ShardError?
    /// While a received batch is processed: delivery items collected to be enqueued together.
    private var batchItems: [ShardDeliveryItem]?

    /// Makes a shard; nothing happens until ``connect()``.
    public convenience init(configuration: ShardConfiguration) {
        self.init(configuration: configuration, jitter: .random())
    }

    /// Makes a shard with a jitter source (tests use a constant one).
    package init(configuration: ShardConfiguration, jitter: Jitter) {
        self.configuration = configuration
        self.identifyCoordinator = configuration.identifyCoordinator
        let id = configuration.shard.id
        queue = DispatchQueue(label: "discord-gateway.shard.\(id)")
        callbackQueue = configuration.callbackQueue ?? DispatchQueue(label: "discord-gateway.shard.\(id).callbacks")
        var logger = configuration.logger
        logger[metadataKey: "shard.id"] = "\(id)"
        logger[metadataKey: "shard.count"] = "\(configuration.shard.count)"
        self.logger = logger
        core = GatewaySession(configuration: configuration.sessionConfiguration, jitter: jitter)
        delivery = ShardDelivery(
            callbackQueue: callbackQueue, capacity: configuration.deliveryBufferCapacity,
            slowThreshold: configuration.slowCallbackThreshold)
        delivery.owner = self
        published.withLock {
            $0.session = configuration.resumeSession
        }
    }

    deinit {
        heartbeat?.cancel()
        connectTimer?.cancel()
        sendRetryTimer?.cancel()
        watchdog?.cancel()
        connection?.abort()
    }

    // MARK: Public surface

    /// This shard's id.
    public var id: Int { configuration.shard.id }

    /// The current state.
    public var state: ShardState { published.withLock { $0.state } }

    /// The current session (id, last sequence, resume URL), or `nil` before READY and after it was invalidated.
    public var session: Session? { published.withLock { $0.session } }

    /// Heartbeat round trips on this shard: ``Latency/last``, ``Latency/average`` and ``Latency/recent``.
    public var latency: Latency { published.withLock { $0.latency } }

    /// The last connection error, if any.
    public var lastError: ShardError? { published.withLock { $0.lastError } }

    /// How many times the shard has reconnected.
    public var reconnectCount: Int { published.withLock { $0.reconnects } }

    /// When the last dispatch arrived.
    public var lastEventAt: ContinuousClock.Instant? { published.withLock { $0.lastEventAt } }

    /// How well callbacks keep up: buffer depth, lag, pauses.
    public var deliveryStatistics: DeliveryStatistics { delivery.statistics() }

    /// The delegate; held weakly. Set it before ``connect()`` to see every callback.
    public var delegate: (any ShardDelegate)? {
        get { delivery.state.withLock { $0.delegate.value } }
        set {
            delivery.state.withLock {
                $0.delegate.value = newValue
                $0.hasDelegate = newValue != nil
            }
        }
    }

    /// Opens the gateway connection and identifies (or resumes a configured session).
    ///
    /// Returns immediately; progress arrives through the delegate, handlers and ``state``. Calling it while the
    /// shard runs does nothing; after ``close(code:)`` or a fatal close it starts again.
    ///
    /// **Threading:** safe from any thread.
    public func connect() {
        queue.async {
            self.delivery.pull.reopen()
            self.execute(self.core.start(at: .now))
            self.startWatchdog()
        }
    }

    /// Closes the shard; it does not reconnect until ``connect()`` is called again.
    ///
    /// Codes 1000 and 1001 end the session (Discord shows the bot offline). Any other code — by convention
    /// 4000 — keeps it resumable: the returned ``Session`` can configure a new shard, even in another process,
    /// through ``ShardConfiguration/resumeSession``. Event readers (``nextEvent(timeout:)``, ``events``) end
    /// once the remaining events are read.
    ///
    /// **Threading:** safe from any thread except the shard's own queue; waits only for the queue to process the
    /// close, never for the network.
    /// - Returns: the resumable session, or `nil` for 1000/1001 or when there is none.
    @discardableResult
    public func close(code: GatewayCloseCode = .normalClosure) -> Session? {
        dispatchPrecondition(condition: .notOnQueue(queue))
        return queue.sync {
            let actions = core.userRequestedClose(code: code, at: .now)
            execute(actions)
            stopTimers()
            watchdog?.cancel()
            watchdog = nil
            delivery.pull.end()
            return code.invalidatesSession ? nil : core.session
        }
    }

    /// Waits up to `timeout` for the next event; `nil` on timeout or once the shard has closed.
    ///
    /// From the first call on, events are kept for pull readers (they are also kept while no delegate or handler
    /// is registered), so a plain `while let event = shard.nextEvent()` loop loses nothing.
    ///
    /// **Threading:** blocks the calling thread; call it from your own thread, not from a callback.
    public func nextEvent(timeout: Duration? = nil) -> GatewayEvent? {
        delivery.state.withLock { $0.pullRequested = true }
        return delivery.pull.next(timeout: timeout)
    }

    /// The events as an `AsyncSequence`; it ends after ``close(code:)`` or a fatal close.
    public var events: ShardEventStream {
        delivery.state.withLock { $0.pullRequested = true }
        return ShardEventStream(queue: delivery.pull)
    }

    /// Registers a handler for dispatches (after the delegate, in registration order).
    public func onEvent(_ handler: @escaping @Sendable (GatewayEvent) -> Void) {
        delivery.state.withLock { $0.handlers.events.append(handler) }
    }

    /// Registers a handler for state changes.
    public func onStateChange(_ handler: @escaping @Sendable (_ old: ShardState, _ new: ShardState) -> Void) {
        delivery.state.withLock { $0.handlers.states.append(handler) }
    }

    /// Registers a handler for disconnects.
    public func onDisconnect(_ handler: @escaping @Sendable (ShardError) -> Void) {
        delivery.state.withLock { $0.handlers.disconnects.append(handler) }
    }

    /// Registers a handler for each connection opening.
    public func onConnect(_ handler: @escaping @Sendable () -> Void) {
        delivery.state.withLock { $0.handlers.connects.append(handler) }
    }

    /// Registers a handler for the raw JSON of every received message (needs
    /// ``ShardConfiguration/deliversRawMessages``), e.g. to forward it to another service.
    public func onRawMessage(_ handler: @escaping @Sendable ([UInt8]) -> Void) {
        delivery.state.withLock { $0.handlers.raw.append(handler) }
    }

    /// Queues a command; it goes out in order once the session is identified, within the rate limit.
    ///
    /// - Throws: ``GatewayCommandError`` before anything is queued: a payload over 4096 bytes, an invalid field,
    ///   or Identify/Resume (the shard sends those itself).
    public func send(_ command: GatewayCommand) throws(GatewayCommandError) {
        switch command {
        case .identify, .resume:
            throw .invalidField("identify and resume are sent by the shard itself")
        default:
            _ = try command.encode()
        }
        queue.async { self.execute(self.core.send(command, at: .now)) }
    }

    // MARK: Actions

    /// Runs the state machine's actions in order.
    ///
    /// Delivery items are handed over after the published snapshot is updated, so a callback that reads
    /// ``session`` or ``state`` while handling READY already sees the new values.
    private func execute(_ actions: [GatewaySession.Action]) {
        dispatchPrecondition(condition: .onQueue(queue))
        let ownsBatch = batchItems == nil
        if ownsBatch { batchItems = [] }
        defer {
            if ownsBatch {
                let items = batchItems ?? []
                batchItems = nil
                publish()
                enqueueNow(items)
            }
        }
        for action in actions {
            switch action {
            case .connect(let url, let after, let resume):
                scheduleConnect(url: url, after: after, resume: resume, generation: core.generation)
            case .send(let command):
                transmit(command)
            case .startHeartbeat(let interval, let firstAfter):
                startHeartbeat(interval: interval, firstAfter: firstAfter, generation: core.generation)
            case .stopHeartbeat:
                heartbeat?.cancel()
                heartbeat = nil
            case .requestIdentify:
                requestIdentify(generation: core.generation)
            case .deliver(let event):
                enqueue([.event(event)])
            case .closeConnection(let code):
                endConnection(reason: pendingEndReason) { $0.close(code: code.rawValue) }
            case .dropConnection:
                logger.info("heartbeat not acknowledged; dropping the zombied connection")
                endConnection(reason: ShardError(code: .heartbeatTimedOut)) { $0.abort() }
            case .scheduleSendRetry(let after):
                scheduleSendRetry(after: after, generation: core.generation)
            case .stop(let code):
                let error = ShardError(code: .closedByGateway, closeCode: code)
                stop(with: error)
            case .stateChanged(let newState):
                let old = published.withLock { published -> ShardState in
                    let old = published.state
                    published.state = newState
                    if case .reconnecting = newState { published.reconnects += 1 }
                    return old
                }
                logger.debug("state \(old) → \(newState)")
                enqueue([.stateChanged(from: old, to: newState)])
                if newState.isFinal { delivery.pull.end() }
                if newState == .connected { hasBeenLive = true }
            }
        }
    }

    /// Copies what other threads may read into ``published``.
    private func publish(eventArrived: Bool = false) {
        let session = core.session
        let latency = core.latency
        published.withLock {
            $0.session = session
            $0.latency = latency
            if eventArrived { $0.lastEventAt = .now }
        }
    }

    /// Hands items to the delivery pipeline (or to the batch being collected) and pauses reading when it is full.
    private func enqueue(_ items: [ShardDeliveryItem]) {
        if batchItems != nil {
            batchItems?.append(contentsOf: items)
            return
        }
        enqueueNow(items)
    }

    /// Hands items to the delivery pipeline and pauses reading when it is full.
    private func enqueueNow(_ items: [ShardDeliveryItem]) {
        guard !items.isEmpty else { return }
        let depth = delivery.enqueue(items)
        if depth >= delivery.capacity, !readingPaused {
            readingPaused = true
            logger.info("delivery buffer full (\(depth) items); pausing reads until callbacks catch up")
            connection?.setReadingPaused(true)
            core.readingPaused(true)
            delivery.noteReadingPaused(true)
            resumeReadingIfPaused()
        }
    }

    /// Resumes reading once callbacks have caught up (called on the queue).
    ///
    /// The drain signal is armed before the depth is checked, so a drain that happens right after the check
    /// still wakes the shard.
    func resumeReadingIfPaused() {
        guard readingPaused else { return }
        delivery.armDrainSignal()
        guard delivery.depth <= delivery.capacity / 2 else { return }
        readingPaused = false
        logger.debug("delivery buffer drained; reading again")
        connection?.setReadingPaused(false)
        core.readingPaused(false)
        delivery.noteReadingPaused(false)
    }

    /// Stops for good after a non-retryable error.
    private func stop(with error: ShardError) {
        stopTimers()
        endConnection(reason: nil) { $0.abort() }
        published.withLock { $0.lastError = error }
        enqueue([.stopped(error)])
        delivery.pull.end()
    }

    /// Cancels every connection-scoped timer.
    private func stopTimers() {
        cancelPendingIdentify()
        heartbeat?.cancel()
        heartbeat = nil
        connectTimer?.cancel()
        connectTimer = nil
        sendRetryTimer?.cancel()
        sendRetryTimer = nil
    }

    /// Detaches the current connection and ends it with `end`; its later callbacks are stale.
    private func endConnection(reason: ShardError?, _ end: (WebSocketConnection) -> Void) {
        pendingEndReason = nil
        guard let connection else { return }
        self.connection = nil
        end(connection)
        if let reason {
            published.withLock { $0.lastError = reason }
            enqueue([.disconnected(reason)])
        }
    }

    /// Encodes and sends a command on the current connection.
    private func transmit(_ command: GatewayCommand) {
        guard let connection else { return }
        do {
            let bytes = try command.encode()
            if logger.logLevel <= .trace {
                logger.trace("send \(command.redactedDescription)")
            }
            connection.send(.text, bytes)
            if case .identify = command, let granted = grantedIdentify {
                grantedIdentify = nil
                identifyCoordinator?.identifySent(granted)
            }
        } catch {
            logger.debug("dropped a command that could not be encoded: \(error)")
        }
    }

    /// Opens connection `generation` to `url` now or after `after`.
    private func scheduleConnect(url: String, after: Duration, resume: Bool, generation: Int) {
        cancelPendingIdentify()
        connectTimer?.cancel()
        connectTimer = nil
        guard after > .zero else {
            openConnection(url: url, resume: resume, generation: generation)
            return
        }
        logger.info("reconnecting in \(after) (\(resume ? "resume" : "identify"))")
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.dispatchInterval(after))
        timer.setEventHandler { [weak self] in
            guard let self, self.core.generation == generation else { return }
            self.connectTimer?.cancel()
            self.connectTimer = nil
            self.openConnection(url: url, resume: resume, generation: generation)
        }
        connectTimer = timer
        timer.resume()
    }

    /// Creates and starts the WebSocket connection for `generation`.
    private func openConnection(url: String, resume: Bool, generation: Int) {
        guard core.generation == generation else { return }
        logger[metadataKey: "connection.generation"] = "\(generation)"
        logger.debug("connecting to \(url) (\(resume ? "resume" : "identify"))")
        var settings = WebSocketConnection.Configuration()
        settings.tls = configuration.tls
        settings.allowsInsecureTransport = configuration.allowsInsecureTransport
        settings.connectTimeout = configuration.connectTimeout
        settings.handshakeTimeout = configuration.connectTimeout
        settings.closeTimeout = .seconds(2)
        settings.maximumMessageSize = configuration.maximumMessageSize
        settings.compression = url.contains("compress=zlib-stream") ? .zlibStream : .none
        let adapter = ShardConnectionAdapter(
            shard: self, generation: generation, filter: configuration.eventFilter,
            keepsRaw: configuration.deliversRawMessages)
        do {
            let target = try WebSocketURL(string: url)
            let connection = try WebSocketConnection(endpoint: .client(target), configuration: settings)
            self.connection = connection
            connectionGeneration = generation
            if readingPaused { connection.setReadingPaused(true) }
            try connection.start(delegate: adapter)
        } catch {
            connection = nil
            let failure = ShardError(code: .webSocketFailed, underlying: error)
            queue.async { self.connectionEnded(error: failure, serverCode: nil, generation: generation) }
        }
    }

    /// Starts the heartbeat timer of `generation`.
    private func startHeartbeat(interval: Duration, firstAfter: Duration, generation: Int) {
        heartbeat?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(
            deadline: .now() + Self.dispatchInterval(firstAfter), repeating: Self.dispatchInterval(interval),
            leeway: .milliseconds(5))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.execute(self.core.heartbeatTimerFired(at: .now, generation: generation))
        }
        heartbeat = timer
        timer.resume()
    }

    /// Schedules the rate-limit retry of `generation`.
    private func scheduleSendRetry(after: Duration, generation: Int) {
        sendRetryTimer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.dispatchInterval(after))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.sendRetryTimer?.cancel()
            self.sendRetryTimer = nil
            self.execute(self.core.sendRetryTimerFired(at: .now, generation: generation))
        }
        sendRetryTimer = timer
        timer.resume()
    }

    /// Asks the identify coordinator (or grants at once) and sends Identify when allowed.
    private func requestIdentify(generation: Int) {
        guard let identifyCoordinator else {
            execute(core.identifySlotGranted(at: .now, generation: generation))
            return
        }
        cancelPendingIdentify()
        let request = IdentifyRequest(
            id: Self.nextRequestID.withLock { id in
                id &+= 1
                return id
            }, shard: configuration.shard, priority: hasBeenLive ? .reidentify : .coldStart)
        pendingIdentify = request
        logger.debug("waiting for an identify slot (\(request.priority))")
        identifyCoordinator.requestIdentify(request) { [weak self] in
            guard let self else { return }
            self.queue.async {
                guard self.pendingIdentify == request else { return }
                self.pendingIdentify = nil
                self.grantedIdentify = request
                self.execute(self.core.identifySlotGranted(at: .now, generation: generation))
                self.grantedIdentify = nil
            }
        }
    }

    /// Gives up a waiting identify request (the connection it was for is gone).
    private func cancelPendingIdentify() {
        guard let request = pendingIdentify else { return }
        pendingIdentify = nil
        identifyCoordinator?.cancel(request)
    }

    /// Identify request ids, unique in the process.
    private static let nextRequestID = Locked<UInt64>(0)

    /// Logs a callback that has been running too long.
    private func startWatchdog() {
        guard watchdog == nil else { return }
        let period = max(configuration.slowCallbackThreshold / 4, .milliseconds(20))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.dispatchInterval(period), repeating: Self.dispatchInterval(period))
        timer.setEventHandler { [weak self] in
            guard let self, let running = self.delivery.takeOverdueCallback(at: .now) else { return }
            self.logger.info("a callback has been running for \(running); events queue up behind it")
        }
        watchdog = timer
        timer.resume()
    }

    // MARK: Connection events (on the queue)

    /// The socket of `generation` opened.
    func connectionOpened(generation: Int) {
        guard generation == core.generation else { return }
        execute(core.connectionOpened(at: .now, generation: generation))
        enqueue([.connected])
    }

    /// Payloads decoded on the I/O thread for `generation`.
    func received(_ batch: [ShardConnectionAdapter.Item], generation: Int) {
        guard generation == core.generation else { return }
        batchItems = []
        batchItems?.reserveCapacity(batch.count)
        var eventArrived = false
        for item in batch {
            guard generation == core.generation else { break }
            switch item {
            case .payload(.dispatch(let name, let sequence, let rawPayload), _):
                eventArrived = true
                if let event = core.receiveDispatch(
                    name: name, sequence: sequence, rawPayload: rawPayload, generation: generation)
                {
                    batchItems?.append(.event(event))
                }
            case .payload(let payload, let arrivedAt):
                if case .reconnect = payload {
                    pendingEndReason = ShardError(code: .reconnectRequested)
                } else if case .invalidSession = payload {
                    pendingEndReason = ShardError(code: .sessionInvalidated)
                }
                execute(core.receive(payload, at: arrivedAt, generation: generation))
            case .raw(let bytes):
                enqueue([.raw(bytes)])
            case .undecodable(let error):
                logger.info("undecodable payload (\(error)); closing with 4000 to resume")
                pendingEndReason = ShardError(code: .decodingFailed, underlying: error)
                execute(core.decodeFailed(at: .now, generation: generation))
            }
        }
        let items = batchItems ?? []
        batchItems = nil
        publish(eventArrived: eventArrived)
        enqueueNow(items)
    }

    /// Connection `generation` ended on its own (not by our close or drop).
    func connectionClosed(_ close: WebSocketConnection.Close, generation: Int) {
        guard generation == core.generation else { return }
        let error = Self.shardError(for: close)
        let serverCode: GatewayCloseCode? =
            close.initiator == .remote && close.wasClean ? close.code.map(GatewayCloseCode.init(rawValue:)) : nil
        connectionEnded(error: error, serverCode: serverCode, generation: generation)
    }

    /// Reports the end of `generation` and lets the state machine decide what comes next.
    private func connectionEnded(error: ShardError, serverCode: GatewayCloseCode?, generation: Int) {
        guard generation == core.generation else { return }
        connection = nil
        published.withLock { $0.lastError = error }
        enqueue([.disconnected(error)])
        logger.info("connection ended: \(error)")
        if !error.isRetryable, error.closeCode == nil {
            // A certificate failure or a refused ws:// URL needs the user to fix the configuration.
            execute(core.userRequestedClose(code: .abnormalClosure, at: .now))
            stop(with: error)
            return
        }
        if let serverCode {
            execute(core.connectionClosed(code: serverCode, at: .now, generation: generation))
        } else if error.code == .decompressionFailed || error.code == .decodingFailed {
            execute(core.decodeFailed(at: .now, generation: generation))
        } else {
            execute(core.transportFailed(at: .now, generation: generation))
        }
    }

    /// Maps a transport close to the error users see.
    static func shardError(for close: WebSocketConnection.Close) -> ShardError {
        if close.initiator == .remote, close.wasClean, let code = close.code {
            return ShardError(code: .closedByGateway, closeCode: GatewayCloseCode(rawValue: code))
        }
        switch close.error {
        case let tls as TLSError:
            return ShardError(code: .tlsFailed, underlying: tls)
        case let connect as ConnectionError:
            return ShardError(code: .connectFailed, underlying: connect)
        case let websocket as WebSocketError where websocket.code == .invalidUTF8 && websocket.closeCode == 4000:
            // Inflated output that is not UTF-8: the zlib stream is corrupt.
            return ShardError(code: .decompressionFailed, underlying: websocket)
        case let websocket as WebSocketError:
            return ShardError(code: .webSocketFailed, underlying: websocket)
        case let inflate as ZlibStreamInflater.Error:
            return ShardError(code: .decompressionFailed, underlying: inflate)
        case let other?:
            return ShardError(code: .connectionLost, underlying: other)
        case nil:
            return ShardError(code: .connectionLost)
        }
    }

    /// Converts a `Duration` for Dispatch.
    static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        return .nanoseconds(Int(clamping: max(nanoseconds, 0)))
    }
}
