import AnnualReport
import Casework
import XCTest

/// Random event sequences thrown at the engine: it answers or refuses, never traps, and what it
/// answers holds together.
final class DeadlinePropertyTests: XCTestCase {
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    func testRandomCasesAreAnsweredOrRefusedAndAnswersHoldTogether() throws {
        var random = Random(state: 2026)
        let kinds: [CaseEventKind] = [
            .correctionRequested(dueBy: nil), .correctionReceived, .correctionOverdue, .consultationSent(party: "甲"),
            .consultationAnswered(party: "甲"), .consultationSent(party: "乙"), .consultationAnswered(party: ""),
            .extensionApproved(workingDays: 20, approvedBy: "王"), .extensionApproved(workingDays: 3, approvedBy: nil),
            .feeNoticeSent(yuan: 100), .feePaid, .feeNotPaid, .replied(.granted), .replied(.unclearAfterCorrection), .withdrawn,
        ]
        var answered = 0
        for _ in 0..<3000 {
            guard
                let start = CalendarDate(
                    year: Int.random(in: 2018...2027, using: &random), month: Int.random(in: 1...12, using: &random), day: 1)
            else { continue }
            var date = start
            var events = [
                CaseEvent(
                    .received(Channel.allCases.randomElement(using: &random) ?? .post), on: start,
                    at: TimeOfDay(hour: Int.random(in: 0...23, using: &random), minute: 0))
            ]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                date = date.adding(days: Int.random(in: 0...20, using: &random)) ?? date
                events.append(CaseEvent(kinds.randomElement(using: &random) ?? .withdrawn, on: date))
            }
            do {
                let deadline = try Deadline.compute(events: events)
                answered += 1
                XCTAssertGreaterThanOrEqual(deadline.receipt, start)
                XCTAssertLessThanOrEqual(deadline.history.count, events.count)
                if let due = deadline.due {
                    XCTAssertGreaterThan(due, deadline.runsFrom)
                    XCTAssertEqual(deadline.trace.last?.date, due)
                    XCTAssertEqual(deadline.trace.compactMap(\.count), Array(1...deadline.workingDays))
                    XCTAssertEqual(
                        deadline.isProvisional,
                        deadline.trace.dropFirst().contains { if case .uncovered = $0.kind { true } else { false } })
                }
            } catch {
                XCTAssertFalse(error.reason.isEmpty)
            }
        }
        XCTAssertGreaterThan(answered, 500, "the sequences are not all refused")
    }
}
