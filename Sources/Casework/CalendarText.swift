import AnnualReport

/// A calendar file that cannot be read: the line and what is wrong with it.
public struct CalendarTextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number (0 for the file as a whole).
    public let line: Int
    /// What is wrong.
    public let reason: String

    public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
}

/// The calendar's text form, one year a block, so that an administrator can add next year's notice:
///
///     year 2026
///     source 国务院办公厅关于2026年部分节假日安排的通知
///     off 2026-01-01 2026-01-03 元旦
///     work 2026-01-04 元旦
///
/// `off FIRST [LAST] NAME` is a holiday's days off; `work DATE NAME` a weekend day worked instead.
/// `#` starts a comment.
public enum CalendarText {
    /// The years a calendar file holds.
    public static func parse(_ text: String) throws(CalendarTextError) -> [CalendarYear] {
        var parsed: [CalendarYear] = []
        var current: Draft?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = words.first else { continue }
            if keyword == "year" {
                if let draft = current { parsed.append(try draft.finished()) }
                guard words.count == 2, let year = Int(words[1]), (1990...2200).contains(year) else {
                    throw CalendarTextError(line: number, reason: "expected `year YYYY` with a year from 1990 to 2200")
                }
                if parsed.contains(where: { $0.year == year }) {
                    throw CalendarTextError(line: number, reason: "year \(year) appears twice")
                }
                current = Draft(year: year, line: number)
                continue
            }
            guard var draft = current else {
                throw CalendarTextError(line: number, reason: "`\(keyword)` before any `year` line")
            }
            try draft.take(keyword: keyword, words: Array(words.dropFirst()), line: number)
            current = draft
        }
        if let draft = current { parsed.append(try draft.finished()) }
        guard !parsed.isEmpty else { throw CalendarTextError(line: 0, reason: "no `year` block in the file") }
        return parsed
    }

    /// The text form of `years`, which `parse` reads back.
    public static func format(_ years: [CalendarYear]) -> String {
        var out = ""
        for year in years.sorted(by: { $0.year < $1.year }) {
            out += "year \(year.year)\nsource \(year.source)\n"
            for holiday in year.holidays {
                let span = holiday.first == holiday.last ? "\(holiday.first)" : "\(holiday.first) \(holiday.last)"
                out += "off \(span) \(holiday.name)\n"
            }
            for day in year.makeUpDays { out += "work \(day.date) \(day.holiday)\n" }
            out += "\n"
        }
        return out
    }

    private struct Draft {
        let year: Int
        let line: Int
        var source: String?
        var holidays: [CalendarYear.Holiday] = []
        var makeUpDays: [CalendarYear.MakeUpDay] = []

        init(year: Int, line: Int) {
            self.year = year
            self.line = line
        }

        /// A notice may reach into the previous December (元旦), never further.
        var window: ClosedRange<Int> {
            let first = CalendarDate(year: year - 1, month: 12, day: 1)?.dayNumber ?? 0
            let last = CalendarDate(year: year, month: 12, day: 31)?.dayNumber ?? 0
            return first...last
        }

        mutating func take(keyword: String, words: [String], line: Int) throws(CalendarTextError) {
            switch keyword {
            case "source":
                guard !words.isEmpty else { throw CalendarTextError(line: line, reason: "`source` needs the notice's title") }
                source = words.joined(separator: " ")
            case "off":
                let first = try date(words.first, line: line)
                var last = first
                var nameStart = 1
                if words.count > 1, let second = CalendarDate(iso: words[1]) {
                    last = second
                    nameStart = 2
                }
                guard last >= first, last.dayNumber - first.dayNumber < 31 else {
                    throw CalendarTextError(line: line, reason: "a holiday runs forward and lasts at most 31 days")
                }
                try inWindow(first, line: line)
                try inWindow(last, line: line)
                holidays.append(.init(name: try name(words, from: nameStart, line: line), first: first, last: last))
            case "work":
                let day = try date(words.first, line: line)
                try inWindow(day, line: line)
                guard day.weekday.isWeekend else {
                    throw CalendarTextError(
                        line: line, reason: "\(day) is a \(day.weekday.abbreviation): a make-up working day falls on a weekend")
                }
                makeUpDays.append(.init(holiday: try name(words, from: 1, line: line), date: day))
            default:
                throw CalendarTextError(line: line, reason: "unknown keyword `\(keyword)` (year, source, off, work)")
            }
        }

        func finished() throws(CalendarTextError) -> CalendarYear {
            guard let source else { throw CalendarTextError(line: line, reason: "year \(year) has no `source` line") }
            for day in makeUpDays {
                if let holiday = holidays.first(where: { $0.first <= day.date && day.date <= $0.last }) {
                    throw CalendarTextError(
                        line: line, reason: "\(day.date) is both a working day and a day off (\(holiday.name))")
                }
            }
            return CalendarYear(year: year, source: source, holidays: holidays, makeUpDays: makeUpDays)
        }

        private func date(_ word: String?, line: Int) throws(CalendarTextError) -> CalendarDate {
            guard let word, let date = CalendarDate(iso: word) else {
                throw CalendarTextError(line: line, reason: "expected a date YYYY-MM-DD, found `\(word ?? "")`")
            }
            return date
        }

        private func inWindow(_ date: CalendarDate, line: Int) throws(CalendarTextError) {
            guard window.contains(date.dayNumber) else {
                throw CalendarTextError(
                    line: line, reason: "\(date) is outside year \(year)'s notice (December \(year - 1) to December \(year))")
            }
        }

        private func name(_ words: [String], from index: Int, line: Int) throws(CalendarTextError) -> String {
            guard words.count > index else { throw CalendarTextError(line: line, reason: "the holiday's name is missing") }
            return words[index...].joined(separator: " ")
        }
    }
}
