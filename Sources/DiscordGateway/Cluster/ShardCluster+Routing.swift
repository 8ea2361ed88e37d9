/// Discord's sharding formulas, as twilight offers them: which shard owns a guild, identify buckets, and how to
/// split a bot over processes.
extension ShardCluster {
    /// The shard that owns `guildID`: `(guild_id >> 22) % total` (PROTOCOL §11).
    public static func shardID(forGuild guildID: Snowflake, total: Int) -> Int {
        Int((guildID.rawValue >> 22) % UInt64(max(total, 1)))
    }

    /// The identify bucket of a shard: `shard_id % max_concurrency`.
    public static func bucket(ofShard shardID: Int, maxConcurrency: Int) -> Int {
        shardID % max(maxConcurrency, 1)
    }

    /// The shard ids of `bucket` among `0..<total`.
    public static func shardIDs(inBucket bucket: Int, maxConcurrency: Int, total: Int) -> [Int] {
        Array(stride(from: bucket, to: total, by: max(maxConcurrency, 1)))
    }

    /// Splits `0..<total` into `processes` contiguous ranges whose sizes are multiples of `maxConcurrency` where
    /// possible (so every process starts whole buckets together), e.g. for `.range(_, total:)`.
    public static func ranges(total: Int, processes: Int, maxConcurrency: Int = 1) -> [ClosedRange<Int>] {
        let processes = max(processes, 1)
        let unit = max(maxConcurrency, 1)
        let units = (total + unit - 1) / unit
        var result: [ClosedRange<Int>] = []
        var start = 0
        for index in 0..<processes {
            let share = units / processes + (index < units % processes ? 1 : 0)
            let end = min(total, start + share * unit)
            if end > start { result.append(start...(end - 1)) }
            start = end
        }
        return result
    }
}
