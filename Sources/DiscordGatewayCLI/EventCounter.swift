internal import DiscordGateway

/// Counts dispatches and finds holes in their sequence numbers.
///
/// A gap is a sequence number missing between two consecutive dispatches of one session: seeing 4 then 7 adds two.
/// A sequence number that does not grow (a new session after Identify starts again at 1) starts a new run
/// without adding gaps. Gaps only mean lost events when every dispatch is seen: with an event filter the
/// filtered dispatches' numbers are never seen, so callers pass `countsGaps: false` and report 0.
///
/// **Threading:** safe from any thread; one `Locked` holds the counts.
final class EventCounter: Sendable {
    /// The counts at one moment.
    ///
    /// **Threading:** an immutable value.
    struct Snapshot: Sendable {
        /// Dispatches counted.
        var events = 0
        /// Their payload bytes in total (decompressed JSON of the whole message).
        var bytes = 0
        /// The first sequence number seen.
        var firstSequence: Int?
        /// The last sequence number seen.
        var lastSequence: Int?
        /// Missing sequence numbers between consecutive dispatches (0 when gaps are not counted).
        var gaps = 0
        /// Dispatches whose sequence number did not grow (replays of already seen ones or a new session).
        var restarts = 0
        /// Dispatches whose data did not decode into its typed model (`--decode`).
        var decodeErrors = 0
    }

    /// Whether gaps are counted.
    let countsGaps: Bool
    /// The counts.
    private let counts = Locked(Snapshot())

    /// Whether the summary reports `decode_errors` (`--decode`).
    let reportsDecodeErrors: Bool

    /// Makes a counter; `countsGaps` is false when an event filter hides some sequence numbers.
    init(countsGaps: Bool, reportsDecodeErrors: Bool = false) {
        self.countsGaps = countsGaps
        self.reportsDecodeErrors = reportsDecodeErrors
    }

    /// Counts one dispatch whose data did not decode.
    func recordDecodeError() {
        counts.withLock { $0.decodeErrors += 1 }
    }

    /// Counts one dispatch; returns how many have been counted, this one included.
    @discardableResult
    func record(sequence: Int?, bytes: Int) -> Int {
        counts.withLock { counts in
            counts.events += 1
            counts.bytes &+= bytes
            if let sequence {
                if counts.firstSequence == nil { counts.firstSequence = sequence }
                if let last = counts.lastSequence {
                    if sequence > last {
                        if countsGaps { counts.gaps += sequence - last - 1 }
                    } else {
                        counts.restarts += 1
                    }
                }
                counts.lastSequence = sequence
            }
            return counts.events
        }
    }

    /// The counts now.
    var snapshot: Snapshot {
        counts.withLock { $0 }
    }

    /// The summary line: `{"kind":"summary","events":N,"bytes":B,"first_seq":F,"last_seq":L,"gaps":G}`, plus
    /// `"decode_errors":N` with `--decode`.
    func summary() -> JSONLineWriter.Object {
        let snapshot = self.snapshot
        var object = JSONLineWriter.Object()
        object.add("kind", "summary")
        object.add("events", snapshot.events)
        object.add("bytes", snapshot.bytes)
        object.add("first_seq", snapshot.firstSequence)
        object.add("last_seq", snapshot.lastSequence)
        object.add("gaps", snapshot.gaps)
        if reportsDecodeErrors { object.add("decode_errors", snapshot.decodeErrors) }
        return object
    }
}
