// A libFuzzer target for every parser that network bytes reach: the WebSocket frame parser, the zlib-stream
// inflater, the payload envelope classifier, the HTTP response parser, the UTF-8 validator (checked against the
// standard library) and the typed model decoder, alone and chained the way a shard reads (frames → inflate →
// classify → decode).
//
// Fuzz (release, libFuzzer and AddressSanitizer; see the README's "Fuzzing" section):
//   swift build -c release --product GatewayFuzzer --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
//   mkdir -p corpus && .build-fuzz/release/GatewayFuzzer -max_len=70000 corpus Benchmarks/GatewayFuzzer/Seeds
// Replay inputs without libFuzzer (a plain build; also what `swift build` compiles):
//   swift run GatewayFuzzer Benchmarks/GatewayFuzzer/Seeds/*
//
// The first input byte picks the target; a crash, a sanitizer report or a failed `check` is a bug.

import DiscordGateway
import DiscordModel
import Foundation

/// Stops the run with `message` when `condition` is false: a differential check failed.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("GatewayFuzzer check failed: \(message())\n".utf8))
        abort()
    }
}

/// Runs one input through the target its first byte picks.
func fuzzOne(_ input: UnsafeRawBufferPointer) {
    guard let selector = input.first else { return }
    let body = UnsafeRawBufferPointer(rebasing: input.dropFirst())
    switch selector % 8 {
    case 0: fuzzFrames(body, role: .client)
    case 1: fuzzFrames(body, role: .server)
    case 2: fuzzInflater(body)
    case 3: fuzzEnvelope(body)
    case 4: fuzzHTTPResponse(body)
    case 5: fuzzUTF8(body)
    case 6: fuzzReadPath(body)
    default: fuzzTypedEvent(body)
    }
}

/// Splits `bytes` in two at a point the first byte chooses, so partial reads are exercised too.
func split(_ bytes: UnsafeRawBufferPointer) -> (UnsafeRawBufferPointer, UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return (bytes, UnsafeRawBufferPointer(start: nil, count: 0)) }
    let rest = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
    let cut = rest.isEmpty ? 0 : Int(first) % (rest.count + 1)
    return (UnsafeRawBufferPointer(rebasing: rest[..<cut]), UnsafeRawBufferPointer(rebasing: rest[cut...]))
}

/// WebSocket frames, fed in two reads; every event's bytes are touched.
func fuzzFrames(_ bytes: UnsafeRawBufferPointer, role: WebSocketRole) {
    var parser = WebSocketParser(role: role, maximumMessageSize: 1 << 16)
    let (first, second) = split(bytes)
    var touched = 0
    do {
        for part in [first, second] {
            try parser.parse(part) { event in
                switch event {
                case .text(let payload), .binary(let payload), .ping(let payload), .pong(let payload):
                    touched &+= payload.reduce(0) { $0 &+ Int($1) }
                case .close(let code, let reason):
                    touched &+= Int(code ?? 0) &+ reason.utf8.count
                }
            }
        }
    } catch {
        _ = "\(error)"
    }
    _ = touched
}

/// A zlib stream cut into messages at each sync-flush marker, as Discord sends it.
func fuzzInflater(_ bytes: UnsafeRawBufferPointer) {
    guard let inflater = try? ZlibStreamInflater(maximumMessageSize: 1 << 20) else { return }
    for message in messages(bytes) {
        do {
            try inflater.push(message) { output in _ = output.count }
        } catch {
            _ = "\(error)"
            return
        }
    }
}

/// `bytes` cut after each `00 00 FF FF`; the tail (if any) is a last message.
func messages(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + 4 <= bytes.count {
        if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 0xFF, bytes[index + 3] == 0xFF {
            result.append(Array(bytes[start..<(index + 4)]))
            start = index + 4
            index = start
        } else {
            index += 1
        }
    }
    if start < bytes.count { result.append(Array(bytes[start...])) }
    return result
}

/// One payload classified as the shard does, then decoded as a typed event if it is a dispatch.
func fuzzEnvelope(_ bytes: UnsafeRawBufferPointer) {
    guard let payload = try? ReceivedPayload.decode(bytes, filter: .all) else { return }
    if case .dispatch(let name?, _, let raw?) = payload {
        _ = try? DispatchEvent.decode(name: name, payload: raw)
    }
}

/// An HTTP response (the WebSocket handshake or a REST answer) fed in two reads.
func fuzzHTTPResponse(_ bytes: UnsafeRawBufferPointer) {
    var parser = HTTPResponseParser(maximumBodySize: 1 << 16)
    let (first, second) = split(bytes)
    do {
        if try parser.feed(first) { return }
        if try parser.feed(second) { return }
        let response = try parser.finish()
        _ = response.header("content-type")
    } catch {
        _ = "\(error)"
    }
}

/// The streaming validator agrees with the standard library on whole inputs, however they are split.
func fuzzUTF8(_ bytes: UnsafeRawBufferPointer) {
    let (first, second) = split(bytes)
    var validator = UTF8Validator()
    let valid = validator.validate(first) && validator.validate(second) && validator.isAtCharacterBoundary
    let whole = Array(first) + Array(second)
    let expected = String(validating: whole, as: UTF8.self) != nil
    check(valid == expected, "UTF8Validator says \(valid), the standard library \(expected) for \(whole)")
}

/// A payload decoded as the documented event its first byte picks (so every model is reached, whatever `t` says).
func fuzzTypedEvent(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    let names = GatewayEventType.allDocumented
    let payload = Array(bytes.dropFirst())
    _ = try? DispatchEvent.decode(name: names[Int(first) % names.count].rawValue, payload: payload)
}

/// The shard's read path: frames → zlib-stream inflate → classify → typed decode.
func fuzzReadPath(_ bytes: UnsafeRawBufferPointer) {
    var parser = WebSocketParser(role: .client, maximumMessageSize: 1 << 16)
    guard let inflater = try? ZlibStreamInflater(maximumMessageSize: 1 << 20) else { return }
    do {
        try parser.parse(bytes) { event in
            guard case .binary(let message) = event else { return }
            try inflater.push(message) { payload in fuzzEnvelope(payload) }
        }
    } catch {
        _ = "\(error)"
    }
}

/// libFuzzer's driver (in its runtime, linked by `-sanitize=fuzzer`): parses libFuzzer's flags and runs `callback`.
#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// Fuzzes under libFuzzer (built with `-DFUZZING`), otherwise replays the inputs named on the command line.
@main enum GatewayFuzzer {
    /// Runs libFuzzer or the replay.
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            llvmFuzzerRunDriver(&argc, &argv) { data, size in
                fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            })
        #else
        replay(CommandLine.arguments.dropFirst())
        #endif
    }

    /// Runs each file named (or every file in a named directory) once.
    static func replay(_ paths: ArraySlice<String>) {
        var replayed = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                exit(2)
            }
            let names = isDirectory.boolValue ? (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] : []
            let files = isDirectory.boolValue ? names.sorted().map { path + "/" + $0 } : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                data.withUnsafeBytes { fuzzOne($0) }
                replayed += 1
            }
        }
        print("GatewayFuzzer: replayed \(replayed) inputs without a failure")
    }
}
