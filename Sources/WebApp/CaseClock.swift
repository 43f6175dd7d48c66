import AnnualReport
import Casework
import Foundation
import Hummingbird

/// Today and the time in China, where every request is received; tests fix it.
public struct CaseClock: Sendable {
    private let read: @Sendable () -> (date: CalendarDate, time: TimeOfDay)?

    /// A clock that reads `read`: nil when the time is outside the years a calendar can hold.
    public init(_ read: @escaping @Sendable () -> (date: CalendarDate, time: TimeOfDay)?) { self.read = read }

    /// A clock that always says this day and time.
    public static func fixed(_ date: CalendarDate, _ time: TimeOfDay) -> CaseClock { CaseClock { (date, time) } }

    /// The system clock, in China Standard Time.
    public static let china = CaseClock { ChinaTime.at(secondsSince1970: Int(Date().timeIntervalSince1970)) }

    /// Now; a 500 when the system clock is outside the years the calendar can hold.
    func now() throws -> (date: CalendarDate, time: TimeOfDay) {
        guard let now = read() else { throw HTTPError(.internalServerError, message: "系统时钟超出 1900–2200 年") }
        return now
    }
}
