import AnnualReport

/// How a case ended.
public enum CaseOutcome: Sendable, Hashable {
    /// The agency replied.
    case replied(ReplyKind)
    /// The applicant withdrew.
    case withdrawn
    /// Deemed withdrawn: no correction in time (Art. 30).
    case noCorrection
    /// Deemed withdrawn: the fee not paid in time.
    case unpaidFee

    /// The row of table 三 it is counted in, without the `requests.` prefix.
    public func row(in version: FormatVersion) -> RowKey {
        switch self {
        case .replied(let kind): kind.row
        case .withdrawn: version == .v2019 ? .otherOutcome : .otherOther
        case .noCorrection: version == .v2019 ? .otherOutcome : .otherNoCorrection
        case .unpaidFee: version == .v2019 ? .otherOutcome : .otherUnpaidFee
        }
    }

    /// `withdrawn`, `no-correction`, `unpaid-fee`, or the reply kind's name.
    public var name: String {
        switch self {
        case .replied(let kind): kind.rawValue
        case .withdrawn: "withdrawn"
        case .noCorrection: "no-correction"
        case .unpaidFee: "unpaid-fee"
        }
    }

    /// The outcome named `name`.
    public init?(name: String) {
        switch name {
        case "withdrawn": self = .withdrawn
        case "no-correction": self = .noCorrection
        case "unpaid-fee": self = .unpaidFee
        default:
            guard let kind = ReplyKind(rawValue: name) else { return nil }
            self = .replied(kind)
        }
    }

    /// In words.
    public var title: String {
        switch self {
        case .replied(let kind): kind.title
        case .withdrawn: "申请人撤回申请"
        case .noCorrection: "申请人无正当理由逾期不补正，视为放弃申请"
        case .unpaidFee: "申请人逾期未缴纳费用，视为放弃申请"
        }
    }
}

/// Where a case stands.
public enum CaseState: Sendable, Hashable {
    /// The reply period is running.
    case open
    /// Waiting for the applicant's correction; the period starts again when it arrives.
    case awaitingCorrection(requestedOn: CalendarDate, dueBy: CalendarDate?)
    /// The clock is stopped, for these reasons (a consultation, an unpaid fee notice).
    case paused([String])
    /// Ended.
    case closed(CaseOutcome, on: CalendarDate)

    /// `open`, `awaiting-correction`, `paused` or `closed`.
    public var name: String {
        switch self {
        case .open: "open"
        case .awaitingCorrection: "awaiting-correction"
        case .paused: "paused"
        case .closed: "closed"
        }
    }
}

/// Why a day of the trace counts or not.
public enum TraceReason: Sendable, Hashable {
    /// The receipt day, from which the period runs.
    case receipt
    /// A working day of the period.
    case counted
    /// A weekend or holiday.
    case dayOff
    /// Before the corrected request arrived (Art. 30).
    case beforeCorrection
    /// The clock waits for the applicant's correction.
    case awaitingCorrection
    /// A consultation is out (Art. 33); the party, when named.
    case consultation(party: String)
    /// A fee notice awaits payment.
    case feeNotice
}

/// One day of a deadline's trace: counted or not, and why.
public struct TraceDay: Sendable, Hashable {
    /// The day.
    public let date: CalendarDate
    /// What the calendar says it is.
    public let kind: DayKind
    /// Which working day of the period it is, when it counts.
    public let count: Int?
    /// Why it counts or not.
    public let reason: TraceReason
    /// Why it counts or not.
    public let note: String
    /// The case's events on that day.
    public let events: [String]
}

/// A due date as it stood after an event: every earlier due date is kept.
public struct DueDateChange: Sendable, Hashable {
    /// The event that changed it.
    public let event: String
    /// The event's day.
    public let date: CalendarDate
    /// The due date from then on; nil while the clock is stopped or the case awaits a correction.
    public let due: CalendarDate?
}

/// A consulted party's answer period.
public struct Consultation: Sendable, Hashable {
    /// Who was consulted.
    public let party: String
    /// When the letter went out.
    public let sent: CalendarDate
    /// When the answer arrived, if it has.
    public let answered: CalendarDate?
    /// The last day of the party's 15 working days to answer (Art. 32).
    public let answerBy: CalendarDate?
}

/// A case's due date and the trace that explains it: a pure function of its events, the rules and
/// the calendar.
public struct Deadline: Sendable {
    /// The receipt date (Art. 31).
    public let receipt: CalendarDate
    /// Why that is the receipt date.
    public let receiptNote: String
    /// The day the reply period runs from: the receipt, or the corrected request's arrival.
    public let runsFrom: CalendarDate
    /// Working days in the period, extension included.
    public let workingDays: Int
    /// The due date; nil while the clock is stopped or the case awaits a correction.
    public let due: CalendarDate?
    /// Working days still to count when `due` is nil.
    public let remainingWorkingDays: Int
    /// Where the case stands.
    public let state: CaseState
    /// Every day from the receipt to the due date (or to where the clock stopped).
    public let trace: [TraceDay]
    /// The due date after each event that changed it.
    public let history: [DueDateChange]
    /// Years the count ran into with no calendar loaded: the date is then provisional.
    public let uncoveredYears: [Int]
    /// The last day to ask for a correction (7 working days from receipt).
    public let correctionRequestBy: CalendarDate?
    /// The extension granted: working days and who approved it.
    public let extensionGranted: (days: Int, approvedBy: String?)?
    /// Consultations, in the order sent.
    public let consultations: [Consultation]
    /// The last day to pay an outstanding or paid fee notice.
    public let feeDueBy: CalendarDate?

    /// Whether the due date rests on a guessed calendar (a year with no notice loaded).
    public var isProvisional: Bool { !uncoveredYears.isEmpty }

    /// While the case waits on someone else, the last day they have: the applicant's correction or
    /// payment, a consulted party's answer. Past it, staff must act (deem it withdrawn, decide alone).
    public var waitingUntil: CalendarDate? {
        switch state {
        case .awaitingCorrection(_, let dueBy): return dueBy
        case .paused:
            let answers = consultations.filter { $0.answered == nil }.compactMap(\.answerBy)
            let payment = trace.last?.reason == .feeNotice ? feeDueBy : nil
            return (answers + [payment].compactMap { $0 }).min()
        case .open, .closed: return nil
        }
    }

    /// Whether the case was answered after its due date.
    public var repliedLate: Bool {
        guard case .closed(.replied, let on) = state, let due else { return false }
        return on > due
    }

    /// Whether the case is still open and past its due date on `today`.
    public func isOverdue(on today: CalendarDate) -> Bool {
        guard case .open = state, let due else { return false }
        return today > due
    }
}

/// An event that cannot happen at that point of the case.
public struct CaseEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event's position, 0-based.
    public let index: Int
    /// The event's name.
    public let event: String
    /// The event's day (nil when there is no event at all).
    public let date: CalendarDate?
    /// Why it cannot happen.
    public let reason: String

    public var description: String {
        guard let date else { return reason }
        return "event \(index + 1) (\(event) on \(date)): \(reason)"
    }
}
