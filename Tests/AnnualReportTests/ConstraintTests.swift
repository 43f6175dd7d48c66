import XCTest

@testable import AnnualReport

/// Identities and other statements over cells some of which are uncertain: judged over every
/// candidate, and settling a cell only where exactly one candidate fits.
final class ConstraintTests: XCTestCase {
    private func read(_ value: Int64) -> Cell {
        Cell(value: CellNumber(value), status: .read, source: SourceLocation(line: 1, column: 1))
    }

    private func uncertain(_ candidates: Int64...) -> Cell {
        Cell(value: nil, status: .uncertain, source: nil, candidates: candidates.map { CellNumber($0) })
    }

    func testVerdictOverReadAndUncertainCells() {
        let constraint = CellConstraint(left: [0], right: [1, 2], reason: "")
        XCTAssertEqual(constraint.verdict(in: [read(5), read(2), read(3)]), .holds)
        XCTAssertEqual(
            constraint.verdict(in: [read(6), read(2), read(3)]), .fails(left: CellNumber(6), right: CellNumber(5)))
        XCTAssertEqual(constraint.verdict(in: [read(5), uncertain(2, 3), read(3)]), .possible)
        XCTAssertEqual(constraint.verdict(in: [read(5), uncertain(1, 3), read(3)]), .failsForEveryCandidate)
        XCTAssertEqual(constraint.verdict(in: [read(9), uncertain(1, 3), uncertain(0, 4)]), .failsForEveryCandidate)
        // A blank, a missing cell or an uncertain one with no list says nothing.
        XCTAssertEqual(constraint.verdict(in: [read(5), Cell(value: nil, status: .blank, source: nil), read(3)]), .silent)
        XCTAssertEqual(constraint.verdict(in: [read(5), .missing, read(3)]), .silent)
        XCTAssertEqual(constraint.verdict(in: [read(5), uncertain(), read(3)]), .silent)
        // A constant on the right: a number the narrative states.
        let stated = CellConstraint(left: [0, 1], right: [], constant: CellNumber(7), reason: "")
        XCTAssertEqual(stated.verdict(in: [read(4), read(3)]), .holds)
    }

    func testTooManyChoicesFallSilentRatherThanExplode() {
        let wide = Array(repeating: uncertain(1, 10, 100, 1_000, 10_000, 100_000), count: 12)
        let constraint = CellConstraint(left: Array(0..<12), right: [], constant: CellNumber(-1), reason: "")
        XCTAssertEqual(constraint.verdict(in: wide), .silent)
    }

    func testTheOneFittingCandidateSettlesTheCellWithItsReason() throws {
        var report = Report(origin: "t", format: .v2021)
        for i in report.cells.indices { report.cells[i] = read(0) }
        let key = "requests.total.natural_person"
        let index = try XCTUnwrap(report.format.index(of: key))
        report.cells[index] = uncertain(0, 3)
        XCTAssertEqual(report.settleUncertainCells(by: report.identityConstraints), 1)
        XCTAssertEqual(report.cell(key)?.status, .read)
        XCTAssertEqual(report.value(key), CellNumber(0))
        XCTAssertTrue(report.cell(key)?.reasoning?.contains("只有 0 符合表内勾稽关系") == true)
        // Two uncertain cells under one statement settle nothing.
        var twoUncertain = report
        twoUncertain.cells[index] = uncertain(0, 3)
        twoUncertain.cells[index + 1] = uncertain(0, 3)
        XCTAssertEqual(
            twoUncertain.settleUncertainCells(by: [CellConstraint(left: [index, index + 1], right: [], reason: "")]), 0)
    }

    func testIndependentReadingsSettleTogetherWhenExactlyOneCombinationFits() {
        // 72 + 64 + 178 + 37 = 351, with two cells read two ways each by OCR.
        let cells = [uncertain(72), uncertain(4, 64), read(178), read(37), read(351)]
        let constraint = CellConstraint(left: [0, 1, 2, 3], right: [4], reason: "")
        XCTAssertNil(constraint.resolution(in: cells))
        let joint = constraint.jointResolution(in: cells, independent: [0, 1])
        XCTAssertEqual(joint?.map(\.cell), [0, 1])
        XCTAssertEqual(joint?.map(\.value), [CellNumber(72), CellNumber(64)])
        // Two combinations that fit settle nothing.
        XCTAssertNil(
            CellConstraint(left: [0, 1], right: [2], reason: "").jointResolution(
                in: [uncertain(1, 2), uncertain(1, 2), read(3)], independent: [0, 1]))
        // A cell whose candidates are placements of a row's values is not tried with others.
        XCTAssertNil(constraint.jointResolution(in: cells, independent: [1]))
        var report = Report(origin: "t", format: .v2021)
        report.cells = Array(cells + Array(repeating: read(0), count: report.cells.count - cells.count))
        XCTAssertEqual(
            report.settleUncertainCells(by: [constraint]), 0, "only where asked: a short row's placements are not independent")
        XCTAssertEqual(report.settleUncertainCells(by: [constraint], independent: [0, 1]), 2)
        XCTAssertEqual(report.cells[1].value, CellNumber(64))
        XCTAssertTrue(report.cells[1].reasoning?.contains("只有一种组合") == true)
    }

    func testLastYearsReportNotesTheFittingCandidateAndIdentitiesFiveToSevenAreData() throws {
        var last = Report(origin: "2023", format: .v2021)
        var this = Report(origin: "2024", format: .v2021)
        for i in last.cells.indices {
            last.cells[i] = read(0)
            this.cells[i] = read(0)
        }
        last.year = 2023
        last.cells[try XCTUnwrap(last.format.index(of: "proactive.normative_documents.in_force"))] = read(698)
        this.cells[try XCTUnwrap(this.format.index(of: "proactive.normative_documents.issued"))] = read(88)
        this.cells[try XCTUnwrap(this.format.index(of: "proactive.normative_documents.repealed"))] = read(55)
        let inForce = try XCTUnwrap(this.format.index(of: "proactive.normative_documents.in_force"))
        this.cells[inForce] = uncertain(31, 731)
        let identities = ContinuityIdentity.between(last.format, this.format)
        XCTAssertEqual(identities.filter { $0.kind == .carryOver }.count, 7)
        XCTAssertEqual(identities.filter { $0.kind == .inForce }.count, 2)
        XCTAssertEqual(ContinuityIdentity.between(ReportFormat.v2019, .v2019).filter { $0.kind == .priorItems }.count, 5)
        // Last year's report is a statement the checks test, not a fact: the cell stays uncertain, with a note.
        this.noteCandidates(agreeingWith: identities.compactMap { $0.constraint(previous: last, current: this.format) })
        XCTAssertEqual(this.cells[inForce].status, .uncertain)
        XCTAssertTrue(this.cells[inForce].reasoning?.contains("只有 731 符合2023 年报告") == true, this.cells[inForce].reasoning ?? "")
    }
}
