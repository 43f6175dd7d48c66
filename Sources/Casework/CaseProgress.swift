import AnnualReport

/// A case's state as its events are applied one by one, each checked against the Regulation.
struct CaseProgress {
    struct Pause {
        let reason: String
        let why: TraceReason
        let party: String?
        let sent: CalendarDate
        var ended: CalendarDate?
        /// The last day it may stop the clock: a consulted party has 15 working days to answer
        /// (Art. 32), after which the agency decides; nil for a fee notice, which waits for payment.
        var limit: CalendarDate?

        /// The last day it stops the clock, if it ends.
        var end: CalendarDate? {
            guard let ended else { return limit }
            guard let limit else { return ended }
            return min(ended, limit)
        }
    }

    enum Correction {
        case none
        case requested(on: CalendarDate, dueBy: CalendarDate?)
        case received(on: CalendarDate)
    }

    let calendar: WorkingCalendar
    let rules: DeadlineRules
    var receipt: CalendarDate
    var receiptNote: String
    var runsFrom: CalendarDate
    var correction = Correction.none
    var pauses: [Pause] = []
    var extensionGranted: (days: Int, approvedBy: String?)?
    var feeNotice: (sent: CalendarDate, yuan: Int?)?
    var closed: (outcome: CaseOutcome, on: CalendarDate)?

    /// A case from its receipt event.
    init(receivedBy channel: Channel, on date: CalendarDate, at time: TimeOfDay?, calendar: WorkingCalendar, rules: DeadlineRules)
    {
        self.calendar = calendar
        self.rules = rules
        var receipt = date
        var note = channel.receiptRule
        let confirmedLater = (channel == .online || channel == .fax)
        if confirmedLater, !calendar.kind(of: date).isWorking || (time.map { $0 >= rules.officeCloses } ?? false) {
            let why = calendar.kind(of: date).isWorking ? "after the office closed at \(rules.officeCloses)" : "on a day off"
            if let next = calendar.workingDay(after: date) {
                receipt = next
                note += "; arrived \(date)\(time.map { " \($0)" } ?? "") \(why), confirmed the next working day"
            }
        }
        self.receipt = receipt
        self.receiptNote = note
        self.runsFrom = receipt
    }

    var openPauses: [Pause] { pauses.filter { $0.ended == nil } }

    /// The state, before any count.
    var state: CaseState {
        if let closed { return .closed(closed.outcome, on: closed.on) }
        if case .requested(let on, let dueBy) = correction { return .awaitingCorrection(requestedOn: on, dueBy: dueBy) }
        let open = openPauses
        return open.isEmpty ? .open : .paused(open.map(\.reason))
    }

    /// The pause a working day falls in, if any.
    func pause(on day: CalendarDate) -> Pause? {
        pauses.first { $0.sent < day && ($0.end.map { day <= $0 } ?? true) }
    }

