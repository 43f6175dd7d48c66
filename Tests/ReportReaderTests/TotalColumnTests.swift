import AnnualReport
import Foundation
import ReportReader
import ReportSynthesis
import TestSupport
import XCTest

/// Plain `pdftotext` of a page printed by a browser gives table 三 row by row without its 总计
/// column, which follows the table as a block under a lone 总计.
final class TotalColumnTests: XCTestCase {
    private func text(movingTotals moved: (inout [String]) -> Void = { _ in }) throws -> (String, [CellNumber]) {
        var synth = ReportSynthesizer(random: SeededRandom(state: 5))
        let format = ReportFormat.v2021
        let values = synth.values(for: format)
        var lines = synth.text(format: format, values: values, layout: .tabRows, agency: "某市测试局", year: 2024)
            .components(separatedBy: "\n")
        let rows = format.rows[.requests] ?? []
        var totals: [String] = []
        for (r, row) in rows.enumerated() {
            let total = values[format.cellIndex(table: .requests, row: r, column: row.columns.count - 1)].description
            let index = try XCTUnwrap(lines.firstIndex { $0.hasSuffix("\t" + total) && $0.contains(row.label.suffix(4)) })
            lines[index].removeLast(total.count + 1)
            totals.append(total)
        }
        moved(&totals)
        let heading = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("四、政府信息公开行政复议") })
        lines.insert(contentsOf: ["总计"] + totals, at: heading + 1)
        return (lines.joined(separator: "\n"), values)
    }

    func testTheTotalColumnPrintedAfterTheTableIsReadWhereEveryRowAddsUp() throws {
        let (source, values) = try text()
        let report = try ReportReader.read(text: source, origin: "pdftotext.txt")
        for (i, cell) in report.cells.enumerated() where report.format.cells[i].table != .proactive {
            XCTAssertEqual(cell.value, values[i], report.format.cells[i].key)
        }
        XCTAssertTrue(report.cell(RowKey.newRequests.cell(.total))?.reasoning?.contains("总计列在表后单独成段") == true)
    }

    func testABlockThatDoesNotAddUpIsNotTakenForTheColumn() throws {
        // Two totals swapped: some row no longer adds up, so the block proves nothing.
        let (source, values) = try text { totals in
            guard let i = totals.indices.first(where: { totals[$0] != totals[0] }) else { return }
            totals.swapAt(0, i)
        }
        let report = try ReportReader.read(text: source, origin: "pdftotext.txt")
        let key = RowKey.newRequests.cell(.total)
        XCTAssertNotEqual(report.cell(key)?.status, .read, "read \(report.value(key)?.description ?? "-"), was \(values)")
    }
}
