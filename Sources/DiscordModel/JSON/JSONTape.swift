/// The kind of one JSON value on a ``JSONTape``.
///
/// **Threading:** an immutable value; `Sendable`.
enum JSONKind: UInt8, Sendable {
    /// `null`.
    case null = 0
    /// `false`.
    case falseLiteral = 1
    /// `true`.
    case trueLiteral = 2
    /// A number; its text is in the input.
    case number = 3
    /// A string (a value or an object key); its raw text, between the quotes, is in the input.
    case string = 4
    /// An array; its elements follow it on the tape.
    case array = 5
    /// An object; its keys and values follow it on the tape, alternating.
    case object = 6

    /// How Foundation's `JSONDecoder` names the kind in a type mismatch ("found a string instead").
    var foundDescription: String {
        switch self {
        case .null: "null"
        case .falseLiteral, .trueLiteral: "bool"
        case .number: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }
}

/// One entry of a ``JSONTape``: a value, or an object key, in document order.
///
/// - Scalars: `start` and `length` are the byte range of the text (for strings, between the quotes).
/// - Containers: `count` is the number of elements (or members) and `end` the tape index just past the last
///   entry inside the container, so a whole container is skipped in one step. Objects keep a lookup hint in
///   `hint`: the tape index of the key last found in them.
///
/// **Threading:** a plain value.
struct JSONTapeEntry {
    /// The ``JSONKind`` raw value in the low byte, ``Flags`` in the next.
    var header: UInt32
    /// Scalars: the first byte's offset; containers: the element count.
    var first: UInt32
    /// Scalars: the byte length; containers: the tape index past the container.
    var second: UInt32
    /// Objects: the tape index of the last key found (0 when none yet).
    var hint: UInt32

    /// Per-entry properties found by the parser.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    struct Flags: OptionSet, Sendable {
        /// The raw bits.
        let rawValue: UInt32

        /// Strings: the text has backslash escapes, so it must be unescaped before use.
        static let escaped = Flags(rawValue: 1 << 8)
        /// Numbers: a fraction or an exponent is present.
        static let fractional = Flags(rawValue: 1 << 9)
        /// Numbers: a leading minus sign is present.
        static let negative = Flags(rawValue: 1 << 10)
        /// Objects: a key has escapes or is repeated, so lookups compare unescaped keys from the first member
        /// on (the first of repeated keys wins).
        static let slowKeys = Flags(rawValue: 1 << 11)
    }

    /// Makes an entry.
    @inline(__always)
    init(kind: JSONKind, flags: Flags = [], first: UInt32, second: UInt32) {
        header = UInt32(kind.rawValue) | flags.rawValue
        self.first = first
        self.second = second
        hint = 0
    }

    /// The value's kind.
    @inline(__always)
    var kind: JSONKind {
        JSONKind(rawValue: UInt8(truncatingIfNeeded: header)) ?? .null
    }

    /// Whether `flag` is set.
    @inline(__always)
    func has(_ flag: Flags) -> Bool {
        header & flag.rawValue != 0
    }

    /// Whether the entry is an array or an object.
    @inline(__always)
    var isContainer: Bool {
        UInt8(truncatingIfNeeded: header) >= JSONKind.array.rawValue
    }
}

/// A parsed JSON document: a private copy of its bytes and the tape of its values in document order.
///
/// Built by ``JSONParser``; read by the decoder through unchecked pointers whose indices the parser has
/// validated, so a tape is only ever made from input the parser accepted.
///
/// **Threading:** not thread-safe; one decode uses it on one thread.
final class JSONTape {
    /// The document's bytes (a private copy).
    let bytes: UnsafeMutablePointer<UInt8>
    /// The number of bytes.
    let byteCount: Int
    /// The entries.
    private(set) var entries: UnsafeMutablePointer<JSONTapeEntry>
    /// The number of entries in use.
    private(set) var count = 0
    /// The number of entries allocated.
    private var capacity: Int

    /// Copies `input` and reserves a tape sized for it.
    init(copying input: UnsafeRawBufferPointer) {
        byteCount = input.count
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(input.count, 1))
        if let base = input.baseAddress, input.count > 0 {
            bytes.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: input.count)
        }
        capacity = max(16, input.count / 6)
        entries = UnsafeMutablePointer<JSONTapeEntry>.allocate(capacity: capacity)
    }

    /// Frees the bytes and the tape.
    deinit {
        bytes.deallocate()
        entries.deallocate()
    }

    /// Appends `entry` and returns its index.
    @inline(__always)
    func append(_ entry: JSONTapeEntry) -> Int {
        if count == capacity { grow() }
        let index = count
        (entries + index).initialize(to: entry)
        count = index + 1
        return index
    }

    /// Doubles the tape's capacity.
    private func grow() {
        let newCapacity = capacity * 2
        let newEntries = UnsafeMutablePointer<JSONTapeEntry>.allocate(capacity: newCapacity)
        newEntries.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = newEntries
        capacity = newCapacity
    }

    /// The entry at `index` (which the caller knows is in range).
    @inline(__always)
    subscript(index: Int) -> JSONTapeEntry {
        entries[index]
    }

    /// Sets the count and end of the container at `index` once it is closed.
    @inline(__always)
    func close(_ index: Int, count elementCount: Int, flags: JSONTapeEntry.Flags) {
        entries[index].first = UInt32(truncatingIfNeeded: elementCount)
        entries[index].second = UInt32(truncatingIfNeeded: count)
        entries[index].header |= flags.rawValue
    }

    /// Remembers `key` as the last key found in the object at `object`.
    @inline(__always)
    func setHint(_ key: Int, forObject object: Int) {
        entries[object].hint = UInt32(truncatingIfNeeded: key)
    }

    /// The tape index just past the value at `index` (the next sibling's index).
    @inline(__always)
    func next(after index: Int) -> Int {
        let entry = entries[index]
        return entry.isContainer ? Int(entry.second) : index + 1
    }

    /// The raw bytes of the string or number at `index`.
    @inline(__always)
    func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[index]
        return UnsafeBufferPointer(start: bytes + Int(entry.first), count: Int(entry.second))
    }
}
