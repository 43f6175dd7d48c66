import AnnualReport

extension Deadline {
    /// The deadline of a case with these events, in date order, the first being its receipt.
    /// `notAfter` (today, where the caller knows it) refuses events dated later.
    public static func compute(
        events: [CaseEvent], calendar: WorkingCalendar = .bundled, rules: DeadlineRules = DeadlineRules(),
        notAfter: CalendarDate? = nil
    ) throws(CaseEventError) -> Deadline {
        guard let first = events.first else {
            throw CaseEventError(index: 0, event: "none", date: nil, reason: "a case starts with its receipt")
        }
        guard case .received(let channel) = first.kind else {
            throw CaseEventError(index: 0, event: first.kind.name, date: first.date, reason: "a case starts with its receipt")
        }
        if let notAfter, first.date > notAfter {
            throw CaseEventError(
                index: 0, event: first.kind.name, date: first.date, reason: "it is dated after today (\(notAfter))")
        }
        var progress = CaseProgress(receivedBy: channel, on: first.date, at: first.time, calendar: calendar, rules: rules)
        var count = progress.count(eventsByDay: [:])
        var history = [DueDateChange(event: first.kind.name, date: progress.receipt, due: count.due)]
        for (index, event) in events.enumerated().dropFirst() {
            let previous = events[index - 1].date
            guard event.date >= previous else {
                throw CaseEventError(
                    index: index, event: event.kind.name, date: event.date,
                    reason: "events go in date order: this one is dated before \(previous)")
            }
            guard event.date >= progress.receipt else {
                throw CaseEventError(
                    index: index, event: event.kind.name, date: event.date,
                    reason: "it is dated before the receipt date \(progress.receipt)")
            }
            if let notAfter, event.date > notAfter {
                throw CaseEventError(
                    index: index, event: event.kind.name, date: event.date, reason: "it is dated after today (\(notAfter))")
            }
            do {
                try progress.apply(event, dueNow: count.due)
            } catch {
                throw CaseEventError(index: index, event: event.kind.name, date: event.date, reason: error.reason)
            }
            count = progress.count(eventsByDay: [:])
            if count.due != history.last?.due || event.kind.changesDueDate {
                history.append(DueDateChange(event: event.kind.name, date: event.date, due: count.due))
            }
        }
        var eventsByDay: [Int: [String]] = [:]
        for event in events { eventsByDay[event.date.dayNumber, default: []].append(event.kind.description) }
        count = progress.count(eventsByDay: eventsByDay)
        return Deadline(
            receipt: progress.receipt, receiptNote: progress.receiptNote, runsFrom: progress.runsFrom,
            workingDays: progress.periodDays, due: count.due, remainingWorkingDays: count.remaining,
            state: progress.state, trace: count.trace, history: history, uncoveredYears: count.uncoveredYears,
            correctionRequestBy: calendar.nthWorkingDay(rules.correctionRequestDays, after: progress.receipt),
            extensionGranted: progress.extensionGranted,
            consultations: progress.pauses.compactMap { pause in
                pause.party.map {
                    Consultation(
                        party: $0, sent: pause.sent, answered: pause.ended,
                        answerBy: calendar.nthWorkingDay(rules.consultationAnswerDays, after: pause.sent))
                }
            },
            feeDueBy: progress.feeNotice.flatMap { calendar.nthWorkingDay(rules.feePaymentDays, after: $0.sent) })
    }
}

extension CaseEventKind: CustomStringConvertible {
    /// Events recorded in the history even when the date stays (the clock stops or restarts).
    var changesDueDate: Bool {
        switch self {
        case .correctionRequested, .correctionReceived, .consultationSent, .consultationAnswered, .extensionApproved,
            .feeNoticeSent, .feePaid:
            true
        default: false
        }
    }

