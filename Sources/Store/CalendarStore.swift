import AnnualReport
import Casework
import Foundation
import SQLKit

/// A calendar year an administrator added.
public struct ImportedCalendarYear: Sendable, Equatable {
    public let year: Int
    public let importedBy: String
    public let importedAt: String
}

extension ReportStore {
    /// The working calendar: the shipped years, and the years an administrator added over them.
    public func workingCalendar() async throws -> WorkingCalendar {
        var calendar = WorkingCalendar.bundled
        for row in try await db.raw("SELECT text FROM calendar_years ORDER BY year").all() {
            for year in try CalendarText.parse(try row.decode(column: "text", as: String.self)) {
                calendar = calendar.adding(year)
            }
        }
        return calendar
    }

    /// Adds the years of a calendar file (replacing added years of the same number), logs it, and
    /// recomputes the due dates of open cases; returns the years.
    @discardableResult
    public func importCalendar(_ text: String, by user: String) async throws -> [Int] {
        let years = try CalendarText.parse(text)
        try await transaction {
            for year in years {
                try await self.db.raw("DELETE FROM calendar_years WHERE year = \(bind: year.year)").run()
                try await self.db.raw(
                    "INSERT INTO calendar_years (year, text, imported_by, imported_at) VALUES (\(bind: year.year), \(bind: CalendarText.format([year])), \(bind: Self.bounded(user, 64)), \(bind: Self.now()))"
                ).run()
            }
            let unfit = try await self.recomputeOpenCases()
            try await self.log(
                user: user, action: "import-calendar", target: years.map { "\($0.year)" }.joined(separator: ", "),
                detail: years.map(\.source).joined(separator: "; ")
                    + (unfit.isEmpty ? "" : "; events of cases \(unfit.map(String.init).joined(separator: ", ")) no longer fit"))
        }
        return years.map(\.year)
    }

    /// The years added over the shipped calendar.
    public func importedCalendarYears() async throws -> [ImportedCalendarYear] {
        try await db.raw("SELECT year, imported_by, imported_at FROM calendar_years ORDER BY year").all().map {
            ImportedCalendarYear(
                year: try $0.decode(column: "year", as: Int.self),
                importedBy: try $0.decode(column: "imported_by", as: String.self),
                importedAt: try $0.decode(column: "imported_at", as: String.self))
        }
    }
}
