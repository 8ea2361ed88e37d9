/// Process-wide cache of client TLS contexts by configuration, so connections share one `SSL_CTX` (and one
/// loaded trust store) instead of building their own.
///
/// **Threading:** one `Locked` guards the dictionary; contexts are read-only once made.
final class TLSContextCache: Sendable {
    /// The shared cache.
    static let shared = TLSContextCache()
    /// Contexts by configuration.
    private let contexts = Locked<[TLSConfiguration: TLSContext]>([:])

    /// Returns the context for `configuration`, making it on first use.
    func context(for configuration: TLSConfiguration) throws -> TLSContext {
        if let existing = contexts.withLock({ $0[configuration] }) { return existing }
        let made = try TLSContext.makeClient(configuration: configuration)
        return contexts.withLock { cache in
            if let existing = cache[configuration] { return existing }
            cache[configuration] = made
            return made
        }
    }
}
