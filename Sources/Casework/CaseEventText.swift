import AnnualReport

/// An event kind that cannot be read: what was given and what is expected.
public struct CaseEventTextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let description: String
}

extension CaseEventKind {
    /// Every event name, in the order a case usually meets them.
    public static let names = [
        "received", "correction-requested", "correction-received", "correction-overdue", "consultation-sent",
        "consultation-answered", "extension", "fee-notice-sent", "fee-paid", "fee-not-paid", "replied", "withdrawn",
    ]

    /// The event's one parameter as text: the channel, the correction's deadline, the party, the
    /// extension's days, the fee in yuan or the reply kind; nil when it has none.
    public var parameter: String? {
        switch self {
        case .received(let channel): channel.rawValue
        case .correctionRequested(let dueBy): dueBy?.description
        case .consultationSent(let party), .consultationAnswered(let party): party.isEmpty ? nil : party
        case .extensionApproved(let days, _): "\(days)"
        case .feeNoticeSent(let yuan): yuan.map { "\($0)" }
        case .replied(let kind): kind.rawValue
        case .correctionReceived, .correctionOverdue, .feePaid, .feeNotPaid, .withdrawn: nil
        }
    }

    /// The event named `name` with its parameter (see `parameter`); an extension's approver apart.
    public init(name: String, parameter: String?, approvedBy: String? = nil) throws(CaseEventTextError) {
        let value = parameter.map { String($0.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        switch name {
        case "received":
            guard let value, let channel = Channel(rawValue: value) else {
                throw CaseEventTextError(
                    description: "received needs a channel: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self = .received(channel)
        case "correction-requested":
            guard let value else {
                self = .correctionRequested(dueBy: nil)
                return
            }
            guard let date = CalendarDate(iso: value) else {
                throw CaseEventTextError(
                    description: "correction-requested takes the correction's deadline as YYYY-MM-DD, not “\(value)”")
            }
            self = .correctionRequested(dueBy: date)
        case "correction-received": self = .correctionReceived
        case "correction-overdue": self = .correctionOverdue
        case "consultation-sent": self = .consultationSent(party: value ?? "")
        case "consultation-answered": self = .consultationAnswered(party: value ?? "")
        case "extension":
            guard let days = Int(value ?? "20"), (1...20).contains(days) else {
                throw CaseEventTextError(description: "an extension is 1 to 20 working days, not “\(value ?? "")”")
            }
            self = .extensionApproved(workingDays: days, approvedBy: approvedBy)
        case "fee-notice-sent":
            guard let value else {
                self = .feeNoticeSent(yuan: nil)
                return
            }
            guard let yuan = Int(value), (1...10_000_000).contains(yuan) else {
                throw CaseEventTextError(description: "a fee notice's amount is whole yuan from 1 to 10000000, not “\(value)”")
            }
            self = .feeNoticeSent(yuan: yuan)
        case "fee-paid": self = .feePaid
        case "fee-not-paid": self = .feeNotPaid
        case "replied":
            guard let value, let kind = ReplyKind(rawValue: value) else {
                throw CaseEventTextError(
                    description: "replied needs a reply kind: \(ReplyKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self = .replied(kind)
        case "withdrawn": self = .withdrawn
        default:
            throw CaseEventTextError(description: "unknown event “\(name)”: one of \(Self.names.joined(separator: ", "))")
        }
    }
}

extension CaseEvent {
    /// Parses `KIND:YYYY-MM-DD[:VALUE]`, the form the command line and the calculator API take.
    public init(text: String) throws(CaseEventTextError) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let date = CalendarDate(iso: parts[1]) else {
            throw CaseEventTextError(description: "an event is KIND:YYYY-MM-DD[:VALUE], not “\(text.prefix(80))”")
        }
        self.init(try CaseEventKind(name: parts[0], parameter: parts.count > 2 ? parts[2] : nil), on: date)
    }

    /// Parses a receipt's day and time: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    public static func receipt(text: String) throws(CaseEventTextError) -> (date: CalendarDate, time: TimeOfDay?) {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard let first = parts.first, let date = CalendarDate(iso: first) else {
            throw CaseEventTextError(description: "a receipt is YYYY-MM-DD or YYYY-MM-DDTHH:MM, not “\(text.prefix(80))”")
        }
        guard parts.count == 2 else { return (date, nil) }
        guard let time = TimeOfDay(text: parts[1]) else {
            throw CaseEventTextError(description: "a receipt's time is HH:MM, not “\(parts[1].prefix(20))”")
        }
        return (date, time)
    }
}