    /// The event as the trace shows it.
    public var description: String {
        switch self {
        case .received(let channel): "received (\(channel.rawValue))"
        case .correctionRequested(let dueBy): "correction requested" + (dueBy.map { ", due by \($0)" } ?? "")
        case .consultationSent(let party): "consultation sent" + (party.isEmpty ? "" : " to \(party)")
        case .consultationAnswered(let party): "consultation answered" + (party.isEmpty ? "" : " by \(party)")
        case .extensionApproved(let days, let by): "extension of \(days) working days" + (by.map { " approved by \($0)" } ?? "")
        case .feeNoticeSent(let yuan): "fee notice sent" + (yuan.map { " (\($0) 元)" } ?? "")
        case .replied(let kind): "replied: \(kind.title)"
        default: String(name.map { $0 == "-" ? " " : $0 })
        }
    }
}

extension CaseProgress {
    /// Working days in the period: the reply period plus any extension.
    var periodDays: Int { rules.replyDays + (extensionGranted?.days ?? 0) }

    struct Count {
        var due: CalendarDate?
        var remaining: Int
        var trace: [TraceDay]
        var uncoveredYears: [Int]
    }

    /// Counts the period day by day from the receipt, skipping days off and paused days.
    func count(eventsByDay: [Int: [String]]) -> Count {
        let target = periodDays
        var trace = [
            TraceDay(
                date: receipt, kind: calendar.kind(of: receipt), count: nil, reason: .receipt, note: receiptNote,
                events: eventsByDay[receipt.dayNumber] ?? [])
        ]
        var uncovered = Set<Int>()
        var counted = 0
        var day = receipt
        var awaitingUntil: CalendarDate?
        if case .requested(let on, _) = correction { awaitingUntil = on }
        // Ten years of days: far more than any period, a bound against a calendar of nothing but holidays.
        for _ in 0..<3660 {
            guard let next = day.adding(days: 1) else { break }
            day = next
            let kind = calendar.kind(of: day)
            if case .uncovered = kind { uncovered.insert(day.year) }
            func add(_ reason: TraceReason, _ note: String, count: Int? = nil) {
                trace.append(
                    TraceDay(
                        date: day, kind: kind, count: count, reason: reason, note: note, events: eventsByDay[day.dayNumber] ?? [])
                )
            }
            if let until = awaitingUntil, day > until {
                add(.awaitingCorrection, "awaiting the applicant's correction: the clock starts again when it arrives (Art. 30)")
                break
            }
            if day <= runsFrom {
                add(
                    .beforeCorrection,
                    "not counted: the period runs from the corrected request's arrival on \(runsFrom) (Art. 30)")
                continue
            }
            guard kind.isWorking else {
                add(.dayOff, kind.offNote)
                continue
            }
            if let pause = pause(on: day) {
                add(pause.why, pause.reason)
                if pauses.contains(where: { $0.ended == nil && $0.limit == nil && $0.sent < day }) { break }
                continue
            }
            counted += 1
            add(.counted, kind.workingNote(counted, of: target), count: counted)
            if counted == target {
                return Count(due: day, remaining: 0, trace: trace, uncoveredYears: uncovered.sorted())
            }
        }
        return Count(due: nil, remaining: target - counted, trace: trace, uncoveredYears: uncovered.sorted())
    }
}

extension DayKind {
    /// Why a day off is not counted.
    var offNote: String {
        switch self {
        case .weekend: "not counted: weekend"
        case .holiday(let name): "not counted: \(name) holiday"
        case .uncovered: "not counted: weekend (no calendar loaded for this year: holidays unknown)"
        case .working, .makeUpWorkingDay: "not counted"
        }
    }

    /// Why a working day is counted.
    func workingNote(_ n: Int, of target: Int) -> String {
        let place = "working day \(n) of \(target)"
        return switch self {
        case .makeUpWorkingDay(let holiday): "\(place): a weekend worked for \(holiday) (调休)"
        case .uncovered: "\(place), provisional: no calendar loaded for this year"
        default: place
        }
    }
}
