import AnnualReport
import Foundation
import ReportReader
import ReportSources
import ReportSynthesis
import TestSupport
import XCTest

/// A scan made from a real report (PDF pages rendered to PNG) read back by OCR: every cell is right
/// or flagged (null: uncertain, missing or blank) — OCR never puts a wrong number into the tables —
/// and nine in ten are right.
final class OCRTests: XCTestCase {
    func testRenderedPagesReadBackRightOrFlagged() async throws {
        try requireTool("pdftoppm", package: "poppler-utils")
        try requireTool("tesseract", package: "tesseract-ocr tesseract-ocr-chi-sim")
        let pdf = try SourceFixtures.sharedSample("淮安市人民政府2024年政府信息公开工作年度报告.pdf")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.pdf")
        try Data(pdf).write(to: input)
        _ = try await ExternalTool.pdftoppm.run(
            ["-r", "300", "-gray", "-png", input.path, folder.appendingPathComponent("page").path], origin: "render")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertGreaterThan(pages.count, 3)
        let images = try pages.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
        let report = try await ReportSources.read(pageImages: images, origin: "scan")
        XCTAssertEqual(report.format.version, .v2021)

        let expected = try SourceFixtures.expected("淮安市人民政府2024年政府信息公开工作年度报告")
        let cells = try XCTUnwrap(expected["cells"] as? [String: Any])
        var right = 0, flagged = 0
        for (key, value) in cells {
            let cell = try XCTUnwrap(report.cell(key))
            let truth = (value as? NSNumber).flatMap { CellNumber(parsing: $0.stringValue[...]) }
            if let read = cell.value {
                XCTAssertEqual(read, truth, "\(key): OCR put a wrong number into the table")
                XCTAssertTrue(cell.source?.place?.hasPrefix("scan page ") == true, "\(key) at \(cell.source?.description ?? "?")")
                right += read == truth ? 1 : 0
            } else {
                flagged += 1
            }
        }
        print("OCR round trip: \(right) cells right, \(flagged) flagged, of \(cells.count)")
        // Ruled cells read twice: a clean scan reads at least nine cells in ten.
        XCTAssertGreaterThanOrEqual(right * 10, cells.count * 9, "OCR read too few cells of a clean scan")
    }
}
