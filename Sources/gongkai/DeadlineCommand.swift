import AnnualReport
import ArgumentParser
import Casework
import Foundation

/// The calculator disclosure staff ask for: a due date and why.
struct DeadlineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "The reply due date of a request on the national working calendar, with its day-by-day trace.",
        discussion: """
            KIND is one of correction-requested, correction-received, consultation-sent, consultation-answered,
            extension, fee-notice-sent, fee-paid (and correction-overdue, fee-not-paid, replied, withdrawn).
            A third part is the event's value: the extension's working days (default 20), the fee in yuan,
            the consulted party, the correction's deadline, the reply kind.

            Examples:
              gongkai deadline --received 2025-09-26 --channel in-person
              gongkai deadline --received 2025-01-24T18:00 --channel online --json
              gongkai deadline --received 2025-09-26 --channel post --event consultation-sent:2025-10-09 \\
                  --event consultation-answered:2025-10-20 --event extension:2025-11-03:10
            """
    )

    @Option(help: "The day (and time) the request arrived: YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    var received: String

    @Option(help: "in-person, post, post-unsigned, online or fax.")
    var channel: String

    @Option(name: .customLong("event"), help: "KIND:DATE[:VALUE], in date order; repeat for each event.")
    var events: [String] = []

    @Option(help: "A calendar file with more years (`gongkai calendar show` prints the form).")
    var calendar: String?

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print JSON: {\"due\": …, \"trace\": […], …}.")
    var json = false

    func run() async throws {
        let receipt = try Self.receipt(received)
        guard let channel = Channel(rawValue: channel) else {
            throw ValidationError(
                "--channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")), not “\(channel)”")
        }
        var caseEvents = [CaseEvent(.received(channel), on: receipt.date, at: receipt.time)]
        for text in events { caseEvents.append(try Self.event(text)) }
        let workingCalendar = try await CalendarSource(file: calendar, library: library).calendar()
        let deadline: Deadline
        do {
            deadline = try Deadline.compute(events: caseEvents, calendar: workingCalendar)
        } catch {
            throw ValidationError("\(error)")
        }
        print(json ? deadline.json.serialized() : DeadlineText.render(deadline), terminator: json ? "\n" : "")
    }

    static func receipt(_ text: String) throws -> (date: CalendarDate, time: TimeOfDay?) {
        do {
            return try CaseEvent.receipt(text: text)
        } catch {
            throw ValidationError("--received: \(error.description)")
        }
    }

    static func event(_ text: String) throws -> CaseEvent {
        do {
            return try CaseEvent(text: text)
        } catch {
            throw ValidationError("--event \(text): \(error.description)")
        }
    }
}

/// A deadline as the terminal shows it.
enum DeadlineText {
    static func render(_ deadline: Deadline) -> String {
        var out = ""
        if let due = deadline.due {
            out += "Due \(due) (\(due.weekday.abbreviation))" + (deadline.isProvisional ? ", provisional" : "")
        } else {
            out += "No due date while \(deadline.state.name): \(deadline.remainingWorkingDays) working days left to count"
        }
        out += ": \(deadline.workingDays) working days from \(deadline.runsFrom)\n"
        out += "Received \(deadline.receipt): \(deadline.receiptNote)\n"
        if case .closed(let outcome, let on) = deadline.state {
            out += "Closed \(on): \(outcome.title)" + (deadline.repliedLate ? " (late)" : "") + "\n"
        }
        if !deadline.uncoveredYears.isEmpty {
            out +=
                "No calendar loaded for \(deadline.uncoveredYears.map(String.init).joined(separator: ", ")): holidays there unknown, weekdays counted.\n"
        }
        if deadline.history.count > 1 {
            out += "Due dates:\n"
            for change in deadline.history {
                out += "  \(change.date) \(change.event): \(change.due?.description ?? "clock stopped")\n"
            }
        }
        out += "Trace:\n"
        for day in deadline.trace {
            let count = day.count.map { String(repeating: " ", count: max(0, 2 - "\($0)".count)) + "\($0)" } ?? "  "
            let events = day.events.isEmpty ? "" : "  ← " + day.events.joined(separator: "; ")
            out += "  \(day.date) \(day.date.weekday.abbreviation) \(count)  \(day.note)\(events)\n"
        }
        return out
    }
}
