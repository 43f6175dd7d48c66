import AnnualReport
import Casework
import XCTest

/// Due dates counted by hand on the national calendar, then by the engine.
final class DeadlineTests: XCTestCase {
    private func day(_ iso: String) -> CalendarDate {
        guard let date = CalendarDate(iso: iso) else { preconditionFailure("bad date \(iso) in a test") }
        return date
    }

    private func events(_ channel: Channel, _ received: String, at time: String? = nil, _ rest: [(CaseEventKind, String)] = [])
        -> [CaseEvent]
    {
        [CaseEvent(.received(channel), on: day(received), at: time.flatMap { TimeOfDay(text: $0) })]
            + rest.map { CaseEvent($0.0, on: day($0.1)) }
    }

    func testHandCountedDueDatesAcrossSpringFestivalAndNationalDay() throws {
        let table: [(String, [CaseEvent], String)] = [
            ("the example of requests.md: 国庆 2025 with both make-up days", events(.inPerson, "2025-09-26"), "2025-10-30"),
            ("春节 2026, the Saturdays 02-14 and 02-28 worked", events(.online, "2026-02-10", at: "10:00"), "2026-03-16"),
            (
                "春节 2025, online after hours: confirmed on the make-up Sunday", events(.online, "2025-01-24", at: "18:00"),
                "2025-02-28"
            ),
            ("the same in person: the day it is handed in", events(.inPerson, "2025-01-24", at: "18:00"), "2025-02-27"),
            ("fax on a Saturday off: confirmed the next working day", events(.fax, "2025-11-01", at: "09:00"), "2025-12-01"),
            ("国庆 2026, 中秋 just before", events(.inPerson, "2026-09-18"), "2026-10-22"),
            (
                "国庆 2026 extended by 20 on 10-20",
                events(.inPerson, "2026-09-18", [(.extensionApproved(workingDays: 20, approvedBy: "王主任"), "2026-10-20")]),
                "2026-11-19"
            ),
            (
                "春节 2025, corrected request arrived 02-06",
                events(
                    .online, "2025-01-20", at: "09:00",
                    [(.correctionRequested(dueBy: day("2025-02-20")), "2025-01-22"), (.correctionReceived, "2025-02-06")]),
                "2025-03-05"
            ),
            (
                "国庆 2025, consultation 10-09 to 10-20 not counted",
                events(
                    .inPerson, "2025-09-26",
                    [(.consultationSent(party: "某公司"), "2025-10-09"), (.consultationAnswered(party: "某公司"), "2025-10-20")]),
                "2025-11-11"
            ),
            (
                "清明 2025, fee notice 03-10 paid 03-20",
                events(.inPerson, "2025-03-03", [(.feeNoticeSent(yuan: 200), "2025-03-10"), (.feePaid, "2025-03-20")]),
                "2025-04-11"
            ),
        ]
        for (name, events, due) in table {
            let deadline = try Deadline.compute(events: events)
            XCTAssertEqual(deadline.due, day(due), name)
            XCTAssertFalse(deadline.isProvisional, name)
            XCTAssertEqual(deadline.trace.last?.date, day(due), name)
            XCTAssertEqual(deadline.trace.last?.count, deadline.workingDays, name)
        }
    }

    func testTheTraceSaysWhyEachDayCountsOrNot() throws {
        let deadline = try Deadline.compute(events: events(.inPerson, "2025-09-26"))
        let notes = Dictionary(uniqueKeysWithValues: deadline.trace.map { ($0.date.description, $0.note) })
        XCTAssertEqual(notes["2025-09-27"], "not counted: weekend")
        XCTAssertEqual(notes["2025-09-28"], "working day 1 of 20: a weekend worked for 国庆节、中秋节 (调休)")
        XCTAssertEqual(notes["2025-10-01"], "not counted: 国庆节、中秋节 holiday")
        XCTAssertEqual(notes["2025-10-30"], "working day 20 of 20")
        XCTAssertTrue(deadline.trace[0].note.contains("Art. 31"))
        XCTAssertEqual(deadline.trace.compactMap(\.count), Array(1...20))
        XCTAssertEqual(deadline.trace.count, 35, "09-26 through 10-30, every day")
    }

    func testAfterHoursOnlineReceiptIsExplained() throws {
        let deadline = try Deadline.compute(events: events(.online, "2025-01-24", at: "18:00"))
        XCTAssertEqual(deadline.receipt, day("2025-01-26"))
        XCTAssertTrue(deadline.receiptNote.contains("after the office closed at 17:30"), deadline.receiptNote)
        let before = try Deadline.compute(events: events(.online, "2025-01-24", at: "17:29"))
        XCTAssertEqual(before.receipt, day("2025-01-24"))
    }

