import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import XCTest

/// Bad input: a clear error naming the file and the problem, never a crash.
final class BadInputTests: XCTestCase {
    private func problem(_ bytes: [UInt8]) -> ReadError.Problem? {
        do {
            _ = try ReportReader.read(bytes: bytes, origin: "input.txt")
            return nil
        } catch let error as ReadError {
            XCTAssertTrue(error.description.hasPrefix("input.txt: "), error.description)
            return error.problem
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    func testEmptyFile() {
        XCTAssertEqual(problem([]), .empty)
    }

    func testBinaryFile() {
        XCTAssertEqual(problem([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xFF, 0x00, 0x13]), .binary)
    }

    func testADifferentDocument() {
        let notice = "关于做好2024年春节期间安全生产工作的通知\n各区县人民政府：\n为切实做好春节期间安全生产工作，现将有关事项通知如下。\n"
        XCTAssertEqual(problem(Array(notice.utf8)), .notAReport)
    }

    func testNonTextBytes() {
        let bytes = (0..<4000).map { UInt8(truncatingIfNeeded: ($0 * 7919) % 251 + 1) }.map { $0 < 9 ? 0x80 : $0 }
        // Bytes of no text encoding, control bytes among them: refused as binary.
        XCTAssertEqual(problem(bytes), .binary)
    }

    func testReportCutOffMidTableKeepsWhatWasReadAndMarksTheRestMissing() throws {
        let url = Fixtures.root.appendingPathComponent("seeds/004_7f2f36b97c6d827f.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let cut = try XCTUnwrap(text.range(of: "4.保护第三方合法权益"))
        let report = try ReportReader.read(text: String(text[..<cut.lowerBound]), origin: "truncated.txt")
        XCTAssertEqual(report.value("requests.new.total"), CellNumber(0))
        XCTAssertEqual(report.cell("requests.total.total")?.status, .missing)
        XCTAssertEqual(report.cell("appeals.review.total")?.status, .missing)
        let findings = CheckCatalogue.check(report)
        XCTAssertTrue(findings.contains { $0.id == "structure.table-incomplete" && $0.severity == .error })
        XCTAssertTrue(findings.contains { $0.id == "structure.section-missing" && $0.message.contains("行政复议") })
    }

    func testTruncatedToTheNarrativeOnly() throws {
        let url = Fixtures.root.appendingPathComponent("seeds/003_e5e51e0cfe3bc0cf.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let cut = try XCTUnwrap(text.range(of: "二、主动公开政府信息情况"))
        XCTAssertThrowsError(try ReportReader.read(text: String(text[..<cut.lowerBound]), origin: "narrative.txt")) { error in
            XCTAssertEqual((error as? ReadError)?.problem, .notAReport)
        }
    }
}
