import AnnualReport
import Casework
import XCTest

/// The text forms the command line and the API share, and the day in China.
final class TextFormTests: XCTestCase {
    func testEventsAndReceiptsFromText() throws {
        let event = try CaseEvent(text: "extension:2025-10-20:10")
        XCTAssertEqual(
            event,
            CaseEvent(.extensionApproved(workingDays: 10, approvedBy: nil), on: try XCTUnwrap(CalendarDate(iso: "2025-10-20"))))
        XCTAssertEqual(try CaseEvent(text: "consultation-sent:2025-10-09:某公司:分公司").kind, .consultationSent(party: "某公司:分公司"))
        let receipt = try CaseEvent.receipt(text: "2025-01-24T18:00")
        XCTAssertEqual(receipt.date.description, "2025-01-24")
        XCTAssertEqual(receipt.time?.description, "18:00")
        for bad in ["extension", "extension:2025-02-30", "nonsense:2025-01-01", "extension:2025-01-01:99999999999999999999"] {
            XCTAssertThrowsError(try CaseEvent(text: bad), bad)
        }
        for bad in ["2025-13-01", "2025-01-01T24:00", "2025-01-01T9:00", ""] {
            XCTAssertThrowsError(try CaseEvent.receipt(text: bad), bad)
        }
    }

    func testTheDayInChinaIsUTCPlusEight() throws {
        XCTAssertEqual(ChinaTime.at(secondsSince1970: 0).map { "\($0.date) \($0.time)" }, "1970-01-01 08:00")
        XCTAssertEqual(ChinaTime.at(secondsSince1970: -60).map { "\($0.date) \($0.time)" }, "1970-01-01 07:59")
        // 2025-12-01 16:00 UTC is already 2 December in China.
        XCTAssertEqual(ChinaTime.at(secondsSince1970: 1_764_604_800).map { "\($0.date) \($0.time)" }, "2025-12-02 00:00")
        XCTAssertNil(ChinaTime.at(secondsSince1970: Int.max))
        XCTAssertNil(ChinaTime.at(secondsSince1970: Int.min))
    }
}
