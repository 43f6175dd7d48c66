import ArgumentParser
import Casework
import Foundation
import Store

/// The working calendar a command counts on: the shipped years, the library's added years (when
/// there is a library), and a file's.
struct CalendarSource {
    let file: String?
    let library: LibraryOptions

    func calendar() async throws -> WorkingCalendar {
        var calendar = WorkingCalendar.bundled
        if library.exists {
            let store = try await library.open()
            do {
                calendar = try await store.workingCalendar()
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
        }
        if let file {
            let text = try Inputs.text(of: file)
            do {
                for year in try CalendarText.parse(text) { calendar = calendar.adding(year) }
            } catch {
                throw ValidationError("\(file): \(error)")
            }
        }
        return calendar
    }
}

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The national working calendar deadlines are counted on: show it, or add a year's notice.",
        subcommands: [Show.self, ImportYear.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the calendar in the form `calendar import` reads (the shipped years and the library's).")

        @OptionGroup var library: LibraryOptions

        @Option(help: "Only this year.")
        var year: Int?

        func run() async throws {
            let calendar = try await CalendarSource(file: nil, library: library).calendar()
            let years = calendar.years.values.filter { year == nil || $0.year == year }
            guard !years.isEmpty else { throw ValidationError("no calendar loaded for \(year.map(String.init) ?? "any year")") }
            print(CalendarText.format(Array(years)), terminator: "")
        }
    }

    struct ImportYear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the years of a calendar file to the library (replacing ones of the same number).",
            discussion: """
                The file holds one block a year, from the State Council's notice:
                  year 2027
                  source 国务院办公厅关于2027年部分节假日安排的通知
                  off 2027-01-01 2027-01-03 元旦
                  work 2027-01-04 元旦
                Open cases' due dates are recomputed.
                """)

        @OptionGroup var library: LibraryOptions

        @Argument(help: "The calendar file.")
        var file: String

        @Option(help: "Who adds it, for the audit log.")
        var by = "cli"

        func run() async throws {
            let text = try Inputs.text(of: file)
            let store = try await library.open()
            do {
                let years = try await store.importCalendar(text, by: by)
                try await store.close()
                Inputs.printStatus("已加入工作日历：\(years.map(String.init).joined(separator: "、")) 年（资料库 \(library.name)）")
            } catch let error as CalendarTextError {
                try? await store.close()
                throw ValidationError("\(file): \(error)")
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}
