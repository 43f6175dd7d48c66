import AnnualReport

/// How a request reached the agency; it decides the receipt date (Art. 31).
public enum Channel: String, Sendable, CaseIterable, Codable {
    case inPerson = "in-person"
    case post
    case postUnsigned = "post-unsigned"
    case online
    case fax

    /// The receipt rule, as the trace states it.
    public var receiptRule: String {
        switch self {
        case .inPerson: "in person: received the day it is handed in (Art. 31(一))"
        case .post: "by post: received the day the agency signs for it (Art. 31(二))"
        case .postUnsigned: "by ordinary post: received the day the office confirms it, the day it arrives (Art. 31(二))"
        case .online: "online: received the day both sides confirm it (Art. 31(三))"
        case .fax: "by the office's fax: received the day both sides confirm it (Art. 31(三))"
        }
    }
}

/// A time of day, to the minute.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// 0–23.
    public let hour: Int
    /// 0–59.
    public let minute: Int

    /// A time; nil when it does not exist.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// A time written in the code, known to exist.
    init(constantHour hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM`.
    public init?(text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

/// What happened to a request.
public enum CaseEventKind: Sendable, Hashable {
    /// The request arrived, by this channel.
    case received(Channel)
    /// The applicant was asked, once, to correct the request, by this date if the notice sets one.
    case correctionRequested(dueBy: CalendarDate?)
    /// The corrected request arrived: the reply period starts again.
    case correctionReceived
    /// The applicant did not correct in time: the request is deemed withdrawn.
    case correctionOverdue
    /// A consultation letter went to a third party (15 working days to answer) or another agency.
    case consultationSent(party: String)
    /// The consulted party answered.
    case consultationAnswered(party: String)
    /// The head of the disclosure office approved an extension (once, at most 20 working days).
    case extensionApproved(workingDays: Int, approvedBy: String?)
    /// A fee notice went out, for this amount in yuan where stated.
    case feeNoticeSent(yuan: Int?)
    /// The applicant paid.
    case feePaid
    /// The applicant did not pay within 20 working days: the request is deemed withdrawn.
    case feeNotPaid
    /// The agency replied.
    case replied(ReplyKind)
    /// The applicant withdrew the request.
    case withdrawn

    /// The event's name on the command line and in the API.
    public var name: String {
        switch self {
        case .received: "received"
        case .correctionRequested: "correction-requested"
        case .correctionReceived: "correction-received"
        case .correctionOverdue: "correction-overdue"
        case .consultationSent: "consultation-sent"
        case .consultationAnswered: "consultation-answered"
        case .extensionApproved: "extension"
        case .feeNoticeSent: "fee-notice-sent"
        case .feePaid: "fee-paid"
        case .feeNotPaid: "fee-not-paid"
        case .replied: "replied"
        case .withdrawn: "withdrawn"
        }
    }
}

/// An event of a case, on a day (and for receipts, at a time).
public struct CaseEvent: Sendable, Hashable {
    /// What happened.
    public let kind: CaseEventKind
    /// The day it happened.
    public let date: CalendarDate
    /// The time, where it matters (online and fax receipts after hours).
    public let time: TimeOfDay?

    /// An event.
    public init(_ kind: CaseEventKind, on date: CalendarDate, at time: TimeOfDay? = nil) {
        self.kind = kind
        self.date = date
        self.time = time
    }
}
