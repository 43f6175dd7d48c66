import AnnualReport
import Foundation
import ReportReader
import ReportSources
import ReportWriter
import XCTest

/// The library stores a report as its canonical JSON and renders every page and download from it:
/// stored JSON → report → JSON must give the same JSON, cell statuses, candidates and sources too.
final class StoredJSONTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The fixtures, and the text converters' versions of them when the converter zoo is built (they
    /// hold the uncertain and missing cells the clean fixtures lack).
    private func inputs() throws -> [URL] {
        let fixtures = Self.repository.appendingPathComponent("Tests/Fixtures")
        var files: [URL] = []
        for folder in ["seeds", "samples"] {
            files += try FileManager.default.contentsOfDirectory(
                at: fixtures.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        }
        let zoo = Self.repository.appendingPathComponent(".build/zoo")
        if let walker = FileManager.default.enumerator(at: zoo, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where ["txt", "md", "html", "docx"].contains(url.pathExtension) {
                if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true { files.append(url) }
            }
        }
        return files
    }

    func testStoredJSONReadsBackToTheSameJSON() async throws {
        var reports = 0
        var statuses: [CellStatus: Int] = [:]
        for url in try inputs() {
            let report: Report
            do {
                report = try await ReportSources.read(bytes: [UInt8](try Data(contentsOf: url)), origin: url.lastPathComponent)
            } catch is ReadError {
                continue
            }
            let stored = ReportJSON.value(of: report).serialized(pretty: false)
            let back = try ReportJSON.report(fromJSON: stored, origin: "stored")
            XCTAssertEqual(ReportJSON.value(of: back).serialized(pretty: false), stored, url.lastPathComponent)
            XCTAssertEqual(back.cells, report.cells, url.lastPathComponent)
            for cell in back.cells { statuses[cell.status, default: 0] += 1 }
            reports += 1
        }
        XCTAssertGreaterThanOrEqual(reports, 9)
        XCTAssertGreaterThan(statuses[.read] ?? 0, 0)
        XCTAssertGreaterThan(statuses[.blank] ?? 0, 0)
        print("stored JSON round trip: \(reports) reports, cells \(statuses)")
    }

    func testJSONIsParsedExactlyOrRefusedWithItsOffset() throws {
        let value = try JSONValue.parse(Array(#"{"a":[1,-0.5,2e3,true,false,null],"b":"\u00e9\ud83d\ude00\n\"","c":{}}"#.utf8))
        XCTAssertEqual(value["a"], .array([.number("1"), .number("-0.5"), .number("2e3"), .bool(true), .bool(false), .null]))
        XCTAssertEqual(value["b"]?.stringValue, "é😀\n\"")
        XCTAssertEqual(value.serialized(pretty: false), #"{"a":[1,-0.5,2e3,true,false,null],"b":"é😀\n\"","c":{}}"#)
        for (bad, offset) in [("{\"a\":}", 5), ("[1,]", 3), ("\"abc", 4), ("{} x", 3), ("01x", 1), ("[\"\u{01}\"]", 2)] {
            XCTAssertThrowsError(try JSONValue.parse(Array(bad.utf8)), bad) { error in
                XCTAssertEqual((error as? JSONParseError)?.offset, offset, "\(bad): \(error)")
            }
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONValue.parse(Array(deep.utf8)), "nesting is bounded, not a stack overflow")
    }
}
