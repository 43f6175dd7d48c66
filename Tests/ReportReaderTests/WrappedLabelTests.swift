import AnnualReport
import Foundation
import ReportSynthesis
import TestSupport
import XCTest

@testable import ReportReader

/// A PDF's layout text wraps a long row label and interleaves the columns beside it: the row
/// group's merged cell (`不 予 处` … `理`) and the row's own numbering (`2.`) fall inside the label.
final class WrappedLabelTests: XCTestCase {
    func testALabelWithItsGroupsCellAndNumberingInterleavedIsStillItsRow() throws {
        var synth = ReportSynthesizer(random: SeededRandom(state: 5))
        let format = ReportFormat.v2021
        let text = synth.text(
            format: format, values: synth.values(for: format), layout: .tabRows, agency: "某市测试局", year: 2024)
        let clean = try ReportReader.read(text: text, origin: "clean.txt")
        var lines = text.components(separatedBy: "\n")
        func values(of label: String) throws -> String {
            let line = try XCTUnwrap(lines.first { $0.contains(label) }, label)
            let after = try XCTUnwrap(line.range(of: label)).upperBound
            return line[after...].split(separator: "\t").joined(separator: "  ")
        }
        let excessive = "4.无正当理由大量反复申请"
        let unpaidFee = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        let replacements = [
            excessive: "不 予 处4.无正当理由大\n理 量反复申请 \(try values(of: excessive))",
            unpaidFee: "        申请人逾期未\n其 他 处2.按收费通知要求\n理 缴纳费用、行政\n     机关不再处理其\(try values(of: unpaidFee))\n"
                + "     政府信息公开申\n     请",
        ]
        for (label, layout) in replacements {
            let index = try XCTUnwrap(lines.firstIndex { $0.contains(label) })
            lines[index] = layout
        }
        let wrapped = try ReportReader.read(text: lines.joined(separator: "\n"), origin: "wrapped.txt")
        for row in [RowKey.notProcessedExcessive, .otherUnpaidFee] {
            let columns = try XCTUnwrap(format.rows[.requests]?.first { $0.key == row.rawValue }?.columns)
            for column in columns {
                let key = row.rawValue + "." + column.key
                XCTAssertEqual(wrapped.cell(key)?.status, .read, key)
                XCTAssertEqual(wrapped.value(key), clean.value(key), key)
            }
        }
    }

    func testTheMatcherPassesOverAFewStraysOfTheGroupsAndNumbering() throws {
        let matcher = LabelMatcher.of(.v2021, .requests)
        let rows = try XCTUnwrap(ReportFormat.v2021.rows[.requests])
        let excessive = try XCTUnwrap(rows.firstIndex { $0.key == RowKey.notProcessedExcessive.rawValue })
        func rowsFound(_ words: String) -> [Int] {
            let compact = Array(words.unicodeScalars)
            return matcher.matches(in: compact, offsets: Array(compact.indices)).map(\.row)
        }
        XCTAssertEqual(rowsFound("不予处4.无正当理由大理量反复申请"), [excessive])
        // Only characters of the groups' cells and numbering are passed over, and only a few.
        XCTAssertEqual(rowsFound("无正当理由大甲量反复申请"), [])
        XCTAssertEqual(rowsFound("无正当理由大不予处理不予处量反复申请"), [])
        // A label whose characters are all strays is never passed over as strays, nor is it given
        // to the label before it (here cut off, its row blank).
        let unpaid = try XCTUnwrap(rows.firstIndex { $0.key == RowKey.otherUnpaidFee.rawValue })
        let other = try XCTUnwrap(rows.firstIndex { $0.key == RowKey.otherOther.rawValue })
        XCTAssertEqual(rowsFound("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理3.其他"), [other])
        XCTAssertEqual(rowsFound("申请人逾期未2.按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请其他3."), [unpaid, other])
    }

    func testNumberingOnALineOfItsOwnBelongsToTheLabel() {
        let text = NormalizedText("申请人无正当\n  1.\n理由逾期不补 2  0\n3.\n5 4. 6 7.5 | 8. |")
        let tokens = Tokenizer(text: text).tokens(in: 0..<text.count)
        // Numbering stands first in its line (`3.`) or cell (`8.`), or after words (`1.`); `4.`
        // among values is a value with a stray mark, and `7.5` a number.
        XCTAssertEqual(
            tokens.map { text.text($0.start..<$0.end) },
            ["申请人无正当", "1.", "理由逾期不补", "2", "0", "3.", "5", "4", ".", "6", "7.5", "8."])
        XCTAssertEqual(
            tokens.map(\.kind), [.text, .text, .text, .value, .value, .text, .value, .value, .text, .value, .value, .text])
    }
}
