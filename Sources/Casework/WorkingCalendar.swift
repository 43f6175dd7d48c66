import AnnualReport

/// One year's State Council holiday notice: the days off and the weekend days worked instead.
public struct CalendarYear: Sendable, Hashable {
    /// A holiday: its name and the days off, inclusive (weekends inside included).
    public struct Holiday: Sendable, Hashable {
        /// 春节, 国庆 …
        public let name: String
        /// The first day off.
        public let first: CalendarDate
        /// The last day off.
        public let last: CalendarDate

        /// A holiday.
        public init(name: String, first: CalendarDate, last: CalendarDate) {
            self.name = name
            self.first = first
            self.last = last
        }
    }

    /// A weekend day worked to make up for a holiday (调休上班).
    public struct MakeUpDay: Sendable, Hashable {
        /// The holiday it makes up for.
        public let holiday: String
        /// The day.
        public let date: CalendarDate

        /// A make-up working day.
        public init(holiday: String, date: CalendarDate) {
            self.holiday = holiday
            self.date = date
        }
    }

    /// The year the notice covers.
    public let year: Int
    /// The notice, e.g. 国务院办公厅关于2025年部分节假日安排的通知, and any later change to it.
    public let source: String
    /// The holidays.
    public let holidays: [Holiday]
    /// The make-up working days.
    public let makeUpDays: [MakeUpDay]

    /// A year's calendar.
    public init(year: Int, source: String, holidays: [Holiday], makeUpDays: [MakeUpDay]) {
        self.year = year
        self.source = source
        self.holidays = holidays
        self.makeUpDays = makeUpDays
    }
}

/// What a day is in the national working calendar.
public enum DayKind: Sendable, Hashable {
    /// Monday–Friday, no holiday.
    case working
    /// A weekend day worked to make up for a holiday.
    case makeUpWorkingDay(holiday: String)
    /// Saturday or Sunday.
    case weekend
    /// A statutory holiday's day off.
    case holiday(String)
    /// A day in a year whose notice is not loaded: only its weekday is known.
    case uncovered(weekdayIsWorking: Bool)

    /// Whether the day counts as a working day (for an uncovered day, by its weekday alone).
    public var isWorking: Bool {
        switch self {
        case .working, .makeUpWorkingDay: true
        case .weekend, .holiday: false
        case .uncovered(let working): working
        }
    }
}

/// The national working calendar: Monday–Friday, minus the holidays, plus the make-up working days.
public struct WorkingCalendar: Sendable {
    /// The loaded years, by year.
    public let years: [Int: CalendarYear]
    private let listed: [Int: DayKind]

    /// A calendar of these years; a later year of the same number replaces an earlier one.
    public init(_ years: [CalendarYear]) {
        var byYear: [Int: CalendarYear] = [:]
        for year in years { byYear[year.year] = year }
        self.years = byYear
        var listed: [Int: DayKind] = [:]
        for year in byYear.keys.sorted() {
            guard let entry = byYear[year] else { continue }
            for holiday in entry.holidays {
                for day in holiday.first.dayNumber...max(holiday.first.dayNumber, holiday.last.dayNumber) {
                    listed[day] = .holiday(holiday.name)
                }
            }
            for makeUp in entry.makeUpDays { listed[makeUp.date.dayNumber] = .makeUpWorkingDay(holiday: makeUp.holiday) }
        }
        self.listed = listed
    }

    /// What `date` is.
    public func kind(of date: CalendarDate) -> DayKind {
        if let kind = listed[date.dayNumber] { return kind }
        let weekend = date.weekday.isWeekend
        guard years[date.year] != nil else { return .uncovered(weekdayIsWorking: !weekend) }
        return weekend ? .weekend : .working
    }

    /// This calendar with `year` added, replacing a loaded year of the same number.
    public func adding(_ year: CalendarYear) -> WorkingCalendar {
        WorkingCalendar(years.values.sorted { $0.year < $1.year }.filter { $0.year != year.year } + [year])
    }
}

extension WorkingCalendar {
    /// The first working day after `date`.
    public func workingDay(after date: CalendarDate) -> CalendarDate? { nthWorkingDay(1, after: date) }

    /// The `n`-th working day after `date` (that day itself not counted); nil past the supported years.
    public func nthWorkingDay(_ n: Int, after date: CalendarDate) -> CalendarDate? {
        var counted = 0
        var day = date
        while counted < n {
            guard let next = day.adding(days: 1) else { return nil }
            day = next
            if kind(of: day).isWorking { counted += 1 }
        }
        return day
    }
}
