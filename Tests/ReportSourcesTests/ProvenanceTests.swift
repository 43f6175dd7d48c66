import AnnualReport
import Foundation
import ReportSources
import TestSupport
import XCTest

/// Every number can be traced to where it stands in the document the agency published: the HTML
/// element's line and column in the page's source, the Word table cell, the PDF page.
final class ProvenanceTests: XCTestCase {
    private let inForce = RowKey.normativeDocuments.cell(.inForce)

    func testAnHTMLCellPointsAtItsElementInThePageSource() async throws {
        let bytes = try SourceFixtures.shipped("samples/平潭综合实验区2022年度报告.html")
        let report = try await ReportSources.read(bytes: bytes, origin: "page.html")
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        for (key, value) in [(inForce, "698"), (RowKey.newRequests.cell(.total), "74")] {
            let place = try XCTUnwrap(report.cell(key)?.source?.place, key)
            let position = place.dropFirst("HTML ".count).split(separator: ":").compactMap { Int($0) }
            XCTAssertTrue(place.hasPrefix("HTML ") && position.count == 2, place)
            let line = Array(lines[position[0] - 1].unicodeScalars)
            let element = ([String(String.UnicodeScalarView(line[(position[1] - 1)...]))] + lines[position[0]...])
                .joined(separator: "\n")
            XCTAssertTrue(element.hasPrefix("<td"), "\(key) at \(place): \(element.prefix(40))")
            let cell = element.components(separatedBy: "</td>").first ?? ""
            XCTAssertTrue(cell.contains(">\(value)<"), "\(key) at \(place) should hold \(value)")
        }
    }

    func testAWordCellNamesItsTableRowAndCell() async throws {
        let bytes = try SourceFixtures.shipped("samples/平潭综合实验区2022年度报告.docx")
        let report = try await ReportSources.read(bytes: bytes, origin: "report.docx")
        // Counted in word/document.xml: table 1 row 4 is 行政规范性文件, table 2 row 4 本年新收 (71 natural persons, 74 in all).
        XCTAssertEqual(report.cell(inForce)?.source?.place, "Word table 1 row 4 cell 4")
        XCTAssertEqual(report.cell(RowKey.newRequests.cell(.naturalPerson))?.source?.place, "Word table 2 row 4 cell 2")
        XCTAssertEqual(report.cell(RowKey.newRequests.cell(.total))?.source?.place, "Word table 2 row 4 cell 8")
    }

    func testAPDFCellNamesItsPageAndBox() async throws {
        try requireTool("pdftotext", package: "poppler-utils")
        try requireTool("pdfinfo", package: "poppler-utils")
        let bytes = try SourceFixtures.sharedSample("淮安市人民政府2024年政府信息公开工作年度报告.pdf")
        let report = try await ReportSources.read(bytes: bytes, origin: "huaian.pdf")
        let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-page-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: pdf)
        defer { try? FileManager.default.removeItem(at: pdf) }
        // `PDF page 3, x 70–87%, y 64–68%`: the words pdftotext finds in that box of that page are the cell's.
        for key in [inForce, RowKey.newRequests.cell(.total)] {
            let cell = try XCTUnwrap(report.cell(key))
            let place = try XCTUnwrap(cell.source?.place, key)
            let numbers = place.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            XCTAssertTrue(place.hasPrefix("PDF page ") && numbers.count == 5, place)
            let (page, x0, x1, y0, y1) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
            let info = try toolOutput("pdfinfo", ["-f", "\(page)", "-l", "\(page)", pdf.path])
            let size = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Page") && $0.contains("size:") })
            let points = size.split(separator: " ").compactMap { Double($0) }.suffix(2)
            let (width, height) = (points.first ?? 0, points.last ?? 0)
            let crop = [x0, y0, x1 - x0, y1 - y0].enumerated().map { k, share in
                String(Int(Double(share) / 100 * (k % 2 == 0 ? width : height)))
            }
            let text = try toolOutput(
                "pdftotext",
                ["-f", "\(page)", "-l", "\(page)", "-x", crop[0], "-y", crop[1], "-W", crop[2], "-H", crop[3], pdf.path, "-"])
            let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
            XCTAssertEqual(words, [try XCTUnwrap(cell.value?.description)], "\(key) at \(place)")
        }
    }

    func testALocationReadsBackFromItsDescription() {
        let placed = SourceLocation(line: 60, column: 24, place: "HTML 212:35")
        XCTAssertEqual(placed.description, "60:24 (HTML 212:35)")
        XCTAssertEqual(SourceLocation(placed.description)?.place, "HTML 212:35")
        XCTAssertEqual(SourceLocation("1:2 (PDF page 3, x 1–2%, y 3–4%)")?.place, "PDF page 3, x 1–2%, y 3–4%")
        XCTAssertEqual(placed, SourceLocation(line: 60, column: 24), "a place names the same position")
        XCTAssertEqual(SourceLocation("7:3"), SourceLocation(line: 7, column: 3))
        XCTAssertNil(SourceLocation("7:3 (HTML"))
        XCTAssertNil(SourceLocation("7"))
    }
}
