import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import XCTest

final class CheckTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    private func text(_ path: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(path), encoding: .utf8)
    }

    private func read(_ text: String, origin: String = "test.txt") throws -> Report {
        try ReportReader.read(text: text, origin: origin)
    }

    private func ids(_ findings: [Finding], severity: Severity? = nil) -> [String] {
        findings.filter { severity == nil || $0.severity == severity }.map(\.id)
    }

    /// Replaces the `occurrence`-th (1-based) match of `old` after `anchor`.
    private func replacing(_ text: String, after anchor: String, _ old: String, with new: String) throws -> String {
        let a = try XCTUnwrap(text.range(of: anchor), "anchor \(anchor)")
        let r = try XCTUnwrap(text.range(of: old, range: a.upperBound..<text.endIndex), "\(old) after \(anchor)")
        return text.replacingCharacters(in: r, with: new)
    }

    func testCorrectReportsGetNoError() throws {
        for path in [
            "seeds/000_310871bd08bd093a.txt", "seeds/001_c6d2da25662234b0.txt", "seeds/002_09886ce637bf6d9d.txt",
            "seeds/003_e5e51e0cfe3bc0cf.txt", "seeds/004_7f2f36b97c6d827f.txt", "samples/上海市人民政府办公厅2025年度报告.md",
            "samples/平潭综合实验区2019年度报告.txt", "samples/平潭综合实验区2022年度报告.txt",
        ] {
            let findings = CheckCatalogue.check(try read(text(path), origin: path))
            XCTAssertEqual(ids(findings, severity: .error), [], path)
        }
    }

    func testLabelVariantsAndBlankCellsAreNotices() throws {
        let findings = CheckCatalogue.check(try read(text("seeds/000_310871bd08bd093a.txt")))
        let variants = findings.filter { $0.id == "structure.label-variant" }
        XCTAssertTrue(variants.contains { $0.message.contains("危机“三安全一稳定”") && $0.severity == .notice })
        XCTAssertTrue(variants.contains { $0.message.contains("属于行政法案卷") })
        let blank = try XCTUnwrap(findings.first { $0.id == "structure.cell-blank" })
        XCTAssertEqual(blank.cells.count, 22)
        XCTAssertTrue(blank.cells.allSatisfy { $0.value == nil })
    }

    func testHeaderVariantIsANotice() throws {
        let findings = CheckCatalogue.check(try read(text("seeds/002_09886ce637bf6d9d.txt")))
        XCTAssertTrue(findings.contains { $0.id == "structure.label-variant" && $0.message.contains("逻辑关系") })
    }

    func testCarryAndTotalIdentitiesNameCellsAndValues() throws {
        // 001: 一、本年新收 自然人 64 → 65 breaks the carry identity and the row total.
        let original = try text("seeds/001_c6d2da25662234b0.txt")
        let broken = try replacing(original, after: "一、本年新收政府信息公开申请数量", "64", with: "65")
        let findings = CheckCatalogue.check(try read(broken))
        let carry = try XCTUnwrap(findings.first { $0.id == "arithmetic.carry-identity" })
        XCTAssertEqual(carry.severity, .error)
        XCTAssertTrue(carry.cells.contains { $0.key == "requests.new.natural_person" && $0.value == CellNumber(65) })
        XCTAssertEqual(carry.expected, "64")
        XCTAssertNotNil(carry.source)
        let applicant = try XCTUnwrap(findings.first { $0.id == "arithmetic.applicant-total" })
        XCTAssertTrue(applicant.message.contains("71"))
    }

    func testNoErrorAgainstTheAgencyForARowTheReaderCannotAlign() throws {
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        // Eight values for seven cells, and neither alignment keeps the row's own sum: the row alone
        // cannot tell which value is stray. Each cell may hold either window's value; the column
        // identities (（七）总计 = the outcomes below, all 0) leave one, and no identity blames the agency.
        let broken = original.replacingOccurrences(
            of: "(七) 总计\t0\t0\t0\t0\t0\t0\t0\t0", with: "(七) 总计\t0\t3\t0\t0\t0\t0\t0\t0")
        let report = try read(broken)
        let total = try XCTUnwrap(report.cell("requests.total.commercial"))
        XCTAssertEqual(total.status, .read)
        XCTAssertEqual(total.value, CellNumber(0))
        XCTAssertTrue(total.reasoning?.contains("可能为 0、3，其中只有 0 符合表内勾稽关系") == true, total.reasoning ?? "")
        let findings = CheckCatalogue.check(report)
        XCTAssertEqual(findings.filter { $0.severity == .error }.map(\.id), [])
    }

    func testAnAlignmentChosenByTheRowsOwnSumIsDoubtedWhenTheTableDisagrees() throws {
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        // A stray value after the row: only the first seven add up, but then 三（七）总计 no longer
        // equals the sum of the outcomes — the stray may as well be the agency's total.
        let broken = original.replacingOccurrences(
            of: "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0", with: "3.补正后申请内容仍不明确\t2\t0\t0\t0\t0\t0\t2\t5")
        XCTAssertNotEqual(broken, original)
        let report = try read(broken)
        XCTAssertEqual(report.cell("requests.unable.unclear_after_correction.natural_person")?.status, .uncertain)
        XCTAssertFalse(ids(CheckCatalogue.check(report)).contains("arithmetic.outcome-total"))
    }

    func testOutcomeTotalAndAppealTotal() throws {
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        // The row prints a stray leading value (8 for 7 cells): change the first real cell and its
        // total, so that one alignment alone keeps the row's own sum and the reader is sure of it.
        var broken = original.replacingOccurrences(
            of: "(七) 总计\t0\t0\t0\t0\t0\t0\t0\t0", with: "(七) 总计\t0\t3\t0\t0\t0\t0\t0\t3")
        broken = broken.replacingOccurrences(
            of: "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", with: "1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
        let findings = CheckCatalogue.check(try read(broken))
        XCTAssertTrue(ids(findings).contains("arithmetic.outcome-total"))
        let appeal = try XCTUnwrap(findings.first { $0.id == "arithmetic.appeal-total" })
        XCTAssertTrue(appeal.cells.contains { $0.key == "appeals.review.upheld" && $0.value == CellNumber(1) })
    }

    func testNegativeAndPublishedExceedsTotal() throws {
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        var broken = original.replacingOccurrences(of: "规章\t1\t1\t2", with: "规章\t1\t5\t2")
        broken = broken.replacingOccurrences(of: "行政处罚\t0\t0\t0", with: "行政处罚\t0\t-3\t-1")
        let findings = CheckCatalogue.check(try read(broken))
        XCTAssertTrue(findings.contains { $0.id == "arithmetic.published-exceeds-total" && $0.message.contains("5") })
        let negatives = findings.filter { $0.id == "arithmetic.negative" }
        XCTAssertEqual(negatives.map { $0.cells[0].key }, ["proactive.penalties.decisions"], "本年增/减 may be negative")
    }

    func testNarrativeNumberAgainstTable() throws {
        let original = try text("seeds/001_c6d2da25662234b0.txt")
        XCTAssertFalse(ids(CheckCatalogue.check(try read(original))).contains("consistency.text-number"))
        let broken = original.replacingOccurrences(of: "政府信息公开申请71件", with: "政府信息公开申请77件")
        let finding = try XCTUnwrap(CheckCatalogue.check(try read(broken)).first { $0.id == "consistency.text-number" })
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertTrue(finding.message.contains("77"))
        XCTAssertEqual(finding.expected, "71")
    }

    func testNarrativeGroupSumsAgreeInShanghai() throws {
        let report = try read(text("samples/上海市人民政府办公厅2025年度报告.md"))
        // 予以公开及部分公开 208 件, 不予公开 20 件, 无法提供 564 件, 不予处理 80 件, 其他处理 319 件 …
        XCTAssertGreaterThanOrEqual(report.narrativeFacts.count, 7)
        XCTAssertFalse(ids(CheckCatalogue.check(report)).contains("consistency.text-number"))
    }

    func testSharesInTheNarrativeAgainstTheTables() throws {
        // 上海 2025: 予以公开及部分公开 208 件（17.46%）… of the 1,191 requests handled.
        let original = try text("samples/上海市人民政府办公厅2025年度报告.md")
        let report = try read(original)
        XCTAssertGreaterThanOrEqual(report.narrativeShares.count, 5)
        XCTAssertEqual(report.narrativeShares.first?.percent, CellNumber(mantissa: 1_746, scale: 2))
        XCTAssertFalse(ids(CheckCatalogue.check(report)).contains("consistency.text-share"))
        let broken = original.replacingOccurrences(of: "208 件（17.46%）", with: "208 件（19.46%）")
        XCTAssertNotEqual(broken, original)
        let findings = CheckCatalogue.check(try read(broken)).filter { $0.id == "consistency.text-share" }
        XCTAssertEqual(findings.count, 1, findings.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(findings.first?.expected, "17.46%")
        XCTAssertTrue(findings.first?.message.contains("19.46%") == true)
        // 占 before the share, cut rather than rounded: 不予公开 20 of 1,191 is 1.679…%.
        let cut = original.replacingOccurrences(of: "不予公开 20 件（1.68%）", with: "不予公开 20 件，占1.67%")
        XCTAssertNotEqual(cut, original)
        XCTAssertFalse(ids(CheckCatalogue.check(try read(cut))).contains("consistency.text-share"))
        // A parenthesis that is not a share says nothing.
        XCTAssertFalse(report.narrativeShares.contains { $0.phrase.contains("上年结转") })
        // Percentages of something else, or not stated exactly, are not shares.
        for other in ["（同比增长12.5%）", "，占全市的5%", "，其中涉密的占25%", "（不足1%）", "（办结率100%）", "，占0.00000000000000000001%"] {
            let text = original.replacingOccurrences(of: "不予公开 20 件（1.68%）", with: "不予公开 20 件\(other)")
            XCTAssertNotEqual(text, original)
            XCTAssertFalse(
                try read(text).narrativeShares.contains { $0.phrase.contains("不予公开") }, "\(other) read as a share")
        }
    }

    func testAllUpheldInTheNarrativeAgainstTableFour() throws {
        // 平潭 2022: 行政复议 2 件 (1 corrected, 1 other), 行政诉讼 1 件 (upheld). Saying all were upheld
        // is true of the suit, not of the reviews.
        let original = try text("samples/平潭综合实验区2022年度报告.txt")
        XCTAssertFalse(ids(CheckCatalogue.check(try read(original))).contains("consistency.text-number"))
        let upheld = original.replacingOccurrences(of: "行政复议案件2件，均已结案", with: "行政复议案件2件，均获维持")
        XCTAssertNotEqual(upheld, original)
        let findings = CheckCatalogue.check(try read(upheld)).filter { $0.id == "consistency.text-number" }
        XCTAssertEqual(findings.count, 1, findings.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(findings.first?.message.contains("行政复议 · 结果维持") == true, findings.first?.message ?? "")
        XCTAssertEqual(findings.first?.expected, "0")
        // Said of the suit alone, it says nothing of the reviews.
        let suitOnly = original.replacingOccurrences(
            of: "共有行政诉讼案件1件、行政复议案件2件，均已结案", with: "共有行政复议案件2件、行政诉讼案件1件，其中行政诉讼均获维持")
        XCTAssertNotEqual(suitOnly, original)
        XCTAssertFalse(ids(CheckCatalogue.check(try read(suitOnly))).contains("consistency.text-number"))
    }

    func testFeeStatement() throws {
        let original = try text("samples/平潭综合实验区2022年度报告.txt")
        XCTAssertFalse(ids(CheckCatalogue.check(try read(original))).contains("consistency.fee-statement"))
        let silent = original.replacingOccurrences(of: "2022年，无收取信息处理费情况。", with: "无。")
        XCTAssertTrue(ids(CheckCatalogue.check(try read(silent))).contains("consistency.fee-statement"))
    }

    func testLatePublication() throws {
        // A department (局) must publish by 1月31日; 004 was published 2021年1月29日.
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        XCTAssertFalse(ids(CheckCatalogue.check(try read(original))).contains("publication.late"))
        let late = original.replacingOccurrences(of: "2021年1月29日", with: "2021年2月3日")
        let finding = try XCTUnwrap(CheckCatalogue.check(try read(late)).first { $0.id == "publication.late" })
        XCTAssertTrue(finding.message.contains("2021-01-31"))
        // A whole-government report is due by 3月31日: 平潭 2022 published 2023-02-20 is on time.
        XCTAssertFalse(ids(CheckCatalogue.check(try read(text("samples/平潭综合实验区2022年度报告.txt")))).contains("publication.late"))
    }

    func testFormatMismatchAndYearMismatch() throws {
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        let wrongYear = original.replacingOccurrences(of: "2020 年政府信息公开工作报告", with: "2022 年政府信息公开工作报告")
        let findings = CheckCatalogue.check(try read(wrongYear))
        XCTAssertTrue(findings.contains { $0.id == "structure.format-mismatch" && $0.severity == .error })
        XCTAssertTrue(ids(findings).contains("structure.year-mismatch"))
    }

    func testSectionMissing() throws {
        let original = try text("seeds/004_7f2f36b97c6d827f.txt")
        let cut = try XCTUnwrap(original.range(of: "六、其他需要报告的事项"))
        let findings = CheckCatalogue.check(try read(String(original[..<cut.lowerBound])))
        XCTAssertTrue(findings.contains { $0.id == "structure.section-missing" && $0.message.contains("六、其他需要报告的事项") })
    }

    func testContinuityAcrossYears() throws {
        // Two years of one agency: 2019 carries 3 over; 2020 says 2 were carried in.
        let base = try text("seeds/004_7f2f36b97c6d827f.txt")
        let year2019 = base.replacingOccurrences(of: "2020 年政府信息公开工作报告", with: "2019 年政府信息公开工作报告")
            .replacingOccurrences(of: "根据 2020 年", with: "根据 2019 年")
            .replacingOccurrences(of: "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t0", with: "四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t3")
            .replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", with: "一、本年新收政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3")
            .replacingOccurrences(of: "行政许可\t2\t0\t0", with: "行政许可\t2\t+4\t0")
        let year2020 = base.replacingOccurrences(
            of: "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", with: "二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2"
        )
        .replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", with: "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0")
        .replacingOccurrences(of: "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t0", with: "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2")
        let reports = [try read(year2020, origin: "2020.txt"), try read(year2019, origin: "2019.txt")]
        XCTAssertEqual(reports.map(\.year), [2020, 2019])
        let findings = CheckCatalogue.check(reports)
        let carry = try XCTUnwrap(findings[0].first { $0.id == "continuity.carry-over" })
        XCTAssertEqual(carry.expected, "3")
        XCTAssertEqual(Set(carry.cells.compactMap(\.year)), [2019, 2020])
        let prior = try XCTUnwrap(findings[0].first { $0.id == "continuity.prior-items" })
        XCTAssertEqual(prior.expected, "6")
        XCTAssertTrue(findings[0].contains { $0.id == "continuity.duplicate-text" })
        XCTAssertTrue(findings[1].allSatisfy { !$0.id.hasPrefix("continuity.") })
    }

    func testDuplicateTablesAndInForce() throws {
        let base = try text("samples/平潭综合实验区2022年度报告.txt")
        let next = pingtanNextYear(base)
        let reports = [try read(base, origin: "2022"), try read(next, origin: "2023")]
        XCTAssertEqual(reports.map(\.year), [2022, 2023])
        let findings = CheckCatalogue.check(reports)[1]
        // 698 + 88 − 55 = 731, but 2023 repeats 698.
        let inForce = try XCTUnwrap(findings.first { $0.id == "continuity.in-force" })
        XCTAssertEqual(inForce.expected, "731")
        XCTAssertTrue(findings.contains { $0.id == "continuity.duplicate-text" })
    }

    /// 平潭's 2022 report as if it were the next year's, its tables unchanged but for 上年结转.
    private func pingtanNextYear(_ base: String) -> String {
        base.replacingOccurrences(of: "2022年度政府信息公开工作年度报告", with: "2023年度政府信息公开工作年度报告")
            .replacingOccurrences(of: "统计时限为2022年1月1日", with: "统计时限为2023年1月1日")
            .replacingOccurrences(of: "上年结转政府信息公开申请数量 1000001", with: "上年结转政府信息公开申请数量 0000000")
    }

    func testContinuityJudgesRunTogetherDigitsByEverySplit() throws {
        // 2023 prints 本年制发 本年废止 现行有效 of 行政规范性文件 run together as 132470, and its narrative
        // says nothing to split them by: the cells are uncertain. No split agrees with 2022's 698
        // in force, so the identity fails whichever the agency meant.
        let base = try text("samples/平潭综合实验区2022年度报告.txt")
        let next = pingtanNextYear(base)
            .replacingOccurrences(of: "现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件", with: "行政规范性文件")
            .replacingOccurrences(of: "行政规范性文件8855698", with: "行政规范性文件132470")
        XCTAssertNotEqual(next, base)
        let reports = [try read(base, origin: "2022"), try read(next, origin: "2023")]
        XCTAssertEqual(reports[1].cell("proactive.normative_documents.in_force")?.status, .uncertain)
        let inForce = try XCTUnwrap(CheckCatalogue.check(reports)[1].first { $0.id == "continuity.in-force" })
        XCTAssertEqual(inForce.severity, .warning)
        XCTAssertNil(inForce.expected)
        XCTAssertTrue(inForce.message.contains("任何可能的取值都不符合"), inForce.message)
    }

    func testLastYearsFigureNeverMakesAnArithmeticErrorOfItsOwnSlip() throws {
        // This year: 新收 自然人 10 or 11, 上年结转 自然人 3 or 5 (the reader could not tell), 总计 12,
        // 结转 3. The table holds with 10 and 5. Last year's 结转 was 3: settling 上年结转 on it would
        // leave no 新收 that adds up, and blame the table for a continuity slip.
        func report(year: Int) -> Report {
            var report = Report(origin: "\(year)", format: .v2021)
            report.agency = "某局"
            report.year = year
            for i in report.cells.indices {
                report.cells[i] = Cell(value: CellNumber(0), status: .read, source: SourceLocation(line: 1, column: 1))
            }
            return report
        }
        func set(_ report: inout Report, _ row: RowKey, _ column: ColumnKey, _ cell: Cell) throws {
            report.cells[try XCTUnwrap(report.format.index(of: row.cell(column)))] = cell
        }
        let read = { (value: Int64) in Cell(value: CellNumber(value), status: .read, source: nil) }
        let either = { (a: Int64, b: Int64) in
            Cell(value: nil, status: .uncertain, source: nil, candidates: [CellNumber(a), CellNumber(b)])
        }
        var last = report(year: 2023)
        try set(&last, .carriedOver, .naturalPerson, read(3))
        try set(&last, .carriedOver, .total, read(3))
        var this = report(year: 2024)
        try set(&this, .newRequests, .naturalPerson, either(10, 11))
        try set(&this, .newRequests, .total, read(10))
        try set(&this, .carriedIn, .naturalPerson, either(3, 5))
        try set(&this, .carriedIn, .total, read(5))
        for row in [RowKey.granted, .requestsTotal] {
            try set(&this, row, .naturalPerson, read(12))
            try set(&this, row, .total, read(12))
        }
        try set(&this, .carriedOver, .naturalPerson, read(3))
        try set(&this, .carriedOver, .total, read(3))
        let findings = CheckCatalogue.check([last, this])[1]
        XCTAssertFalse(findings.contains { $0.id.hasPrefix("arithmetic.") }, findings.map(\.message).joined(separator: "\n"))
        // The slip itself is reported where it is certain (the 总计 column: 5 against last year's 3) …
        XCTAssertTrue(findings.contains { $0.id == "continuity.carry-over" && $0.expected == "3" })
        // … and the doubtful cell says which candidate last year's report would pick.
        let note = findings.first { $0.id == "structure.table-incomplete" && $0.message.contains("上年结转") }
        XCTAssertTrue(note?.message.contains("只有 3 符合2023 年报告") == true, note?.message ?? "no note")
    }

    func testAnIdentityFailingForEveryCandidateIsTheAgencysError() throws {
        // 二、上年结转 总计 may be 5 or 6 (digits the reader could not split), everything else 0: 一 + 二 =
        // 三（七）+ 四 fails for the total column whichever it is.
        var report = Report(origin: "t", format: .v2021)
        for i in report.cells.indices {
            report.cells[i] = Cell(value: CellNumber(0), status: .read, source: SourceLocation(line: 1, column: 1))
        }
        let index = try XCTUnwrap(report.format.index(of: "requests.carried_in.total"))
        report.cells[index] = Cell(value: nil, status: .uncertain, source: nil, candidates: [CellNumber(5), CellNumber(6)])
        let findings = CheckCatalogue.check(report)
        let carry = try XCTUnwrap(findings.first { $0.id == "arithmetic.carry-identity" })
        XCTAssertEqual(carry.severity, .error)
        XCTAssertNil(carry.expected)
        XCTAssertTrue(carry.message.contains("可能为 5、6，其任何取值都不能使等式成立"), carry.message)
        // With 0 among the candidates the identity may hold: no error.
        report.cells[index].candidates = [CellNumber(0), CellNumber(6)]
        XCTAssertFalse(CheckCatalogue.check(report).contains { $0.id.hasPrefix("arithmetic.") })
    }
}
