import AnnualReport
import XCTest

final class FormatTests: XCTestCase {
    func testCellCountsOfTheStatutoryFormats() {
        // 2019: 二 8 rows (3+3+3+3+3+3+2+2 = 22 cells), 三 23 rows × 7, 四 15.
        XCTAssertEqual(ReportFormat.v2019.cells.count, 22 + 23 * 7 + 15)
        // 2021: 二 3+3+1+1+1+1 = 10, 三 25 rows × 7, 四 15.
        XCTAssertEqual(ReportFormat.v2021.cells.count, 10 + 25 * 7 + 15)
        XCTAssertEqual(ReportFormat.v2021SingleOther.cells.count, 10 + 23 * 7 + 15)
    }

    func testKeysAreUniqueAndCanonical() {
        for format in [ReportFormat.v2019, .v2021, .v2021SingleOther] {
            let keys = format.cells.map(\.key)
            XCTAssertEqual(Set(keys).count, keys.count)
            for (i, key) in keys.enumerated() { XCTAssertEqual(format.index(of: key), i) }
        }
        XCTAssertNotNil(ReportFormat.v2019.index(of: "requests.other.natural_person"))
        XCTAssertNil(ReportFormat.v2021.index(of: "requests.other.natural_person"))
        XCTAssertNotNil(ReportFormat.v2021.index(of: "requests.other.unpaid_fee.total"))
        XCTAssertNotNil(ReportFormat.v2019.index(of: "proactive.procurement.amount_wan_yuan"))
        XCTAssertNil(ReportFormat.v2021.index(of: "proactive.procurement.projects"))
        XCTAssertEqual(ReportFormat.v2021.index(of: "appeals.litigation_after_review.total"), ReportFormat.v2021.cells.count - 1)
    }

    func testIdentitiesCoverEveryColumnRowAndBlock() {
        let f = ReportFormat.v2021
        let count = { (kind: Identity.Kind) in f.identities.filter { $0.kind == kind }.count }
        XCTAssertEqual(count(.carry), 7)
        XCTAssertEqual(count(.outcomeTotal), 7)
        XCTAssertEqual(count(.applicantTotal), 25)
        XCTAssertEqual(count(.appealTotal), 3)
        // （七）总计 sums the leaf outcome rows: （一）（二）, 8 不予公开, 3 无法提供, 5 不予处理, 3 其他处理.
        let outcome = f.identities.first { $0.kind == .outcomeTotal }
        XCTAssertEqual(outcome?.right.count, 2 + 8 + 3 + 5 + 3)
        XCTAssertEqual(ReportFormat.v2019.identities.first { $0.kind == .outcomeTotal }?.right.count, 2 + 8 + 3 + 5 + 1)
    }

    func testLabelsAndRequiredFormat() {
        XCTAssertEqual(
            ReportFormat.v2019.label(ofCell: ReportFormat.v2019.index(of: "requests.withheld.third_party.total") ?? 0),
            "表三 （三）不予公开4.保护第三方合法权益 · 总计")
        XCTAssertEqual(FormatVersion.required(forYear: 2020), .v2019)
        XCTAssertEqual(FormatVersion.required(forYear: 2021), .v2021)
    }

    func testCellNumberIsExact() throws {
        let a = try XCTUnwrap(CellNumber(parsing: "0.0436"))
        XCTAssertEqual(a.shifted(by: 4)?.description, "436")
        XCTAssertEqual(try XCTUnwrap(CellNumber(parsing: "75394432.52")).shifted(by: -4)?.description, "7539.443252")
        XCTAssertEqual(CellNumber(parsing: "+136"), CellNumber(136))
        XCTAssertEqual(CellNumber(parsing: "-8")?.description, "-8")
        XCTAssertEqual(CellNumber.sum([CellNumber(mantissa: 15, scale: 1), CellNumber(mantissa: 25, scale: 1)]), CellNumber(4))
        XCTAssertNil(CellNumber(parsing: "1.2.3"))
        XCTAssertNil(CellNumber(parsing: "99999999999999999999"))
        XCTAssertTrue(CellNumber(-1) < CellNumber(mantissa: 1, scale: 3))
    }

    func testCalendarDate() {
        XCTAssertNil(CalendarDate(year: 2021, month: 2, day: 29))
        XCTAssertNotNil(CalendarDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(CalendarDate(iso: "2023-02-20")?.description, "2023-02-20")
    }
}
