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