    func testEveryEarlierDueDateIsKept() throws {
        let deadline = try Deadline.compute(
            events: events(
                .inPerson, "2026-09-18",
                [
                    (.consultationSent(party: "市交通局"), "2026-09-21"), (.consultationAnswered(party: "市交通局"), "2026-09-24"),
                    (.extensionApproved(workingDays: 10, approvedBy: "王主任"), "2026-10-20"),
                ]))
        XCTAssertEqual(deadline.history.map(\.event), ["received", "consultation-sent", "consultation-answered", "extension"])
        XCTAssertEqual(deadline.history[0].due, day("2026-10-22"))
        XCTAssertEqual(deadline.history[1].due, day("2026-11-12"), "at the latest: the party's 15 working days not counted")
        // 09-22, 09-23, 09-24 not counted: three working days later.
        XCTAssertEqual(deadline.history[2].due, day("2026-10-27"))
        XCTAssertEqual(deadline.history[3].due, day("2026-11-10"))
        XCTAssertEqual(deadline.consultations.first?.answerBy, day("2026-10-19"))
    }

    func testAnUnansweredConsultationStopsTheClockForTheParty15WorkingDaysAtMost() throws {
        let deadline = try Deadline.compute(
            events: events(.inPerson, "2025-09-26", [(.consultationSent(party: "某公司"), "2025-10-09")]))
        // Counted 09-28, 09-29, 09-30, 10-09; stopped 10-10 to 10-29 (the answer period); 16 more from 10-30.
        XCTAssertEqual(deadline.due, day("2025-11-20"))
        XCTAssertEqual(deadline.state, .paused(["paused: consultation with 某公司 (Art. 33)"]))
        XCTAssertEqual(deadline.consultations.first?.answerBy, day("2025-10-29"))
    }

    func testDeemedWithdrawalsAndTheirDeadlines() throws {
        let unpaid = events(.inPerson, "2025-03-03", [(.feeNoticeSent(yuan: 200), "2025-03-10")])
        XCTAssertEqual(try Deadline.compute(events: unpaid).feeDueBy, day("2025-04-08"))
        XCTAssertThrowsError(try Deadline.compute(events: unpaid + [CaseEvent(.feeNotPaid, on: day("2025-04-08"))]))
        let closed = try Deadline.compute(events: unpaid + [CaseEvent(.feeNotPaid, on: day("2025-04-09"))])
        XCTAssertEqual(closed.state, .closed(.unpaidFee, on: day("2025-04-09")))

        let noCorrection = events(.inPerson, "2025-01-20", [(.correctionRequested(dueBy: day("2025-02-20")), "2025-01-22")])
        XCTAssertEqual(
            try Deadline.compute(events: noCorrection).state,
            .awaitingCorrection(requestedOn: day("2025-01-22"), dueBy: day("2025-02-20")))
        XCTAssertThrowsError(try Deadline.compute(events: noCorrection + [CaseEvent(.correctionOverdue, on: day("2025-02-20"))]))
        let overdue = try Deadline.compute(events: noCorrection + [CaseEvent(.correctionOverdue, on: day("2025-02-21"))])
        XCTAssertEqual(overdue.state, .closed(.noCorrection, on: day("2025-02-21")))
    }

