public import Foundation

/// CPU time, memory and child-process helpers shared by the benchmarks.
///
/// **Threading:** free functions; each reads only the calling thread's or process's own counters.
public enum Measure {
    /// CPU time used by the calling thread.
    public static func threadCPUTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// CPU time of the whole process (all threads).
    public static func processCPUTime() -> Duration {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return .seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + .microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    }

    /// Nanoseconds in a duration.
    public static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }

    /// Resident memory of this process in KiB (`VmRSS`).
    public static func residentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }
}

/// This executable started again as a child process (`--serve` mode), with its stdout read line by line.
///
/// **Threading:** use from one thread.
public final class ChildProcess {
    /// The process.
    public let process = Process()
    /// Its standard output.
    private let output = Pipe()
    /// Its standard input; closing it tells the child to exit.
    private let input = Pipe()

    /// Starts `CommandLine.arguments[0]` with `arguments`.
    /// - Throws: when the process cannot be started.
    public init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        process.standardOutput = output
        process.standardInput = input
        try process.run()
    }

    /// Reads one line (without the newline); empty at end of file.
    public func readLine() -> String {
        var line = ""
        while !line.hasSuffix("\n") {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { break }
            line += String(decoding: byte, as: UTF8.self)
        }
        return line.trimmingCharacters(in: .newlines)
    }

    /// Writes a line to the child's standard input.
    public func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes the child's standard input and waits for it to exit.
    public func finish() {
        input.fileHandleForWriting.closeFile()
        process.waitUntilExit()
    }
}
