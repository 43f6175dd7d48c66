import Foundation
import XCTest

/// Requires an external tool for a test: in CI (where scripts/test installs it) its absence fails the
/// test; elsewhere the test is skipped, naming the package to install.
public func requireTool(_ tool: String, package: String) throws {
    let found = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    if found { return }
    if ProcessInfo.processInfo.environment["CI"] != nil {
        XCTFail("\(tool) is not installed; scripts/test installs \(package) in CI")
    }
    throw XCTSkip("skipped: \(tool) is not installed (apt-get install \(package))")
}

/// Runs a tool found on the PATH and returns its standard output (its errors are dropped).
@discardableResult
public func toolOutput(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
