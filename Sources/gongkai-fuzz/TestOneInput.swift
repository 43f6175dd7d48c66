import Foundation
import FuzzTargets

/// The fuzz target the inputs go to: set by main, or (when libFuzzer's own `main` runs instead, or in a
/// process libFuzzer starts) taken from GONGKAI_FUZZ_TARGET on the first input.
enum Fuzzing {
    nonisolated(unsafe) static var target: FuzzTarget?

    static func one(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let target: FuzzTarget
        if let chosen = Self.target {
            target = chosen
        } else if let name = getenv("GONGKAI_FUZZ_TARGET").map({ String(cString: $0) }), let chosen = FuzzTarget(rawValue: name) {
            Self.target = chosen
            target = chosen
        } else {
            fatalError("gongkai-fuzz: set GONGKAI_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
        let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
        if let violation = target.run(bytes).violation { fatalError("gongkai-fuzz \(target.rawValue): \(violation)") }
        return 0
    }
}

/// libFuzzer's callback by its conventional name: `-sanitize=fuzzer` links libFuzzer whole, whose own
/// `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzzing.one(data, size)
}
