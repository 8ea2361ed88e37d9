internal import DiscordGateway
internal import Glibc

/// Prints one JSON object per line on standard output, flushing after every line.
///
/// Objects are built with ``Object`` (keys in insertion order, values escaped here) and written with `write(2)`
/// (no stdio buffering: each line is flushed as it is written) under a lock, so lines from different threads never interleave and a reader of the pipe sees each line
/// as soon as it is complete.
///
/// **Threading:** safe from any thread; one `Locked` serialises the writes.
final class JSONLineWriter: Sendable {
    /// A JSON object under construction.
    ///
    /// **Threading:** a value type; build it on one thread.
    struct Object {
        /// The UTF-8 text so far, without the closing brace.
        private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]

        /// Starts an empty object.
        init() {}

        /// Appends the separator and the quoted key.
        private mutating func key(_ key: String) {
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            JSONLineWriter.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }

        /// Adds a string member.
        mutating func add(_ key: String, _ value: String) {
            self.key(key)
            JSONLineWriter.appendQuoted(value, to: &bytes)
        }

        /// Adds an integer member, or `null`.
        mutating func add(_ key: String, _ value: Int?) {
            self.key(key)
            bytes.append(contentsOf: Array((value.map { String($0) } ?? "null").utf8))
        }

        /// Adds a Boolean member.
        mutating func add(_ key: String, _ value: Bool) {
            self.key(key)
            bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
        }

        /// Adds a member whose value is JSON text already (spliced as it is, line breaks turned into spaces).
        ///
        /// A line break can only be whitespace between tokens in valid JSON (inside strings it must be escaped),
        /// so replacing it keeps the value intact and the output one line.
        mutating func addRaw(_ key: String, json: [UInt8]) {
            self.key(key)
            let start = bytes.count
            bytes.append(contentsOf: json)
            for index in start..<bytes.count where bytes[index] == 0x0A || bytes[index] == 0x0D {
                bytes[index] = 0x20
            }
        }

        /// The finished line: the object, its closing brace and a newline.
        var line: [UInt8] {
            bytes + [UInt8(ascii: "}"), UInt8(ascii: "\n")]
        }
    }

    /// Serialises writes.
    private let lock = Locked(())

    /// Makes a writer for standard output.
    init() {}

    /// Writes one object as a line and flushes.
    func write(_ object: Object) {
        writeLine(object.line)
    }

    /// Writes a plain text line (a newline is added) and flushes; for the human-readable modes.
    func writeText(_ text: String) {
        writeLine(Array((text + "\n").utf8))
    }

    /// Writes bytes that end with a newline straight to the file descriptor (no stdio buffer, so the line is
    /// flushed when this returns).
    private func writeLine(_ line: [UInt8]) {
        lock.withLock { _ in writeAll(line, to: STDOUT_FILENO) }
    }

    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes a line to standard error (unbuffered).
func printError(_ text: String) {
    writeAll(Array((text + "\n").utf8), to: STDERR_FILENO)
}

/// Writes every byte to `descriptor`, retrying after partial writes and `EINTR`; gives up on other errors (a closed
/// pipe must not stop the shard).
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
