import Foundation
internal import Glibc

/// One shard's resumable session, as kept by a ``SessionStore``.
///
/// **Threading:** an immutable value; `Sendable`.
public struct StoredSession: Hashable, Sendable, Codable {
    /// The shard the session belongs to (`[id, count]`).
    public var shard: ShardInfo
    /// The session to resume.
    public var session: Session

    /// Makes a record.
    public init(shard: ShardInfo, session: Session) {
        self.shard = shard
        self.session = session
    }
}

/// Where a ``ShardCluster`` keeps its shards' sessions between processes, so a restart resumes every shard
/// without a single identify.
///
/// Discord keeps a session resumable for a few minutes after its connection ends with a code other than
/// 1000/1001; a restart within that time resumes. Sessions that are too old get Invalid Session and identify.
///
/// **Threading:** implementations must be thread-safe.
public protocol SessionStore: Sendable {
    /// The stored sessions (an empty array when there are none).
    /// - Throws: when the store cannot be read.
    func loadSessions() throws -> [StoredSession]
    /// Replaces the stored sessions.
    /// - Throws: when the store cannot be written.
    func saveSessions(_ sessions: [StoredSession]) throws
}

/// A ``SessionStore`` in memory, for tests and for handing sessions between clusters in one process.
///
/// **Threading:** safe from any thread (one lock).
public final class InMemorySessionStore: SessionStore {
    /// The sessions.
    private let sessions = Locked<[StoredSession]>([])

    /// Makes an empty store.
    public init() {}

    /// The stored sessions.
    public func loadSessions() -> [StoredSession] {
        sessions.withLock { $0 }
    }

    /// Replaces the stored sessions.
    public func saveSessions(_ sessions: [StoredSession]) {
        self.sessions.withLock { $0 = sessions }
    }
}

/// A ``SessionStore`` in a JSON file, written atomically (a temporary file renamed over the old one).
///
/// The file holds session ids and resume URLs, which let anyone holding the bot token resume those sessions:
/// it is created with owner-only permissions (0600). The token itself is never written.
///
/// **Threading:** safe from any thread (one lock serialises reads and writes).
public final class JSONFileSessionStore: SessionStore {
    /// The file's path.
    public let path: String
    /// Serialises file access.
    private let lock = Locked(())

    /// Makes a store at `path` (created on first save).
    public init(path: String) {
        self.path = path
    }

    /// Reads the file; a missing file means no sessions.
    /// - Throws: when the file exists but cannot be read or decoded.
    public func loadSessions() throws -> [StoredSession] {
        try lock.withLock { _ in
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(File.self, from: data).sessions
        }
    }

    /// Writes the file atomically with permissions 0600.
    /// - Throws: when the file cannot be written.
    public func saveSessions(_ sessions: [StoredSession]) throws {
        try lock.withLock { _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(File(version: 1, sessions: sessions))
            let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, "errno": code])
            }
        }
    }

    /// The file's layout.
    private struct File: Codable {
        var version: Int
        var sessions: [StoredSession]
    }
}
