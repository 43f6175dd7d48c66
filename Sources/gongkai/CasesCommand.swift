import AnnualReport
import ArgumentParser
import Casework
import Foundation
import ReportWriter
import Store
import WebApp

/// Disclosure requests in the library: file them, record what happens, see where they stand.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Disclosure requests on the Regulation's clock: add, record events, show, list, table 三.",
        discussion: """
            Examples:
              gongkai cases add --agency 某市统计局 --applicant 张三 --received 2025-09-26 --channel in-person \\
                  --description "2024年统计公报原始数据"
              gongkai cases event 1 extension:2025-10-20:10 --approved-by 王主任
              gongkai cases event 1 replied:2025-11-03:partly-granted
              gongkai cases show 1
              gongkai cases list --filter overdue
              gongkai cases table --year 2025 --agency 某市统计局
              gongkai cases notices 1 --save notices/      the notices as Word and PDF
            """,
        subcommands: [Add.self, Event.self, Show.self, List.self, Table.self, Notices.self, Numbering.self]
    )

    /// Runs `body` on the library and closes it, also when `body` fails.
    static func withStore<T>(_ library: LibraryOptions, _ body: (ReportStore) async throws -> T) async throws -> T {
        let store = try await library.open()
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch let error as CaseError {
            try? await store.close()
            throw ValidationError(error.description)
        } catch {
            try? await store.close()
            throw error
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File a request received by paper, post, fax, in person or online.")

        @OptionGroup var library: LibraryOptions
        @Option(help: "The agency handling it.") var agency: String
        @Option(help: "The applicant's name (a citizen's, or an organisation's).") var applicant: String
        @Option(help: "natural_person, commercial, research, social_welfare, legal_services or other_org.")
        var applicantType = "natural_person"
        @Option(help: "The information wanted.") var description: String
        @Option(help: "How the applicant wants it (纸质, 电子邮件 …).") var delivery = "电子邮件"
        @Option(help: "YYYY-MM-DD or YYYY-MM-DDTHH:MM.") var received: String
        @Option(help: "in-person, post, post-unsigned, online or fax.") var channel: String
        @Option(help: "Who files it, for the audit log.") var by = "cli"

        func run() async throws {
            let receipt = try DeadlineCommand.receipt(received)
            guard let channel = Channel(rawValue: channel) else {
                throw ValidationError("--channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let type = ApplicantType(rawValue: applicantType) else {
                throw ValidationError(
                    "--applicant-type must be one of \(ApplicantType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let new = NewCase(
                agency: agency, applicantType: type, applicantName: applicant, description: description, delivery: delivery,
                channel: channel, received: receipt.date, time: receipt.time)
            let stored = try await CasesCommand.withStore(library) {
                try await $0.fileCase(new, by: by, notAfter: CasesCommand.systemToday)
            }
            print("\(stored.id)\t\(stored.trackingCode)\tdue \(stored.due?.description ?? "—")")
        }
    }

    struct Event: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an event: KIND:DATE[:VALUE], as `gongkai deadline --event` takes it.")

        @OptionGroup var library: LibraryOptions
        @Argument(help: "The case's id.") var id: Int
        @Argument(help: "KIND:DATE[:VALUE].") var event: String
        @Option(help: "For an extension: who approved it (the head of the disclosure office).") var approvedBy: String?
        @Option(help: "A note kept with the event.") var note = ""
        @Option(help: "Who records it, for the audit log.") var by = "cli"

        func run() async throws {
            var parsed = try DeadlineCommand.event(event)
            if case .extensionApproved(let days, _) = parsed.kind {
                guard let approvedBy else { throw ValidationError("an extension needs --approved-by (Art. 33)") }
                parsed = CaseEvent(.extensionApproved(workingDays: days, approvedBy: approvedBy), on: parsed.date)
            }
            let stored = try await CasesCommand.withStore(library) {
                try await $0.recordEvent(caseID: id, parsed, note: note, by: by, notAfter: CasesCommand.systemToday)
            }
            print("\(stored.id)\t\(stored.state)\tdue \(stored.due?.description ?? "—")")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A case: its events, its due date and the trace.")

        @OptionGroup var library: LibraryOptions
        @Argument(help: "The case's id.") var id: Int
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (stored, events, deadline) = try await CasesCommand.withStore(library) { store in
                guard let stored = try await store.caseRecord(id: id) else { throw CaseError(description: "没有编号为 \(id) 的申请") }
                return (stored, try await store.caseEvents(id: id), try await store.caseDeadline(id: id))
            }
            if json {
                let eventList: [JSONValue] = events.map { event in
                    let value: JSONValue = event.event.kind.parameter.map(JSONValue.string) ?? .null
                    return .object([
                        ("seq", .number("\(event.seq)")), ("event", .string(event.event.kind.name)),
                        ("date", .string(event.event.date.description)), ("value", value), ("note", .string(event.note)),
                        ("recordedBy", .string(event.recordedBy)),
                    ])
                }
                let object = JSONValue.object([
                    ("id", .number("\(stored.id)")), ("agency", .string(stored.agency)),
                    ("applicant", .string(stored.applicantName)),
                    ("applicantType", .string(stored.applicantType.rawValue)), ("description", .string(stored.description)),
                    ("events", .array(eventList)), ("deadline", deadline.json),
                ])
                print(object.serialized())
                return
            }
            print(
                "Case \(stored.id) · \(stored.agency) · \(stored.applicantName) (\(stored.applicantType.title)) · \(stored.state)"
            )
            print(stored.description)
            print("Events:")
            for event in events {
                print(
                    "  \(event.seq). \(event.event.date) \(event.event.kind)" + (event.note.isEmpty ? "" : " — \(event.note)")
                        + " [\(event.recordedBy)]")
            }
            print(DeadlineText.render(deadline), terminator: "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The worklist: by due date, overdue and due soon marked.")

        @OptionGroup var library: LibraryOptions
        @Option(help: "Only this agency.") var agency: String?
        @Option(help: "active, due-soon, overdue, closed or all.") var filter = "active"
        @Option(help: "Today, for due-soon and overdue (default: the system date).") var today: String?
        @Option(help: "At most this many.") var limit = 100

        func run() async throws {
            guard let filter = WorklistFilter(rawValue: filter) else {
                throw ValidationError(
                    "--filter must be one of \(WorklistFilter.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let day = today.map({ CalendarDate(iso: $0) }) ?? CasesCommand.systemToday else {
                throw ValidationError("--today must be YYYY-MM-DD")
            }
            let cases = try await CasesCommand.withStore(library) {
                try await $0.worklist(agency: agency, filter: filter, today: day, limit: max(1, min(limit, 10_000)))
            }
            for c in cases {
                let mark = c.state == "open" && (c.due.map { $0 < day } ?? false) ? "OVERDUE" : ""
                print(
                    "\(c.id)\t\(c.due?.description ?? "—")\t\(c.state)\t\(mark)\t\(c.agency)\t\(c.applicantName)\t\(c.outcome?.title ?? "")"
                )
            }
        }
    }

    struct Table: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Table 三 of a year, counted from the cases.")

        @OptionGroup var library: LibraryOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "Only this agency.") var agency: String?
        @Flag(help: "Print the table's cells as JSON, with the cases behind each.") var json = false

        func run() async throws {
            guard (1990...2200).contains(year) else { throw ValidationError("--year must be from 1990 to 2200") }
            let table = try await CasesCommand.withStore(library) { try await $0.requestsTable(agency: agency, year: year) }
            let keys = table.report.format.cells.filter { $0.table == .requests }.map(\.key)
            if json {
                print(
                    JSONValue.array(
                        keys.map { key in
                            .object([
                                ("key", .string(key)), ("value", .number("\(table.report.cell(key)?.value?.integerValue ?? 0)")),
                                ("cases", .array((table.casesByCell[key] ?? []).map { .number("\($0)") })),
                            ])
                        }
                    ).serialized())
                return
            }
            if let grid = StatutoryGrid.all(table.report).first(where: { $0.table == .requests }) {
                print(MarkdownWriter.table(grid), terminator: "")
            }
        }
    }

    struct Notices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The notices (告知书) a case's events sent; --save writes them as Word, PDF and HTML.")

        @OptionGroup var library: LibraryOptions
        @Argument(help: "The case's id.") var id: Int
        @Option(help: "A folder to write each notice to, as .docx, .pdf (printed now if waiting) and .html.") var save: String?

        func run() async throws {
            let folder = save
            let notices = try await CasesCommand.withStore(library) { store in
                if folder != nil { try await WebApp.printWaitingNotices(store: store) }
                let notices = try await store.notices(caseID: id)
                if let folder {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    for notice in notices {
                        for format in ["docx", "pdf", "html"] {
                            guard let bytes = try await store.noticeFile(caseID: id, seq: notice.seq, format: format) else {
                                continue
                            }
                            let path = URL(fileURLWithPath: folder).appendingPathComponent(
                                "\(id)-\(notice.seq)-\(notice.kind.rawValue).\(format)")
                            try Data(bytes).write(to: path)
                        }
                    }
                }
                return notices
            }
            for notice in notices {
                let pdf = notice.hasPDF ? "pdf" : notice.pdfError.map { "no pdf: \($0)" } ?? "pdf waiting"
                print("\(notice.seq)\t\(notice.number)\t\(notice.title)\t\(notice.addressee)\t\(pdf)")
            }
        }
    }

    struct Numbering: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an agency's 文号 pattern for its notices: {year} and {n} (and {agency}) are filled in.",
            discussion:
                "Default: \(ReportStore.defaultNoticePattern)\nExample: gongkai cases numbering --agency 某市统计局 --pattern \"某统依公开〔{year}〕第{n}号\""
        )

        @OptionGroup var library: LibraryOptions
        @Option(help: "The agency.") var agency: String
        @Option(help: "The pattern, holding {n}.") var pattern: String
        @Option(help: "Who sets it, for the audit log.") var by = "cli"

        func run() async throws {
            try await CasesCommand.withStore(library) { try await $0.setNoticePattern(agency: agency, pattern: pattern, by: by) }
        }
    }

    static var systemToday: CalendarDate? { ChinaTime.at(secondsSince1970: Int(Date().timeIntervalSince1970))?.date }
}
