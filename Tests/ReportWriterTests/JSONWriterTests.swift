import AnnualReport
import Foundation
import ReportReader
import ReportSynthesis
import ReportWriter
import TestSupport
import XCTest

/// The canonical JSON is laid out once and written either straight to bytes or as a `JSONValue`:
/// both give the same text, which parses back to the same value.
final class JSONWriterTests: XCTestCase {
    func testBytesAndTreeAgreeOnEveryLayoutAndOddValues() throws {
        var synth = ReportSynthesizer(random: SeededRandom(state: 99))
        var reports: [Report] = []
        for format in [ReportFormat.v2019, .v2021, .v2021SingleOther] {
            var report = synth.report(format: format, agency: "某市\"测试\"局\n", year: 2022)
            report.cells[0] = Cell(
                value: nil, status: .uncertain, source: nil, candidates: [CellNumber(3), CellNumber(-12)], reasoning: "\t?")
            report.cells[1] = Cell(
                value: CellNumber(mantissa: 964_116, scale: 2), status: .read, source: nil, written: "9641.16万元")
            report.cells[2] = .missing
            report.cells[3].source = SourceLocation(line: 4, column: 2, place: "HTML 7:1 \"<td>\"\n")
            report.readerNotes = ["\u{1}控制字符", ""]
            reports.append(report)
        }
        for name in ["seeds/001_c6d2da25662234b0.txt", "samples/上海市人民政府办公厅2025年度报告.md"] {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/" + name)
            reports.append(try ReportReader.read(bytes: [UInt8](try Data(contentsOf: url)), origin: name))
        }
        for report in reports {
            for pretty in [true, false] {
                let tree = ReportJSON.value(of: report)
                let bytes = ReportJSON.serialized(report, pretty: pretty)
                XCTAssertEqual(bytes, tree.serialized(pretty: pretty), report.origin)
                XCTAssertEqual(try JSONValue.parse(Array(bytes.utf8)), tree, report.origin)
            }
        }
    }

    func testEmptyContainersAndNesting() {
        var writer = JSONWriter(pretty: true)
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.endArray()
        writer.key("b")
        writer.beginObject()
        writer.endObject()
        writer.key("c")
        writer.beginArray()
        writer.number(CellNumber(-7))
        writer.bool(true)
        writer.null()
        writer.endArray()
        writer.endObject()
        XCTAssertEqual(writer.text, "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    -7,\n    true,\n    null\n  ]\n}")
    }
}
