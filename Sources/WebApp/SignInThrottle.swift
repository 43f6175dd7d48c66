import Foundation

/// Failed sign-ins counted per account and per address over a sliding window: past the limit the
/// account (or address) is locked for a while, whatever password comes next. Kept in memory, per
/// server process; bounded, so that a flood of made-up names cannot grow it without end.
actor SignInThrottle {
    struct Policy: Sendable {
        var failuresPerAccount = 5
        var failuresPerAddress = 20
        var window: TimeInterval = 15 * 60
        var lockout: TimeInterval = 15 * 60
        /// Keys kept at most; past it the oldest are forgotten first.
        var capacity = 50_000
    }

    private struct Record {
        var failures: [Date] = []
        var lockedUntil: Date?
        var lastSeen: Date
    }

    private let policy: Policy
    private var records: [String: Record] = [:]

    init(policy: Policy = Policy()) { self.policy = policy }

    /// Accounts and addresses remembered.
    var count: Int { records.count }

    /// Seconds until an attempt for this account from this address may be tried; nil when it may now.
    func wait(account: String, address: String, now: Date = Date()) -> Int? {
        let until = [Self.accountKey(account), Self.addressKey(address)].compactMap { records[$0]?.lockedUntil }
            .filter { $0 > now }.max()
        return until.map { max(1, Int($0.timeIntervalSince(now).rounded(.up))) }
    }

    /// One attempt, checked and counted at once (so that attempts sent side by side are all
    /// counted): the seconds to wait when locked, else nil, the attempt counted as a failure until
    /// `succeeded` takes it back.
    func admit(account: String, address: String, now: Date = Date()) -> (wait: Int?, locked: Bool) {
        if let wait = wait(account: account, address: address, now: now) { return (wait, false) }
        return (nil, failed(account: account, address: address, now: now))
    }

    /// Counts a failure; returns true when it locked the account or the address.
    func failed(account: String, address: String, now: Date = Date()) -> Bool {
        let a = count(Self.accountKey(account), limit: policy.failuresPerAccount, now: now)
        let b = count(Self.addressKey(address), limit: policy.failuresPerAddress, now: now)
        return a || b
    }

    /// A right password clears the account's failures, and takes back the one its attempt counted
    /// against the address.
    func succeeded(account: String, address: String) {
        records[Self.accountKey(account)] = nil
        if var record = records[Self.addressKey(address)], !record.failures.isEmpty {
            record.failures.removeLast()
            records[Self.addressKey(address)] = record
        }
    }

    private func count(_ key: String, limit: Int, now: Date) -> Bool {
        var record = records[key] ?? Record(lastSeen: now)
        record.failures = record.failures.filter { now.timeIntervalSince($0) < policy.window } + [now]
        record.lastSeen = now
        var locked = false
        if record.failures.count >= limit {
            record.lockedUntil = now.addingTimeInterval(policy.lockout)
            record.failures = []
            locked = true
        }
        records[key] = record
        if records.count > policy.capacity { forgetOldest(now: now) }
        return locked
    }

    private func forgetOldest(now: Date) {
        records = records.filter { _, r in
            (r.lockedUntil ?? .distantPast) > now || now.timeIntervalSince(r.lastSeen) < policy.window
        }
        guard records.count > policy.capacity else { return }
        let excess = records.count - policy.capacity
        for key in records.sorted(by: { $0.value.lastSeen < $1.value.lastSeen }).prefix(excess).map(\.key) { records[key] = nil }
    }

    private static func accountKey(_ name: String) -> String { "account:" + name }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
