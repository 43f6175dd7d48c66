import AnnualReport
import Casework
import XCTest

final class CalendarTests: XCTestCase {
    private func day(_ iso: String) throws -> CalendarDate { try XCTUnwrap(CalendarDate(iso: iso), iso) }

    func testTheShippedCalendarParsesAndCoversEveryYearFrom2019To2026() throws {
        let years = try CalendarText.parse(WorkingCalendar.bundledText)
        XCTAssertEqual(years.map(\.year), Array(2019...2026))
        XCTAssertEqual(WorkingCalendar.bundled.years.keys.sorted(), Array(2019...2026))
        XCTAssertEqual(try CalendarText.parse(CalendarText.format(years)), years, "format and parse round-trip")
    }

    func testTheWorkedExamplesOfHolidaysMd() throws {
        let calendar = WorkingCalendar.bundled
        for working in ["2024-02-04", "2024-02-18", "2024-02-09", "2026-01-04", "2018-12-29", "2025-09-28"] {
            XCTAssertTrue(calendar.kind(of: try day(working)).isWorking, working)
        }
        for off in ["2020-01-31", "2020-02-01", "2026-02-23", "2025-10-08", "2018-12-30", "2023-01-01"] {
            XCTAssertFalse(calendar.kind(of: try day(off)).isWorking, off)
        }
        XCTAssertEqual(calendar.kind(of: try day("2024-02-18")), .makeUpWorkingDay(holiday: "春节"))
        XCTAssertEqual(calendar.kind(of: try day("2025-10-03")), .holiday("国庆节、中秋节"))
        XCTAssertEqual(calendar.kind(of: try day("2025-11-01")), .weekend)
        XCTAssertEqual(calendar.kind(of: try day("2025-11-03")), .working)
        XCTAssertEqual(calendar.kind(of: try day("2027-01-01")), .uncovered(weekdayIsWorking: true))
        XCTAssertEqual(calendar.kind(of: try day("2018-06-02")), .uncovered(weekdayIsWorking: false))
    }

    func testDayArithmeticAgreesWithKnownWeekdays() throws {
        XCTAssertEqual(try day("1970-01-01").dayNumber, 0)
        XCTAssertEqual(try day("2025-09-26").weekday, .friday)
        XCTAssertEqual(try day("2024-02-29").weekday, .thursday)
        XCTAssertEqual(try day("2026-12-01").weekday, .tuesday)
        XCTAssertEqual(try day("2024-02-28").adding(days: 2), try day("2024-03-01"))
        XCTAssertEqual(try day("2025-12-31").adding(days: 1), try day("2026-01-01"))
        for number in stride(from: -25_000, through: 80_000, by: 997) {
            let date = try XCTUnwrap(CalendarDate(dayNumber: number))
            XCTAssertEqual(date.dayNumber, number)
        }
        XCTAssertNil(CalendarDate(dayNumber: Int.max))
        XCTAssertNil(try day("2200-12-31").adding(days: 1))
    }

    func testACalendarFileWithAMistakeSaysWhichLineAndWhy() {
        let cases: [(String, Int, String)] = [
            ("year 2027\nsource 通知\nwork 2027-01-04 元旦\n", 3, "falls on a weekend"),
            ("year 2027\nsource 通知\noff 2027-02-30 春节\n", 3, "expected a date"),
            ("year 2027\noff 2027-01-01 元旦\n", 1, "no `source` line"),
            ("off 2027-01-01 元旦\n", 1, "before any `year`"),
            ("year 2027\nsource 通知\nholiday 2027-01-01\n", 3, "unknown keyword"),
            ("year 2027\nsource 通知\noff 2025-10-01 国庆\n", 3, "outside year 2027"),
            ("year 2027\nsource 通知\noff 2027-02-10 2027-02-01 春节\n", 3, "runs forward"),
            ("year 2027\nsource 通知\noff 2027-01-01\n", 3, "name is missing"),
            ("year 2027\nsource a\nyear 2027\nsource b\n", 3, "appears twice"),
            ("year 3000\n", 1, "from 1990 to 2200"),
            ("# nothing\n", 0, "no `year` block"),
        ]
        for (text, line, reason) in cases {
            XCTAssertThrowsError(try CalendarText.parse(text), text) { error in
                guard let error = error as? CalendarTextError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, line, text)
                XCTAssertTrue(error.reason.contains(reason), "\(error.reason) should say \(reason)")
            }
        }
    }

    func testAnAddedYearIsUsedAndReplacesALoadedOne() throws {
        let added = try CalendarText.parse("year 2027\nsource 国务院办公厅关于2027年部分节假日安排的通知\noff 2027-01-01 元旦\n")
        let calendar = WorkingCalendar.bundled.adding(try XCTUnwrap(added.first))
        XCTAssertEqual(calendar.kind(of: try day("2027-01-01")), .holiday("元旦"))
        XCTAssertEqual(calendar.kind(of: try day("2027-01-04")), .working)
        let replaced = calendar.adding(CalendarYear(year: 2026, source: "test", holidays: [], makeUpDays: []))
        XCTAssertEqual(replaced.kind(of: try day("2026-10-01")), .working)
    }
}
