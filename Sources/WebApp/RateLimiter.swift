import Foundation

/// Counts actions per key (an address, an applicant) over a sliding window and refuses past a
/// limit. In memory, per server process; bounded, so that a flood of new keys cannot grow it
/// without end.
actor RateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private let capacity: Int
    private var times: [String: [Date]] = [:]

    /// At most `limit` actions per key within `window` seconds.
    init(limit: Int, window: TimeInterval, capacity: Int = 50_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// Counts one action for every key, or none when any key is at its limit; returns the seconds
    /// to wait then.
    func admit(_ keys: [String], now: Date = Date()) -> Int? {
        let start = now.addingTimeInterval(-window)
        var waits: [TimeInterval] = []
        for key in keys {
            let recent = (times[key] ?? []).filter { $0 > start }
            times[key] = recent
            if recent.count >= limit, let oldest = recent.first { waits.append(oldest.timeIntervalSince(start)) }
        }
        if let wait = waits.max() { return max(1, Int(wait.rounded(.up))) }
        if times.count + keys.count > capacity { forgetOldest(now: now) }
        for key in keys { times[key, default: []].append(now) }
        return nil
    }

    /// Forgets keys with nothing in the window, and if that is not enough the tenth least recently
    /// seen, so that the sorting is paid once per tenth of the capacity, not on every request.
    private func forgetOldest(now: Date) {
        let start = now.addingTimeInterval(-window)
        times = times.filter { $0.value.contains { $0 > start } }
        guard times.count + capacity / 10 >= capacity else { return }
        let oldest = times.sorted { ($0.value.last ?? now) < ($1.value.last ?? now) }.prefix(max(1, capacity / 10)).map(\.key)
        for key in oldest { times[key] = nil }
    }
}
