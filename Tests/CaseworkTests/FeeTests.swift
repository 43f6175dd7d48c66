import Casework
import XCTest

final class FeeTests: XCTestCase {
    func testPerRequestBandsOf109() throws {
        let expected: [(Int, Int)] = [
            (1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400), (100, 800),
        ]
        for (n, yuan) in expected { XCTAssertEqual(Fees.perRequest(nthThisMonth: n)?.yuan, yuan, "request \(n)") }
        XCTAssertEqual(Fees.perRequest(nthThisMonth: 55)?.bands.first?.label, "第51–60件")
        XCTAssertNil(Fees.perRequest(nthThisMonth: 0))
        XCTAssertNil(Fees.perRequest(nthThisMonth: Int.max))
    }

    func testPerVolumeIsProgressive() throws {
        let expected: [(Int, Int)] = [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)]
        for (pages, yuan) in expected { XCTAssertEqual(Fees.perVolume(pages: pages)?.yuan, yuan, "\(pages) pages") }
        XCTAssertEqual(Fees.perVolume(pages: 150)?.bands.map(\.units), [30, 70, 50])
        XCTAssertNil(Fees.perVolume(pages: -1))
        XCTAssertNil(Fees.perVolume(pages: Int.max))
    }
}