    func testImpossibleEventsAreClearErrors() {
        let table: [(String, [CaseEvent], String)] = [
            (
                "a second correction request",
                events(
                    .inPerson, "2025-01-20",
                    [
                        (.correctionRequested(dueBy: nil), "2025-01-21"), (.correctionReceived, "2025-01-23"),
                        (.correctionRequested(dueBy: nil), "2025-01-24"),
                    ]),
                "only once"
            ),
            (
                "a correction asked for on the 8th working day",
                events(.inPerson, "2025-01-20", [(.correctionRequested(dueBy: nil), "2025-02-06")]),
                "by 2025-02-05"
            ),
            (
                "an extension after the due date",
                events(.inPerson, "2025-09-26", [(.extensionApproved(workingDays: 5, approvedBy: "王主任"), "2025-10-31")]),
                "due date 2025-10-30"
            ),
            (
                "a second extension",
                events(
                    .inPerson, "2025-09-26",
                    [
                        (.extensionApproved(workingDays: 5, approvedBy: "王"), "2025-10-09"),
                        (.extensionApproved(workingDays: 5, approvedBy: "王"), "2025-10-10"),
                    ]),
                "only once"
            ),
            (
                "an extension of 21 days",
                events(.inPerson, "2025-09-26", [(.extensionApproved(workingDays: 21, approvedBy: "王"), "2025-10-09")]), "1 to 20"
            ),
            (
                "a reply to a withdrawn case",
                events(.inPerson, "2025-09-26", [(.withdrawn, "2025-10-09"), (.replied(.granted), "2025-10-10")]),
                "closed on 2025-10-09"
            ),
            (
                "events out of order",
                events(.inPerson, "2025-09-26", [(.withdrawn, "2025-10-09"), (.replied(.granted), "2025-10-01")]), "date order"
            ),
            (
                "a correction received unasked", events(.inPerson, "2025-09-26", [(.correctionReceived, "2025-10-09")]),
                "no correction was requested"
            ),
            (
                "a reply while a correction is awaited",
                events(
                    .inPerson, "2025-09-26",
                    [(.correctionRequested(dueBy: nil), "2025-09-28"), (.replied(.granted), "2025-10-09")]),
                "awaits the correction"
            ),
            (
                "unclear after a correction never asked",
                events(.inPerson, "2025-09-26", [(.replied(.unclearAfterCorrection), "2025-10-09")]), "needs a correction"
            ),
            ("a fee paid with no notice", events(.inPerson, "2025-09-26", [(.feePaid, "2025-10-09")]), "no fee notice"),
            ("a second receipt", events(.inPerson, "2025-09-26", [(.received(.post), "2025-10-09")]), "already received"),
            (
                "an answer to no consultation",
                events(.inPerson, "2025-09-26", [(.consultationAnswered(party: ""), "2025-10-09")]), "no such consultation"
            ),
        ]
        for (name, events, reason) in table {
            XCTAssertThrowsError(try Deadline.compute(events: events), name) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(name): \(error)")
                XCTAssertEqual((error as? CaseEventError)?.index, events.count - 1, name)
            }
        }
        XCTAssertThrowsError(try Deadline.compute(events: []))
        XCTAssertThrowsError(try Deadline.compute(events: [CaseEvent(.withdrawn, on: day("2025-01-02"))]))
    }

    func testTheRegulationsOtherLimits() {
        let table: [(String, [CaseEvent], String)] = [
            (
                "deemed withdrawn without a deadline set",
                events(
                    .inPerson, "2025-09-26",
                    [(.correctionRequested(dueBy: nil), "2025-09-29"), (.correctionOverdue, "2025-09-29")]),
                "set no deadline"
            ),
            (
                "a fee paid after its 20 working days",
                events(.inPerson, "2025-03-03", [(.feeNoticeSent(yuan: 100), "2025-03-10"), (.feePaid, "2025-04-09")]),
                "ended on 2025-04-08"
            ),
            (
                "an event before an after-hours online receipt",
                events(.online, "2025-01-24", at: "18:00", [(.correctionRequested(dueBy: nil), "2025-01-25")]),
                "before the receipt date 2025-01-26"
            ),
        ]
        for (name, events, reason) in table {
            XCTAssertThrowsError(try Deadline.compute(events: events), name) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(name): \(error)")
            }
        }
        XCTAssertThrowsError(
            try Deadline.compute(
                events: events(.inPerson, "2025-09-26", [(.withdrawn, "2025-10-09")]), notAfter: day("2025-10-08"))
        ) {
            XCTAssertTrue("\($0)".contains("dated after today (2025-10-08)"))
        }
    }

    func testADeadlineInAYearWithNoCalendarIsFlaggedProvisional() throws {
        let deadline = try Deadline.compute(events: events(.inPerson, "2026-12-10"))
        XCTAssertEqual(deadline.due, day("2027-01-07"))
        XCTAssertEqual(deadline.uncoveredYears, [2027])
        XCTAssertTrue(deadline.isProvisional)
        XCTAssertTrue(deadline.trace.last?.note.contains("provisional") ?? false)
    }

    func testLateRepliesAndOverdueCases() throws {
        let open = try Deadline.compute(events: events(.inPerson, "2025-09-26"))
        XCTAssertFalse(open.isOverdue(on: day("2025-10-30")))
        XCTAssertTrue(open.isOverdue(on: day("2025-10-31")))
        let late = try Deadline.compute(events: events(.inPerson, "2025-09-26", [(.replied(.partlyGranted), "2025-10-31")]))
        XCTAssertTrue(late.repliedLate)
        XCTAssertFalse(late.isOverdue(on: day("2025-11-30")))
    }
}
