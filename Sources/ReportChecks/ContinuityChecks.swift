import AnnualReport

/// `continuity.*`: consecutive reports of one agency (identities 5–7, repeated text and tables).
enum ContinuityChecks {
    static let all: [SeriesCheck] = [carryOver, inForce, priorItems, duplicateText, duplicateTables]

    private static func pair(_ previous: Report, _ pKey: String, _ current: Report, _ cKey: String) -> [FindingCell] {
        [previous.findingCell(key: pKey), current.findingCell(key: cKey)].compactMap { $0 }
    }

    static let carryOver = SeriesCheck(id: "continuity.carry-over", summary: "上年结转 = last year's 结转下年度") {
        previous, current in
        StatutoryColumns.applicants.compactMap { column in
            let last = "requests.carried_over." + column, this = "requests.carried_in." + column
            guard let a = previous.value(last), let b = current.value(this), a != b else { return nil }
            return Finding(
                id: "continuity.carry-over", severity: .warning,
                message:
                    "\(current.year ?? 0) 年「\(current.format.label(ofCell: current.format.index(of: this) ?? 0))」为 \(b)，而 \(previous.year ?? 0) 年报告「结转下年度继续办理」为 \(a)",
                cells: pair(previous, last, current, this), expected: a.description,
                source: current.cell(this)?.source, origin: current.origin)
        }
    }

    static let inForce = SeriesCheck(id: "continuity.in-force", summary: "现行有效 = last year's + 制发 − 废止") {
        previous, current in
        guard previous.format.version == .v2021, current.format.version == .v2021 else { return [] }
        return ["proactive.rules", "proactive.normative_documents"].compactMap { row in
            guard let last = previous.value(row + ".in_force"), let issued = current.value(row + ".issued"),
                let repealed = current.value(row + ".repealed"), let now = current.value(row + ".in_force"),
                let sum = CellNumber.sum([last, issued]), let expected = CellNumber.difference(sum, repealed), expected != now
            else { return nil }
            return Finding(
                id: "continuity.in-force", severity: .warning,
                message:
                    "「\(current.format.label(ofCell: current.format.index(of: row + ".in_force") ?? 0))」为 \(now)，按上年 \(last) + 制发 \(issued) − 废止 \(repealed) 应为 \(expected)",
                cells: pair(previous, row + ".in_force", current, row + ".in_force")
                    + [current.findingCell(key: row + ".issued"), current.findingCell(key: row + ".repealed")].compactMap { $0 },
                expected: expected.description, source: current.cell(row + ".in_force")?.source, origin: current.origin)
        }
    }

    static let priorItems = SeriesCheck(id: "continuity.prior-items", summary: "上一年项目数量 follows from last year") {
        previous, current in
        guard previous.format.version == .v2019, current.format.version == .v2019 else { return [] }
        return [
            "proactive.licensing", "proactive.other_services", "proactive.penalties", "proactive.coercive_measures",
            "proactive.fees",
        ]
        .compactMap { row in
            guard let lastPrior = previous.value(row + ".prior_items"), let lastChange = previous.value(row + ".change"),
                let now = current.value(row + ".prior_items"), let expected = CellNumber.sum([lastPrior, lastChange]),
                expected != now
            else { return nil }
            return Finding(
                id: "continuity.prior-items", severity: .warning,
                message:
                    "「\(current.format.label(ofCell: current.format.index(of: row + ".prior_items") ?? 0))」为 \(now)，按上年 \(lastPrior) 加增减 \(lastChange) 应为 \(expected)",
                cells: pair(previous, row + ".prior_items", current, row + ".prior_items"), expected: expected.description,
                source: current.cell(row + ".prior_items")?.source, origin: current.origin)
        }
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

/// Column keys shared by the checks.
enum StatutoryColumns {
    static let applicants = (ReportFormat.v2019.rows[.requests]?.first?.columns ?? []).map(\.key)
}
