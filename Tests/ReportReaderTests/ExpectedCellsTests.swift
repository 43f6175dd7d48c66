import AnnualReport
import Foundation
import ReportReader
import XCTest

/// Every cell of every text seed and sample against `expected/`: zero wrong cells. A cell listed as
/// ambiguous may instead be reported uncertain, with the true value among its candidates.
final class ExpectedCellsTests: XCTestCase {
    func testEveryCellOfEveryTextReportMatchesExpected() throws {
        var checked = 0
        for (source, expectedURL) in Fixtures.textReports {
            let name = source.lastPathComponent
            let report = try ReportReader.read(bytes: Fixtures.bytes(source), origin: name)
            let expected = try Fixtures.expected(expectedURL)
            let cells = try XCTUnwrap(expected["cells"] as? [String: Any], name)
            let ambiguous = Set(expected["ambiguous"] as? [String] ?? [])
            XCTAssertEqual(report.format.version.rawValue, expected["format"] as? String, name)
            XCTAssertEqual(report.format.cells.count, cells.count, "\(name): layout has a different set of cells")
            for (key, value) in cells {
                let cell = try XCTUnwrap(report.cell(key), "\(name): no cell \(key)")
                let truth = (value as? NSNumber).flatMap { CellNumber(parsing: $0.stringValue[...]) }
                if cell.value == truth && cell.status != .uncertain { continue }
                if ambiguous.contains(key), cell.status == .uncertain {
                    // Every value it may hold is listed, or none (the text does not bound it).
                    if let truth, !cell.candidates.isEmpty {
                        XCTAssertTrue(cell.candidates.contains(truth), "\(name) \(key): \(truth) not among candidates")
                    }
                    continue
                }
                XCTFail(
                    "\(name) \(key): read \(cell.value?.description ?? "null") (\(cell.status)), expected \(truth?.description ?? "null")"
                )
            }
            checked += cells.count
        }
        XCTAssertEqual(checked, 198 * 6 + 200 * 2)
    }

    func testMetadataMatchesExpected() throws {
        for (source, expectedURL) in Fixtures.textReports {
            let name = source.lastPathComponent
            let report = try ReportReader.read(bytes: Fixtures.bytes(source), origin: name)
            let expected = try Fixtures.expected(expectedURL)
            XCTAssertEqual(report.year, expected["year"] as? Int, name)
            XCTAssertEqual(report.agency, expected["agency"] as? String, name)
            if let published = expected["published"] as? String {
                XCTAssertEqual(report.published?.description, published, name)
            }
        }
    }

    func testAmbiguousCellsAreNeverPresentedAsFact() throws {
        // 平潭 2019 prints 规范性文件 as `898989`: six readings, none fixed by an identity.
        let source = Fixtures.root.appendingPathComponent("samples/平潭综合实验区2019年度报告.txt")
        let report = try ReportReader.read(bytes: Fixtures.bytes(source), origin: "pingtan2019")
        let made = try XCTUnwrap(report.cell("proactive.normative_documents.made"))
        XCTAssertNil(made.value)
        XCTAssertEqual(made.status, .uncertain)
        XCTAssertTrue(made.candidates.contains(CellNumber(89)))
        // The procurement amount is in 元 and normalised to 万元 in each candidate.
        let amount = try XCTUnwrap(report.cell("proactive.procurement.amount_wan_yuan"))
        XCTAssertTrue(amount.candidates.contains(CellNumber(mantissa: 7_539_443_252, scale: 6)))
    }

    func testRunTogetherDigitsAreSplitByIdentitiesAndNarrative() throws {
        let source = Fixtures.root.appendingPathComponent("samples/平潭综合实验区2022年度报告.txt")
        let report = try ReportReader.read(bytes: Fixtures.bytes(source), origin: "pingtan2022")
        // `713000074`: seven cells, fixed by 总计 = sum of the columns.
        XCTAssertEqual(report.value("requests.new.natural_person"), CellNumber(71))
        XCTAssertEqual(report.value("requests.new.total"), CellNumber(74))
        XCTAssertNotNil(report.cell("requests.new.total")?.reasoning)
        // `8855698`: no identity; the narrative (现行有效…698件, 制发…88件) leaves one split.
        XCTAssertEqual(report.value("proactive.normative_documents.repealed"), CellNumber(55))
        XCTAssertTrue(report.cell("proactive.normative_documents.repealed")?.reasoning?.contains("正文") ?? false)
    }

    func testEveryReadCellRecordsWhereItWasRead() throws {
        let source = Fixtures.root.appendingPathComponent("seeds/004_7f2f36b97c6d827f.txt")
        let text = try String(contentsOf: source, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let report = try ReportReader.read(text: text, origin: "004")
        for (i, cell) in report.cells.enumerated() where cell.status == .read {
            XCTAssertNotNil(cell.source, report.format.cells[i].key)
        }
        // 政府集中采购 采购总金额 `0.0436 亿元` → 436 万元, read at that spot.
        let amount = try XCTUnwrap(report.cell("proactive.procurement.amount_wan_yuan"))
        XCTAssertEqual(amount.value, CellNumber(436))
        XCTAssertEqual(amount.written, "0.0436 亿元")
        let location = try XCTUnwrap(amount.source)
        let line = Array(lines[location.line - 1])
        XCTAssertEqual(String(line[(location.column - 1)...]).prefix(6), "0.0436")
    }
}
