import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportSynthesis
import ReportWriter
import TestSupport
import XCTest
import ZIPFoundation

final class WriterTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func testTotalsLeftOutAreComputedAndGivenOnesChecked() throws {
        let yaml = """
            format: "2021"
            year: 2024
            agency: 某市统计局
            requests:
              new: { natural_person: 3, commercial: 1, research: 0, social_welfare: 0, legal_services: 0, other_org: 0 }
              granted: { natural_person: 3, commercial: 1, research: 0, social_welfare: 0, legal_services: 0, other_org: 0 }
            appeals:
              review: { upheld: 1, corrected: 0, other: 0, pending: 1 }
            """
        let report = try ReportInput.read(bytes: Array(yaml.utf8), origin: "data.yaml")
        XCTAssertEqual(report.value("requests.new.total"), CellNumber(4))
        XCTAssertEqual(report.value("requests.granted.total"), CellNumber(4))
        XCTAssertNil(report.value("requests.total.natural_person"), "（七）总计 needs every outcome row; blanks are not zeros")
        XCTAssertEqual(report.value("appeals.review.total"), CellNumber(2))
        XCTAssertNil(report.value("requests.carried_in.natural_person"), "a cell left out is blank, not 0")

        let wrong = yaml.replacingOccurrences(of: "pending: 1 }", with: "pending: 1, total: 5 }")
        let checked = try ReportInput.read(bytes: Array(wrong.utf8), origin: "data.yaml")
        XCTAssertEqual(checked.value("appeals.review.total"), CellNumber(5), "a given total is kept")
        XCTAssertTrue(CheckCatalogue.check(checked).contains { $0.id == "arithmetic.appeal-total" && $0.severity == .error })
    }

    func testBadDataFilesSayWhatIsWrong() {
        for (text, expected) in [
            ("format: \"2020\"\nyear: 2020\n", "format is \"2020\""),
            ("year: 2024\nrequests:\n  new:\n    natural_person: many\n", "requests.new.natural_person is many"),
            ("year: 2024\npublished: yesterday\n", "published is \"yesterday\""),
            ("[1, 2]", "expected an object"),
            ("year: 9223372036854775807\n", "year is 9223372036854775807"),
        ] {
            XCTAssertThrowsError(try ReportInput.read(bytes: Array(text.utf8), origin: "bad.yaml")) { error in
                XCTAssertTrue("\(error)".contains("bad.yaml") && "\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testInitTemplateFilledWithGeneratedDataGivesEverything() throws {
        var synth = ReportSynthesizer(random: SeededRandom(state: 99))
        for year in [2020, 2025] {
            let template = TemplateWriter.yaml(year: year, agency: "某市统计局")
            let blank = try ReportInput.read(bytes: Array(template.utf8), origin: "template.yaml")
            XCTAssertEqual(blank.format.version, .required(forYear: year))
            XCTAssertTrue(blank.cells.allSatisfy { $0.value == nil }, "the template is blank")
            // Fill every `null` of the template with generated values that satisfy the identities.
            let values = synth.values(for: blank.format)
            var lines = template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var k = 0
            for i in lines.indices where lines[i].contains(": null  #") && !lines[i].hasPrefix("published") {
                lines[i] = lines[i].replacingOccurrences(of: ": null", with: ": \(values[k])")
                k += 1
            }
            XCTAssertEqual(k, blank.format.cells.count)
            let filled = try ReportInput.read(bytes: Array(lines.joined(separator: "\n").utf8), origin: "filled.yaml")
            XCTAssertEqual(filled.cells.map(\.value), values)
            XCTAssertEqual(CheckCatalogue.check(filled).filter { $0.severity == .error }.map(\.message), [])
            let document = ReportDocument(filled)
            XCTAssertTrue(HTMLWriter.render(document).contains("勾稽关系"))
            XCTAssertTrue(MarkdownWriter.render(document).contains("## 六、其他需要报告的事项"))
            XCTAssertEqual(SourceKind.sniff(try WordWriter.render(document)), .docx)
            let csv = CSVWriter.render(document)
            XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF])
            XCTAssertEqual(String(decoding: csv, as: UTF8.self).split(separator: "\r\n").count, 1 + blank.format.cells.count)
            let xlsx = try WordlessSheet(try XLSXWriter.render(document))
            XCTAssertEqual(xlsx.rows, 1 + blank.format.cells.count)
        }
    }

    func testEverySampleRendersToEveryTextFormat() async throws {
        for path in [
            "seeds/001_c6d2da25662234b0.txt", "samples/平潭综合实验区2022年度报告.html", "samples/上海市人民政府办公厅2025年度报告.md",
        ] {
            let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(path)))
            let report = try await ReportSources.read(bytes: bytes, origin: path)
            let document = ReportDocument(report)
            let md = MarkdownWriter.render(document)
            let back = try await ReportSources.read(bytes: Array(md.utf8), origin: path + ".md")
            XCTAssertEqual(back.cells.map(\.value), report.cells.map(\.value), path)
            XCTAssertFalse(HTMLWriter.render(document).isEmpty)
            XCTAssertFalse(try WordWriter.render(document).isEmpty)
            XCTAssertFalse(try XLSXWriter.render(document).isEmpty)
        }
    }

    func testSpreadsheetCellsNeverBecomeFormulas() throws {
        var report = try ReportReader.read(
            bytes: [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("seeds/001_c6d2da25662234b0.txt"))),
            origin: "001.txt")
        for name in ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            report.agency = name
            let csv = String(decoding: CSVWriter.render(ReportDocument(report)), as: UTF8.self)
            let first = try XCTUnwrap(csv.split(separator: "\r\n").dropFirst().first)
            XCTAssertTrue(first.hasPrefix("'") || first.hasPrefix("\"'"), "CSV: \(first)")
            let xlsx = try XLSXWriter.render(ReportDocument(report))
            let archive = try Archive(data: Data(xlsx), accessMode: .read)
            for sheet in archive where sheet.path.hasPrefix("xl/worksheets/") {
                var xml = Data()
                _ = try archive.extract(sheet) { xml.append($0) }
                XCTAssertFalse(String(decoding: xml, as: UTF8.self).contains("<f>"), "XLSX: text cells, never formulas")
            }
        }
        XCTAssertTrue(
            String(decoding: CSVWriter.render(ReportDocument(report)), as: UTF8.self).contains(",64\r\n"), "numbers stay numbers")
    }

    func testExcelHasASheetPerTableWithNumbersAsNumbers() throws {
        let report = try ReportReader.read(
            bytes: [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("seeds/001_c6d2da25662234b0.txt"))),
            origin: "001.txt")
        let archive = try Archive(data: Data(try XLSXWriter.render(ReportDocument(report))), accessMode: .read)
        func part(_ path: String) throws -> String {
            var xml = Data()
            _ = try archive.extract(try XCTUnwrap(archive[path], path)) { xml.append($0) }
            return String(decoding: xml, as: UTF8.self)
        }
        let workbook = try part("xl/workbook.xml")
        for name in ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "全部单元格"] { XCTAssertTrue(workbook.contains(name), name) }
        let requests = try part("xl/worksheets/sheet2.xml")
        XCTAssertTrue(requests.contains("机关：辽阳市　年度：2019"), "agency and year on the sheet")
        XCTAssertTrue(requests.contains("<pane ySplit=\"4\""), "the caption and three header rows frozen")
        XCTAssertTrue(requests.contains("<mergeCell ref=\"A2:C4\"/>"), "the 勾稽关系 note merged as the notice merges it")
        XCTAssertTrue(requests.contains("<c r=\"D5\" s=\"3\"><v>64</v></c>"), "新收 from natural persons: a number")
        XCTAssertTrue(requests.contains("<col min=\"3\" max=\"3\" width=\"30.0\""), "a wide label column")
        var blank = report
        blank.cells[try XCTUnwrap(report.format.index(of: "requests.new.natural_person"))] = Cell(
            value: nil, status: .blank, source: nil)
        let withBlank = try Archive(data: Data(try XLSXWriter.render(ReportDocument(blank))), accessMode: .read)
        var xml = Data()
        _ = try withBlank.extract(try XCTUnwrap(withBlank["xl/worksheets/sheet2.xml"])) { xml.append($0) }
        XCTAssertTrue(String(decoding: xml, as: UTF8.self).contains("<c r=\"D5\" s=\"3\"/>"), "a blank cell is empty, not 0")
    }

    func testDraftMarkIsVisible() throws {
        var synth = ReportSynthesizer(random: SeededRandom(state: 5))
        let report = synth.report(format: .v2021, agency: "某市统计局", year: 2024)
        let draft = ReportDocument(report, draft: true)
        XCTAssertTrue(HTMLWriter.render(draft).contains(ReportDocument.draftMark))
        XCTAssertTrue(MarkdownWriter.render(draft).contains(ReportDocument.draftMark))
        XCTAssertTrue(try wordXML(WordWriter.render(draft)).contains(ReportDocument.draftMark))
        XCTAssertTrue(String(decoding: CSVWriter.render(draft), as: UTF8.self).contains("草稿"))
        XCTAssertFalse(HTMLWriter.render(ReportDocument(report)).contains(ReportDocument.draftMark))
    }

    func testTextIsEscapedInHTML() {
        var report = Report(origin: "x", format: .v2021)
        report.agency = "<script>alert(1)</script>"
        report.sections[.overview] = SectionText(
            text: "a < b & \"c\"", source: SourceLocation(line: 1, column: 1), headingFound: true)
        let html = HTMLWriter.render(ReportDocument(report))
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertTrue(html.contains("a &lt; b &amp; &quot;c&quot;"))
    }

    private func wordXML(_ docx: [UInt8]) throws -> String {
        let archive = try Archive(data: Data(docx), accessMode: .read)
        guard let entry = archive["word/document.xml"] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Counts the rows of an XLSX's sheet of every cell (the last: after the three statutory tables).
private struct WordlessSheet {
    let rows: Int

    init(_ bytes: [UInt8]) throws {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        guard let entry = archive["xl/worksheets/sheet4.xml"] else { throw CocoaError(.fileReadCorruptFile) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        rows = String(decoding: data, as: UTF8.self).components(separatedBy: "<row ").count - 1
    }
}
