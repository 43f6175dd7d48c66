import AnnualReport
import ReportWriter

extension Deadline {
    /// The deadline as JSON: the due date, where it runs from, the state, every earlier due date and
    /// the day-by-day trace.
    public var json: JSONValue {
        func date(_ date: CalendarDate?) -> JSONValue { date.map { .string($0.description) } ?? .null }
        var fields: [(String, JSONValue)] = [
            ("due", date(due)),
            ("received", date(receipt)),
            ("receiptRule", .string(receiptNote)),
            ("runsFrom", date(runsFrom)),
            ("workingDays", .number("\(workingDays)")),
            ("remainingWorkingDays", .number("\(remainingWorkingDays)")),
            ("state", .string(state.name)),
        ]
        switch state {
        case .closed(let outcome, let on):
            fields += [("closedOn", date(on)), ("outcome", .string(outcome.title)), ("repliedLate", .bool(repliedLate))]
        case .awaitingCorrection(let requestedOn, let dueBy):
            fields += [("correctionRequested", date(requestedOn)), ("correctionDueBy", date(dueBy))]
        case .paused(let reasons):
            fields.append(("pausedFor", .array(reasons.map(JSONValue.string))))
        case .open: break
        }
        fields += [
            ("provisional", .bool(isProvisional)),
            ("uncoveredYears", .array(uncoveredYears.map { .number("\($0)") })),
            ("correctionRequestBy", date(correctionRequestBy)),
            (
                "extension",
                extensionGranted.map {
                    .object([
                        ("workingDays", .number("\($0.days)")), ("approvedBy", $0.approvedBy.map(JSONValue.string) ?? .null),
                    ])
                } ?? .null
            ),
            (
                "consultations",
                .array(
                    consultations.map {
                        .object([
                            ("party", .string($0.party)), ("sent", date($0.sent)), ("answered", date($0.answered)),
                            ("answerBy", date($0.answerBy)),
                        ])
                    })
            ),
            ("feeDueBy", date(feeDueBy)),
            (
                "history",
                .array(history.map { .object([("event", .string($0.event)), ("date", date($0.date)), ("due", date($0.due))]) })
            ),
            ("trace", .array(trace.map(\.json))),
        ]
        return .object(fields)
    }
}

extension TraceDay {
    /// One day of the trace as JSON.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("date", .string(date.description)), ("weekday", .string(date.weekday.abbreviation)), ("day", .string(kind.name)),
        ]
        switch kind {
        case .holiday(let name), .makeUpWorkingDay(let name): fields.append(("holiday", .string(name)))
        default: break
        }
        fields += [
            ("count", count.map { .number("\($0)") } ?? .null), ("note", .string(note)),
            ("events", .array(events.map(JSONValue.string))),
        ]
        return .object(fields)
    }
}

extension DayKind {
    /// `working`, `make-up`, `weekend`, `holiday` or `uncovered`.
    public var name: String {
        switch self {
        case .working: "working"
        case .makeUpWorkingDay: "make-up"
        case .weekend: "weekend"
        case .holiday: "holiday"
        case .uncovered: "uncovered"
        }
    }
}
