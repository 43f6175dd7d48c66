import Foundation
import XCTest

/// Sample files: the shipped fixtures, and the PDF and Word samples read from `../shared/` beside the
/// checkout (tests that need those say they were skipped when it is absent).
enum SourceFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")

    static func shipped(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    /// A file of `../shared/samples/real/`, or a skip that says so.
    static func sharedSample(_ name: String) throws -> [UInt8] {
        let url = shared.appendingPathComponent("samples/real/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("skipped: \(url.path) is absent (the shared samples sit beside the checkout in CI)")
        }
        return [UInt8](data)
    }

    static func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected/\(name).json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
