import AnnualReport
import Foundation
import ReportReader
import ReportSynthesis
import TestSupport
import XCTest

/// Plain `pdftotext` of a browser's PDF gives table 二 block by block: the row labels first, then
/// each block's heading, column headings and values.
final class ProactiveBlocksTests: XCTestCase {
    private func blockText(_ format: ReportFormat, _ values: [CellNumber], dropLast: Bool = false) -> String {
        let rows = format.rows[.proactive] ?? []
        var lines = ["二、主动公开政府信息情况"] + rows.map(\.label)
        var groups: [String] = []
        for row in rows { if let group = row.group, !groups.contains(group) { groups.append(group) } }
        for group in groups {
            let members = rows.indices.filter { rows[$0].group == group }
            lines.append(group)
            lines += rows[members[0]].columns.map(\.label)
            for r in members {
                lines += rows[r].columns.indices.map {
                    values[format.cellIndex(table: .proactive, row: r, column: $0)].description
                }
            }
        }
        if dropLast { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    func testBlocksWithEveryValueAreReadInTheStatutesOrder() throws {
        var synth = ReportSynthesizer(random: SeededRandom(state: 8))
        for format in [ReportFormat.v2019, .v2021] {
            let values = synth.values(for: format)
            let full = synth.text(format: format, values: values, layout: .tabRows, agency: "某市测试局", year: 2024)
            let start = try XCTUnwrap(full.range(of: "二、主动公开政府信息情况"))
            let end = try XCTUnwrap(full.range(of: "三、收到和处理政府信息公开申请情况"))
            let source = String(full[..<start.lowerBound]) + blockText(format, values) + "\n\n" + String(full[end.lowerBound...])
            let report = try ReportReader.read(text: source, origin: "blocks.txt")
            for (i, cell) in report.cells.enumerated() where report.format.cells[i].table == .proactive {
                XCTAssertEqual(cell.value, values[i], "\(format.version) \(report.format.cells[i].key)")
                XCTAssertEqual(cell.status, .read)
            }
            // One value short: no block can be trusted, nothing is read by order.
            let short =
                String(full[..<start.lowerBound]) + blockText(format, values, dropLast: true) + "\n\n"
                + String(full[end.lowerBound...])
            let doubtful = try ReportReader.read(text: short, origin: "short.txt")
            XCTAssertFalse(
                doubtful.cells.indices.contains { i in
                    doubtful.format.cells[i].table == .proactive && doubtful.cells[i].status == .read
                        && doubtful.cells[i].value != values[i]
                }, "\(format.version): a wrong cell")
        }
    }
}
