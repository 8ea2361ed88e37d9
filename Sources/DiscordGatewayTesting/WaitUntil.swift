/// Waits until `condition` holds, for state that no event announces (a counter, a buffer depth, a shard's state
/// read from another thread); prefer a ``TimedMailbox`` when there is an event to wait for.
///
/// `condition` is checked at once, then every `interval`; the wait ends as soon as it holds, so `timeout` only
/// bounds a failing test and never paces a passing one.
///
/// **Threading:** call from a task; `condition` runs on it.
/// - Parameters:
///   - description: What is awaited, for the timeout error ("5 events buffered").
///   - timeout: How long to keep checking.
///   - interval: How often to check.
///   - condition: The awaited state.
/// - Throws: ``FakeGatewayTimeout`` when `condition` still does not hold after `timeout`.
public func waitUntil(
    _ description: String, timeout: Duration = .seconds(10), checkingEvery interval: Duration = .milliseconds(5),
    _ condition: () -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else {
            throw FakeGatewayTimeout(waitingFor: description, timeout: timeout)
        }
        try await Task.sleep(for: interval)
    }
}
