import Foundation
import FuzzDriver
import FuzzTargets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Coverage-guided fuzzing of the report reader and the in-process source adapters with libFuzzer.
// Build and run through scripts/fuzz, or by hand:
//   swift build --scratch-path .build-fuzz --product gongkai-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
//   SWIFT_BACKTRACE=enable=no .build-fuzz/debug/gongkai-fuzz TARGET [libFuzzer flags] [CORPUS_DIR...|CRASH_FILE]
// TARGET (first argument, or GONGKAI_FUZZ_TARGET): reader, text, html, docx, docxml, input, sources.
// `gongkai-fuzz seed html|docx|docxml|json|yaml REPORT.txt > OUT` writes a seed made from a report's text;
// `gongkai-fuzz dict TARGET > FILE` the target's libFuzzer dictionary; `gongkai-fuzz replay TARGET FILE...`
// runs inputs once each (works in a plain build too).
// Thrown errors are fine; a trap, an ASan report, or a broken promise of the reading API (an error that
// is not a ReadError/InputError, a report whose cell count differs from its layout's) is a crash.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
var arguments = CommandLine.arguments

// `gongkai-fuzz seed KIND REPORT.txt > OUT`: a seed input made from a report's text (scripts/fuzz).
if arguments.count > 1, arguments[1] == "seed" {
    guard arguments.count == 4, let data = FileManager.default.contents(atPath: arguments[3]) else {
        fail("usage: gongkai-fuzz seed \(FuzzSeeds.kinds.joined(separator: "|")) REPORT.txt > OUT")
    }
    do {
        guard let bytes = try FuzzSeeds.make(arguments[2], fromText: String(decoding: data, as: UTF8.self)) else {
            fail("gongkai-fuzz seed: no kind \"\(arguments[2])\"; kinds: \(FuzzSeeds.kinds.joined(separator: ", "))")
        }
        FileHandle.standardOutput.write(Data(bytes))
        exit(0)
    } catch {
        fail("gongkai-fuzz seed: \(error)")
    }
}

// `gongkai-fuzz dict TARGET > FILE`: the libFuzzer dictionary for a target (scripts/fuzz passes -dict=).
if arguments.count == 3, arguments[1] == "dict", let target = FuzzTarget(rawValue: arguments[2]) {
    FileHandle.standardOutput.write(Data(FuzzSeeds.dictionary(for: target).utf8))
    exit(0)
}

// `gongkai-fuzz replay TARGET FILE...`: runs saved inputs through a target once each, in any build (the
// regression test runs saved crashes this way, so that a trap fails one test, not the whole run).
// Prints what each gave; exits 3 on a broken promise of the reading API, dies on a trap.
if arguments.count > 3, arguments[1] == "replay" {
    guard let target = FuzzTarget(rawValue: arguments[2]) else {
        fail("gongkai-fuzz replay: no target \"\(arguments[2])\"; targets: \(targets)")
    }
    for path in arguments.dropFirst(3) {
        guard let data = FileManager.default.contents(atPath: path) else { fail("gongkai-fuzz replay: cannot read \(path)") }
        let outcome = target.run([UInt8](data))
        if let violation = outcome.violation {
            FileHandle.standardError.write(Data("\(path): \(violation)\n".utf8))
            exit(3)
        }
        switch outcome {
        case .report(let report):
            print("\(path): a report, \(report.cells.count) cells, format \(report.format.version.rawValue)")
        case .failed(let error): print("\(path): \(type(of: error)): \(error)")
        case .skipped(let why): print("\(path): skipped (\(why))")
        }
    }
    exit(0)
}

var chosen = getenv("GONGKAI_FUZZ_TARGET").map { String(cString: $0) }
if arguments.count > 1, FuzzTarget(rawValue: arguments[1]) != nil {
    chosen = arguments.remove(at: 1)
    setenv("GONGKAI_FUZZ_TARGET", chosen ?? "", 1)  // for the processes libFuzzer starts (-minimize_crash, -fork)
}
guard let name = chosen, !name.isEmpty else {
    fail("usage: gongkai-fuzz TARGET [libFuzzer flags] [CORPUS_DIR...] (or GONGKAI_FUZZ_TARGET=TARGET); targets: \(targets)")
}
guard let target = FuzzTarget(rawValue: name) else { fail("gongkai-fuzz: no target \"\(name)\"; targets: \(targets)") }
guard gongkai_fuzz_driver_available() != 0 else {
    fail(
        """
        gongkai-fuzz: this build has no libFuzzer. Build it with
          swift build --scratch-path .build-fuzz --product gongkai-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
        and run it with SWIFT_BACKTRACE=enable=no .build-fuzz/debug/gongkai-fuzz \(name) [CORPUS_DIR...]
        — or simply scripts/fuzz [SECONDS] [TARGET...].
        """)
}

Fuzzing.target = target
let callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in Fuzzing.one(data, size) }

var argc = Int32(arguments.count)
var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
exit(status)
