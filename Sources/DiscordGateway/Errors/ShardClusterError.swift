/// Errors from ``ShardCluster``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ShardClusterError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
}
