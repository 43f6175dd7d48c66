/// An arithmetic identity between cells: the sum of `left` equals the sum of `right`.
public struct Identity: Sendable, Hashable {
    /// Which identity of the spec this is; also the id of the check that reports it failing.
    public enum Kind: String, Sendable, Hashable {
        /// Table 三: 一 + 二 = 三（七） + 四, per column.
        case carry = "arithmetic.carry-identity"
        /// Table 三: （七）总计 = sum of the outcome rows, per column.
        case outcomeTotal = "arithmetic.outcome-total"
        /// Table 三: 总计 = sum of the six applicant columns, per row.
        case applicantTotal = "arithmetic.applicant-total"
        /// Table 四: a block's 总计 = sum of its four outcomes.
        case appealTotal = "arithmetic.appeal-total"
    }

    /// Which identity.
    public let kind: Kind
    /// Cell indices summed on the left.
    public let left: [Int]
    /// Cell indices summed on the right.
    public let right: [Int]

    static func expand(rows: [TableID: [RowDefinition]], firstCellOfRow: [TableID: [Int]]) -> [Identity] {
        var result: [Identity] = []
        let requestRows = rows[.requests] ?? []
        let requestFirst = firstCellOfRow[.requests] ?? []
        func rowIndex(_ key: RowKey) -> Int? { requestRows.firstIndex { $0.key == key.rawValue } }
        if let new = rowIndex(.newRequests), let carriedIn = rowIndex(.carriedIn), let total = rowIndex(.requestsTotal),
            let carriedOver = rowIndex(.carriedOver)
        {
            let leaves = requestRows.indices.filter { requestRows[$0].isOutcomeLeaf }
            for c in 0..<StatutoryRows.applicants.count {
                result.append(
                    Identity(
                        kind: .carry, left: [requestFirst[new] + c, requestFirst[carriedIn] + c],
                        right: [requestFirst[total] + c, requestFirst[carriedOver] + c]))
                result.append(
                    Identity(kind: .outcomeTotal, left: [requestFirst[total] + c], right: leaves.map { requestFirst[$0] + c }))
            }
        }
        let totalColumn = StatutoryRows.applicants.count - 1
        for first in requestFirst {
            result.append(
                Identity(kind: .applicantTotal, left: [first + totalColumn], right: (0..<totalColumn).map { first + $0 }))
        }
        for first in firstCellOfRow[.appeals] ?? [] {
            result.append(Identity(kind: .appealTotal, left: [first + 4], right: (0..<4).map { first + $0 }))
        }
        return result
    }
}

extension Identity {
    /// Whether the identity holds over `cells` as read; nil when it says nothing (a cell blank,
    /// missing or not read with certainty, or a sum overflows).
    public func holds(in cells: [Cell]) -> Bool? {
        switch CellConstraint(self, reason: "").verdict(in: cells) {
        case .holds: true
        case .fails: false
        case .failsForEveryCandidate, .possible, .silent: nil
        }
    }
}
