import AnnualReport
import Casework
import ReportChecks
import XCTest

final class RequestsTableTests: XCTestCase {
    private func day(_ iso: String) -> CalendarDate {
        guard let date = CalendarDate(iso: iso) else { preconditionFailure("bad date \(iso) in a test") }
        return date
    }

    private var cases: [CaseSummary] {
        [
            CaseSummary(
                id: 1, applicant: .naturalPerson, received: day("2025-03-01"), closed: (.replied(.granted), day("2025-03-20"))),
            CaseSummary(id: 2, applicant: .commercial, received: day("2025-12-20"), closed: nil),
            CaseSummary(
                id: 3, applicant: .research, received: day("2024-12-25"), closed: (.replied(.notHeld), day("2025-01-10"))),
            CaseSummary(id: 4, applicant: .naturalPerson, received: day("2024-06-01"), closed: (.withdrawn, day("2024-06-05"))),
            CaseSummary(
                id: 5, applicant: .naturalPerson, received: day("2025-05-01"), closed: (.noCorrection, day("2025-06-01"))),
            CaseSummary(id: 6, applicant: .legalServices, received: day("2026-01-05"), closed: nil),
        ]
    }

    func testTableThreeOfAYearCountsNewCarriedAndEveryOutcome() throws {
        let table = RequestsTable(year: 2025, agency: "某市统计局", cases: cases)
        func value(_ key: String) -> Int64? { table.report.cell(key)?.value?.integerValue }
        XCTAssertEqual(value("requests.new.natural_person"), 2)
        XCTAssertEqual(value("requests.new.commercial"), 1)
        XCTAssertEqual(value("requests.new.total"), 3)
        XCTAssertEqual(value("requests.carried_in.research"), 1)
        XCTAssertEqual(value("requests.granted.natural_person"), 1)
        XCTAssertEqual(value("requests.unable.not_held.research"), 1)
        XCTAssertEqual(value("requests.other.no_correction.natural_person"), 1)
        XCTAssertEqual(value("requests.total.total"), 3)
        XCTAssertEqual(value("requests.carried_over.commercial"), 1)
        XCTAssertEqual(value("requests.withheld.third_party.total"), 0, "a row with no case is 0, read")
        XCTAssertEqual(table.report.cell("requests.granted.total")?.status, .read)
        XCTAssertEqual(table.report.cell("proactive.regulations.issued")?.status ?? .missing, .missing)
        XCTAssertEqual(table.casesByCell["requests.new.natural_person"], [1, 5])
        XCTAssertEqual(table.casesByCell["requests.carried_over.total"], [2])
        let arithmetic = CheckCatalogue.check(table.report).filter { $0.id.hasPrefix("arithmetic.") }
        XCTAssertEqual(arithmetic.map(\.id), [], "the table's own identities hold")
    }

    func testTheYearDecidesTheFormat() {
        let old = RequestsTable(
            year: 2020, agency: nil,
            cases: [
                CaseSummary(
                    id: 1, applicant: .naturalPerson, received: day("2020-03-01"), closed: (.unpaidFee, day("2020-05-01")))
            ])
        XCTAssertEqual(old.report.format.version, .v2019)
        XCTAssertEqual(old.report.cell("requests.other.natural_person")?.value?.integerValue, 1)
        let next = RequestsTable(year: 2026, agency: nil, cases: cases)
        XCTAssertEqual(next.report.cell("requests.carried_in.commercial")?.value?.integerValue, 1)
        XCTAssertEqual(next.report.cell("requests.new.legal_services")?.value?.integerValue, 1)
    }
}
