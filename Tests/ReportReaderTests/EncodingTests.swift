import AnnualReport
import Foundation
import ReportReader
import XCTest

/// GBK/GB18030 and UTF-16 text reads exactly as UTF-8 does, detected without being told.
final class EncodingTests: XCTestCase {
    private let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    private func sample() throws -> (text: String, report: Report) {
        let url = Fixtures.root.appendingPathComponent("seeds/001_c6d2da25662234b0.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return (text, try ReportReader.read(text: text, origin: "utf8"))
    }

    private func assertSameCells(_ a: Report, _ b: Report, _ name: String) {
        XCTAssertEqual(a.cells.map(\.value), b.cells.map(\.value), name)
        XCTAssertEqual(a.agency, b.agency, name)
        XCTAssertEqual(a.year, b.year, name)
    }

    func testGB18030IsDetected() throws {
        let (text, reference) = try sample()
        let bytes = try [UInt8](XCTUnwrap(text.data(using: gb18030)))
        let report = try ReportReader.read(bytes: bytes, origin: "gbk.txt")
        assertSameCells(reference, report, "GB18030")
        XCTAssertTrue(report.readerNotes.contains { $0.contains("GB18030") })
    }

    func testUTF16WithAndWithoutByteOrderMarkIsDetected() throws {
        let (text, reference) = try sample()
        let le = try [UInt8](XCTUnwrap(text.data(using: .utf16LittleEndian)))
        let be = try [UInt8](XCTUnwrap(text.data(using: .utf16BigEndian)))
        for (name, bytes) in [
            ("UTF-16LE BOM", [0xFF, 0xFE] + le), ("UTF-16BE BOM", [0xFE, 0xFF] + be), ("UTF-16LE", le), ("UTF-16BE", be),
        ] {
            assertSameCells(reference, try ReportReader.read(bytes: bytes, origin: name), name)
        }
    }

    func testUTF8WithByteOrderMark() throws {
        let (text, reference) = try sample()
        assertSameCells(reference, try ReportReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), origin: "bom"), "BOM")
    }

    func testInvalidBytesAreReplacedAndReported() throws {
        let (text, reference) = try sample()
        var bytes = Array(text.utf8)
        // A stray 0xFF in the narrative: not valid UTF-8 and not valid GB18030 either.
        bytes.insert(0xFF, at: 200)
        let report = try ReportReader.read(bytes: bytes, origin: "bad-bytes.txt")
        assertSameCells(reference, report, "one invalid byte")
        XCTAssertTrue(report.readerNotes.contains { $0.contains("invalid") && $0.contains("byte 200") }, "\(report.readerNotes)")
    }
}
