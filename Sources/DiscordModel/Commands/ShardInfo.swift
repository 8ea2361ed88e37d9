/// The `[shard_id, num_shards]` pair of Identify and READY (Discord docs: "Sharding").
///
/// **Threading:** an immutable value; `Sendable`.
public struct ShardInfo: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The zero-based shard number, `0 <= id < count`.
    public var id: Int
    /// The total number of shards (`num_shards`).
    public var count: Int

    /// Makes a shard pair; the values are checked when an Identify is encoded.
    public init(id: Int, count: Int) {
        self.id = id
        self.count = count
    }

    /// A single-shard bot: `[0, 1]`.
    public static let single = ShardInfo(id: 0, count: 1)

    /// Whether `0 <= id < count`.
    public var isValid: Bool {
        id >= 0 && id < count
    }

    /// `"[0, 1]"`, the wire form.
    public var description: String {
        "[\(id), \(count)]"
    }

    /// Decodes the two-element array `[id, count]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        id = try container.decode(Int.self)
        count = try container.decode(Int.self)
    }

    /// Encodes the two-element array `[id, count]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(id)
        try container.encode(count)
    }
}