    /// Applies one event, or says why it cannot happen now.
    mutating func apply(_ event: CaseEvent, dueNow: CalendarDate?) throws(CaseEventFault) {
        if let closed { throw .init("the case was closed on \(closed.on) (\(closed.outcome.title)): nothing can follow") }
        let date = event.date
        switch event.kind {
        case .received:
            throw .init("the case was already received on \(receipt)")
        case .correctionRequested(let dueBy):
            guard case .none = correction else { throw .init("a correction may be requested only once (Art. 30)") }
            if let last = calendar.nthWorkingDay(rules.correctionRequestDays, after: receipt), date > last {
                throw .init("a correction must be requested within 7 working days of receipt, by \(last) (Art. 30)")
            }
            if let dueBy, dueBy <= date { throw .init("the correction's deadline \(dueBy) must come after the request") }
            correction = .requested(on: date, dueBy: dueBy)
        case .correctionReceived:
            guard case .requested = correction else { throw .init("no correction was requested") }
            correction = .received(on: date)
            runsFrom = date
        case .correctionOverdue:
            guard case .requested(_, let dueBy) = correction else { throw .init("no correction is awaited") }
            guard let dueBy else {
                throw .init("the correction request set no deadline, so the request cannot be deemed withdrawn (Art. 30)")
            }
            if date <= dueBy { throw .init("the applicant has until \(dueBy) to correct the request") }
            closed = (.noCorrection, date)
        case .consultationSent(let party):
            try requireNotAwaitingCorrection()
            if openPauses.contains(where: { $0.party == party }) {
                throw .init("a consultation with \(party.isEmpty ? "this party" : party) is already open")
            }
            let who = party.isEmpty ? "consultation" : "consultation with \(party)"
            pauses.append(
                Pause(
                    reason: "paused: \(who) (Art. 33)", why: .consultation(party: party), party: party, sent: date,
                    limit: calendar.nthWorkingDay(rules.consultationAnswerDays, after: date)))
        case .consultationAnswered(let party):
            let open = pauses.indices.filter { pauses[$0].ended == nil && pauses[$0].party != nil }
            let matching = party.isEmpty ? open : open.filter { pauses[$0].party == party }
            guard matching.count == 1, let index = matching.first else {
                throw .init(matching.isEmpty ? "no such consultation is open" : "several consultations are open: name the party")
            }
            pauses[index].ended = date
        case .extensionApproved(let days, let approvedBy):
            guard extensionGranted == nil else { throw .init("a case may be extended only once (Art. 33)") }
            guard (1...rules.maxExtensionDays).contains(days) else {
                throw .init("an extension is 1 to \(rules.maxExtensionDays) working days, not \(days)")
            }
            if let approvedBy, approvedBy.trimmingSpaces.isEmpty { throw .init("an extension's approver has no name") }
            try requireNotAwaitingCorrection()
            if let dueNow, date > dueNow { throw .init("an extension must be approved by the due date \(dueNow)") }
            extensionGranted = (days, approvedBy)
        case .feeNoticeSent(let yuan):
            guard feeNotice == nil else { throw .init("a fee notice was already sent on \(feeNotice?.sent.description ?? "")") }
            if let yuan, yuan <= 0 { throw .init("a fee notice states an amount above 0 yuan") }
            try requireNotAwaitingCorrection()
            if let dueNow, date > dueNow { throw .init("a fee notice goes out within the handling period, by \(dueNow)") }
            feeNotice = (date, yuan)
            pauses.append(Pause(reason: "paused: fee notice awaiting payment", why: .feeNotice, party: nil, sent: date))
        case .feePaid:
            guard let index = pauses.firstIndex(where: { $0.party == nil && $0.ended == nil }), let notice = feeNotice else {
                throw .init("no fee notice awaits payment")
            }
            if let last = calendar.nthWorkingDay(rules.feePaymentDays, after: notice.sent), date > last {
                throw .init("the time to pay ended on \(last): record fee-not-paid (the request is deemed withdrawn)")
            }
            pauses[index].ended = date
        case .feeNotPaid:
            guard pauses.contains(where: { $0.party == nil && $0.ended == nil }), let notice = feeNotice else {
                throw .init("no fee notice awaits payment")
            }
            if let last = calendar.nthWorkingDay(rules.feePaymentDays, after: notice.sent), date <= last {
                throw .init("the applicant has until \(last) to pay")
            }
            closed = (.unpaidFee, date)
        case .replied(let kind):
            try requireNotAwaitingCorrection()
            if kind == .unclearAfterCorrection, case .none = correction {
                throw .init("“unclear after correction” needs a correction that was asked for and received")
            }
            closed = (.replied(kind), date)
        case .withdrawn:
            closed = (.withdrawn, date)
        }
    }

    private func requireNotAwaitingCorrection() throws(CaseEventFault) {
        if case .requested(let on, _) = correction {
            throw .init(
                "the case awaits the correction asked for on \(on): record correction-received or correction-overdue first")
        }
    }
}

/// Why an event cannot happen; `Deadline.compute` adds where.
struct CaseEventFault: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension String {
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }
}
