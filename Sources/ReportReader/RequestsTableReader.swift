import AnnualReport

/// Reads table 三. Rows are matched to value groups by label where a label stands right before its
/// values, and by statutory order between such anchors (labels displaced by a converter, rows
/// with no label of their own). Run-together digits are split by the identities.
struct RequestsTableReader {
    let text: NormalizedText
    let format: ReportFormat

    func read(tokens: [Token], into report: inout Report) {
        let rows = format.rows[.requests] ?? []
        let fill = TableFill(format: format, table: .requests)
        let found = LabelledGroups(tokens: tokens, matcher: .of(format, .requests), text: text)
        let groups = found.groups
        let assignment = assign(groups: groups, rowCount: rows.count, labels: found.labels.map(\.match))
        let values = RowValues(text: text)

        var options: [[[ReadValue]]] = Array(repeating: [], count: rows.count)
        var wasSplit = Array(repeating: false, count: rows.count)
        for (r, row) in rows.enumerated() {
            switch assignment[r] {
            case .group(let g):
                let group = groups[g]
                if let label = group.label, label.row == r { fill.recordVariant(label, row: row, text: text, in: &report) }
                switch values.reading(of: group, columns: row.columns.count, notes: &report.readerNotes, rule: .lastIsSum) {
                case .exact(let v): options[r] = [v]
                case .splits(let splits):
                    options[r] = splits
                    wasSplit[r] = true
                    if options[r].isEmpty {
                        fill.setUncertain(
                            row: r, at: text.location(group.tokens[0].start), candidates: [], in: &report,
                            reasoning: "连写数字的任何拆法都不能使总计等于各列之和")
                    }
                case .partial(let v): fill.setPartial(v, row: r, in: &report)
                case .undetermined:
                    fill.setUncertain(
                        row: r, at: text.location(group.tokens[0].start), candidates: [], in: &report,
                        reasoning: "数字连写，可能的拆法过多")
                }
            case .blank(let offset):
                fill.setBlank(row: r, at: text.location(offset), in: &report)
            case .unknown:
                break
            }
        }
        for (r, match) in found.labels.map({ ($0.match.row, $0.match) }) where assignment[r].isBlank {
            fill.recordVariant(match, row: rows[r], text: text, in: &report)
        }
        settle(options, wasSplit: wasSplit, fill: fill, into: &report)
    }

    /// Rows with one reading are set; rows with several are decided together by the identities.
    private func settle(_ options: [[[ReadValue]]], wasSplit: [Bool], fill: TableFill, into report: inout Report) {
        let ambiguous = options.indices.filter { options[$0].count > 1 }
        for r in options.indices where options[r].count == 1 {
            let reasoning = wasSplit[r] ? "数字连写，唯有此拆法使总计等于各列之和" : nil
            fill.setExact(options[r][0], row: r, in: &report, reasoning: reasoning)
        }
        guard !ambiguous.isEmpty else { return }
        var fixed: [Int: CellNumber?] = [:]
        for r in options.indices where options[r].count == 1 {
            for (cell, v) in zip(fill.cellIndices(row: r), options[r][0]) { fixed[cell] = v.number }
        }
        let solver = SplitSolver(identities: format.identities)
        let result = solver.solve(
            options: ambiguous.map { r in options[r].map { $0.map(\.number) } },
            cellsOfRow: ambiguous.map { fill.cellIndices(row: $0) }, fixed: fixed)
        for r in ambiguous {
            guard let result else {
                fill.setOptions(
                    options[r], row: r, in: &report, reasoning: "数字连写，勾稽关系不能确定拆分")
                continue
            }
            let kept = options[r].filter { option in
                zip(fill.cellIndices(row: r), option).allSatisfy { cell, v in result[cell]?.contains(v.number) ?? false }
            }
            fill.setOptions(
                kept.isEmpty ? options[r] : kept, row: r, in: &report,
                reasoning: kept.count == 1
                    ? "数字连写，唯有此拆法满足表内勾稽关系"
                    : "数字连写，有 \(kept.count) 种拆法满足表内勾稽关系")
        }
    }

    enum RowSource {
        case group(Int)
        case blank(Int)
        case unknown

        var isBlank: Bool {
            if case .blank = self { return true }
            return false
        }
    }

    /// Anchors are groups whose label is their own row, kept in statutory order (the longest
    /// increasing run); between anchors, unlabelled groups fill the rows in order when their counts
    /// agree. Rows whose label stands with no values before the next row are blank.
    func assign(groups: [ValueGroup], rowCount: Int, labels: [LabelMatch]) -> [RowSource] {
        var result: [RowSource] = Array(repeating: .unknown, count: rowCount)
        let labelled = groups.indices.filter { groups[$0].label != nil }
        let anchors = longestIncreasing(labelled) { groups[$0].label?.row ?? 0 }
        var previousGroup = -1
        var previousRow = -1
        for anchor in anchors + [groups.count] {
            let row = anchor < groups.count ? (groups[anchor].label?.row ?? rowCount) : rowCount
            let gapGroups = Array((previousGroup + 1)..<anchor).filter { groups[$0].label == nil || !anchors.contains($0) }
            let gapRows = Array((previousRow + 1)..<row)
            if gapGroups.count == gapRows.count {
                for (g, r) in zip(gapGroups, gapRows) { result[r] = .group(g) }
            } else if gapGroups.isEmpty {
                for r in gapRows {
                    if let seen = labels.first(where: { $0.row == r }) { result[r] = .blank(seen.start) }
                }
            }
            if anchor < groups.count { result[row] = .group(anchor) }
            previousGroup = anchor
            previousRow = row
        }
        return result
    }

    private func longestIncreasing(_ items: [Int], key: (Int) -> Int) -> [Int] {
        guard !items.isEmpty else { return [] }
        var length = Array(repeating: 1, count: items.count)
        var parent = Array(repeating: -1, count: items.count)
        for i in items.indices {
            for j in 0..<i where key(items[j]) < key(items[i]) && length[j] + 1 > length[i] {
                length[i] = length[j] + 1
                parent[i] = j
            }
        }
        var best = length.indices.max { length[$0] < length[$1] } ?? 0
        var chain: [Int] = []
        while best >= 0 {
            chain.append(items[best])
            best = parent[best]
        }
        return chain.reversed()
    }
}
