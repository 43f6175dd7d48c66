import AnnualReport
import Foundation
import ReportReader
import ReportSynthesis
import TestSupport
import XCTest

/// An uncertain cell lists every value it may hold, or none: a short list would let a check over
/// candidates blame the agency for the reader's guess.
final class CandidateTests: XCTestCase {
    private func report(replacing row: String, with values: String) throws -> Report {
        var synth = ReportSynthesizer(random: SeededRandom(state: 11))
        let format = ReportFormat.v2021
        let text = synth.text(
            format: format, values: synth.values(for: format), layout: .tabRows, agency: "某市测试局", year: 2024)
        var lines = text.components(separatedBy: "\n")
        let index = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(row) }, "no line starting \(row)")
        lines[index] = row + "\t" + values
        return try ReportReader.read(text: lines.joined(separator: "\n"), origin: "synth.txt")
    }

    func testAShortRowWhoseTotalCannotBeTheSumOfItsValuesListsNoCandidates() throws {
        // The row's 总计 stands elsewhere (a PDF's text read column by column): no placement of the six
        // values with the seventh blank keeps the total, so the total may be any number.
        let report = try self.report(replacing: "一、本年新收政府信息公开申请数量", with: "1259\t36\t0\t0\t0\t0")
        let total = try XCTUnwrap(report.cell("requests.new.total"))
        XCTAssertEqual(total.status, .uncertain)
        XCTAssertEqual(total.candidates, [])
        XCTAssertTrue(total.reasoning?.contains("任何补空都不能使总计等于各列之和") == true, total.reasoning ?? "")
    }

    func testAShortRowWithItsBlanksLeftOutListsEveryPlacementThatKeepsTheTotal() throws {
        let report = try self.report(replacing: "一、本年新收政府信息公开申请数量", with: "3\t3")
        let total = try XCTUnwrap(report.cell("requests.new.total"))
        XCTAssertEqual(total.status, .uncertain)
        XCTAssertEqual(total.candidates, [CellNumber(3)])
        // The first 3 may stand in any applicant's column, the others then blank: no list of numbers.
        XCTAssertEqual(report.cell("requests.new.natural_person")?.status, .uncertain)
        XCTAssertEqual(report.cell("requests.new.natural_person")?.candidates, [])
    }
}
