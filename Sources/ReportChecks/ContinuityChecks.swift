import AnnualReport

/// `continuity.*`: consecutive reports of one agency (identities 5–7, repeated text and tables).
enum ContinuityChecks {
    static let all: [SeriesCheck] = [carryOver, inForce, priorItems, duplicateText, duplicateTables]

    static let carryOver = identityCheck(.carryOver, summary: "上年结转 = last year's 结转下年度")
    static let inForce = identityCheck(.inForce, summary: "现行有效 = last year's + 制发 − 废止")
    static let priorItems = identityCheck(.priorItems, summary: "上一年项目数量 follows from last year")

    /// Identities 5–7 over this year's cells, uncertain ones by their candidates: a finding where
    /// the cells as read break the identity, or where no candidate of theirs keeps it.
    private static func identityCheck(_ kind: ContinuityIdentity.Kind, summary: String) -> SeriesCheck {
        SeriesCheck(id: kind.rawValue, summary: summary) { previous, current in
            ContinuityIdentity.between(previous.format, current.format).filter { $0.kind == kind }.compactMap { identity in
                guard let constraint = identity.constraint(previous: previous, current: current.format) else { return nil }
                let first = identity.left[0]
                let cells =
                    identity.previous.compactMap { previous.findingCell(key: $0) }
                    + (identity.left + identity.right).compactMap { current.findingCell(key: $0) }
                let last = identity.previous.map {
                    "\(previous.year ?? 0) 年「\(label(previous, $0))」\(previous.value($0)?.description ?? "")"
                }
                .joined(separator: "、")
                let message: String
                let expected: String?
                switch constraint.verdict(in: current.cells) {
                case .fails:
                    guard let own = current.value(first), let value = Self.expected(identity, constraint, in: current) else {
                        return nil
                    }
                    message = "「\(label(current, first))」为 \(own)，按\(last)应为 \(value)（\(kind.statement)）"
                    expected = value.description
                case .failsForEveryCandidate:
                    message =
                        "「\(label(current, first))」等格读取不确定，但其任何可能的取值都不符合\(last)（\(kind.statement)）"
                    expected = nil
                case .holds, .possible, .silent: return nil
                }
                return Finding(
                    id: kind.rawValue, severity: .warning, message: message, cells: cells, expected: expected,
                    source: current.cell(first)?.source, origin: current.origin)
            }
        }
    }

    private static func label(_ report: Report, _ key: String) -> String {
        report.format.index(of: key).map { report.format.label(ofCell: $0) } ?? key
    }

    /// The value the identity's first cell should have, the rest as read.
    private static func expected(_ identity: ContinuityIdentity, _ constraint: CellConstraint, in report: Report)
        -> CellNumber?
    {
        let others = identity.left.dropFirst().compactMap { report.value($0) }
        let right = identity.right.compactMap { report.value($0) } + [constraint.constant]
        guard others.count == identity.left.count - 1, right.count == identity.right.count + 1,
            let r = CellNumber.sum(right), let o = CellNumber.sum(Array(others))
        else { return nil }
        return CellNumber.difference(r, o)
    }

    /// Sentences of the narrative sections, long enough to mean something.
    static func sentences(_ report: Report) -> [String] {
        [SectionID.overview, .problems, .other].compactMap { report.sections[$0]?.text }.flatMap { text in
            text.split { "。；;！!？?\n".contains($0) }.map { $0.filter { !$0.isWhitespace } }.filter { $0.count >= 15 }
        }
    }

    static let duplicateText = SeriesCheck(id: "continuity.duplicate-text", summary: "the narrative repeats last year's") {
        previous, current in
        let before = Set(sentences(previous))
        let now = sentences(current)
        let total = now.reduce(0) { $0 + $1.count }
        let repeated = now.filter { before.contains($0) }
        let share = total == 0 ? 0 : Double(repeated.reduce(0) { $0 + $1.count }) / Double(total)
        guard total >= 200, share >= 0.5 else { return [] }
        let passages = repeated.prefix(3).map { "「\($0.prefix(40))…」" }.joined(separator: "")
        return [
            Finding(
                id: "continuity.duplicate-text", severity: .warning,
                message: "正文 \(Int((share * 100).rounded()))% 与 \(previous.year ?? 0) 年报告相同（内容雷同），例如 \(passages)",
                expected: "逐年如实撰写", origin: current.origin)
        ]
    }

    static let duplicateTables = SeriesCheck(
        id: "continuity.duplicate-tables", summary: "every table value identical to last year's"
    ) { previous, current in
        guard previous.format.version == current.format.version, previous.format.variant == current.format.variant else {
            return []
        }
        let values = current.cells.map(\.value)
        guard values == previous.cells.map(\.value), values.contains(where: { ($0 ?? CellNumber(0)) != CellNumber(0) })
        else { return [] }
        return [
            Finding(
                id: "continuity.duplicate-tables", severity: .warning,
                message: "三张表格的全部数据与 \(previous.year ?? 0) 年报告完全相同", origin: current.origin)
        ]
    }
}
