import AnnualReport

/// The day and time in China (UTC+8 all year, no daylight saving), where every request is received.
public enum ChinaTime {
    /// The day and time `seconds` after 1970-01-01 UTC; nil outside the years a calendar date holds.
    public static func at(secondsSince1970 seconds: Int) -> (date: CalendarDate, time: TimeOfDay)? {
        guard (-(1 << 50)..<(1 << 50)).contains(seconds) else { return nil }
        let local = seconds + 8 * 3600
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let minutes = (local - days * 86_400) / 60
        guard let date = CalendarDate(dayNumber: days), let time = TimeOfDay(hour: minutes / 60, minute: minutes % 60) else {
            return nil
        }
        return (date, time)
    }
}
