/// Identities 5–7 of the spec, between consecutive reports of one agency: this year's `left` sums to
/// this year's `right` plus last year's `previous`.
public struct ContinuityIdentity: Sendable, Hashable {
    /// Which identity; also the id of the check that reports it failing.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 上年结转 = last year's 结转下年度继续办理, per applicant column.
        case carryOver = "continuity.carry-over"
        /// 2021 format: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止.
        case inForce = "continuity.in-force"
        /// 2019 format: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
        case priorItems = "continuity.prior-items"
    }

    /// Which identity.
    public let kind: Kind
    /// This year's cells summed on the left.
    public let left: [String]
    /// This year's cells summed on the right.
    public let right: [String]
    /// Last year's cells, added to the right.
    public let previous: [String]

    /// The identities that tie a report in `current` to last year's in `previous`.
    public static func between(_ previous: ReportFormat, _ current: ReportFormat) -> [ContinuityIdentity] {
        var result = StatutoryRows.applicants.map { column in
            ContinuityIdentity(
                kind: .carryOver, left: [RowKey.carriedIn.rawValue + "." + column.key], right: [],
                previous: [RowKey.carriedOver.rawValue + "." + column.key])
        }
        if previous.version == .v2021, current.version == .v2021 {
            result += [RowKey.rules, .normativeDocuments].map { row in
                ContinuityIdentity(
                    kind: .inForce, left: [row.cell(.inForce), row.cell(.repealed)], right: [row.cell(.issued)],
                    previous: [row.cell(.inForce)])
            }
        }
        if previous.version == .v2019, current.version == .v2019 {
            result += [RowKey.licensing, .otherServices, .penalties, .coerciveMeasures, .fees].map { row in
                ContinuityIdentity(
                    kind: .priorItems, left: [row.cell(.priorItems)], right: [],
                    previous: [row.cell(.priorItems), row.cell(.change)])
            }
        }
        return result.filter { identity in
            (identity.left + identity.right).allSatisfy { current.index(of: $0) != nil }
                && identity.previous.allSatisfy { previous.index(of: $0) != nil }
        }
    }

    /// The identity over `current` with last year's values as the constant; nil when one of last
    /// year's cells has no certain value.
    public func constraint(previous report: Report, current: ReportFormat) -> CellConstraint? {
        var lastYear: [CellNumber] = []
        for key in previous {
            guard let value = report.value(key) else { return nil }
            lastYear.append(value)
        }
        guard let constant = CellNumber.sum(lastYear) else { return nil }
        return CellConstraint(
            left: left.compactMap { current.index(of: $0) }, right: right.compactMap { current.index(of: $0) },
            constant: constant, reason: "\(report.year.map { "\($0) 年" } ?? "上年")报告（\(kind.statement)）")
    }
}

extension ContinuityIdentity.Kind {
    /// The identity in words.
    public var statement: String {
        switch self {
        case .carryOver: "上年结转 = 上年结转下年度继续办理"
        case .inForce: "现行有效 = 上年现行有效 + 本年制发 − 本年废止"
        case .priorItems: "上一年项目数量 = 上年上一年项目数量 + 本年增/减"
        }
    }
}
