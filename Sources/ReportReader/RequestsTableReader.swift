import AnnualReport

/// Reads table 三. Rows are matched to value groups by label where a label stands right before its
/// values, and by statutory order between such anchors (labels displaced by a converter, rows
/// with no label of their own). Run-together digits are split by the identities.
struct RequestsTableReader {
    let text: NormalizedText
    let format: ReportFormat

    /// Reads the table from its `tokens`; `following` are the tokens after it (table 四's region),
    /// where a 总计 column printed apart may stand. Returns the span of such a column, which is then
    /// no part of table 四.
    @discardableResult
    func read(tokens: [Token], following: [Token] = [], into report: inout Report) -> Range<Int>? {
        let rows = format.rows[.requests] ?? []
        let fill = TableFill(format: format, table: .requests)
        let found = LabelledGroups(tokens: tokens, matcher: .of(format, .requests), text: text)
        let groups = Self.rowsApart(found.groups, columns: rows.first?.columns.count ?? 7)
        if let span = readWithTotalColumnApart(groups: groups, following: following, into: &report) {
            return span
        }
        let assignment = assign(groups: groups, rowCount: rows.count, labels: found.labels.map(\.match))
        let values = RowValues(text: text)

        // Values no row claimed: a label standing alone may then have lost its values, not be blank.
        let claimed = Set(assignment.compactMap { source -> Int? in if case .group(let g) = source { g } else { nil } })
        let unclaimed = groups.indices.filter { g in
            !claimed.contains(g) && groups[g].tokens.contains { !$0.isBlankMark }
        }
        // A row given fewer values than it has columns: the text's order may not be the table's (a
        // PDF's text layer read block by block, columns apart), so a label standing alone proves
        // nothing either. (More values than columns is common and harmless: numbering, a merged cell.)
        let misfit = rows.indices.contains { r in
            if case .group(let g) = assignment[r] { return groups[g].tokens.count < rows[r].columns.count }
            return false
        }
        var options: [[[ReadValue]]] = Array(repeating: [], count: rows.count)
        var how = Array(repeating: Ambiguity.none, count: rows.count)
        var placedByOrder: Set<Int> = []
        for (r, row) in rows.enumerated() {
            switch assignment[r] {
            case .group(let g):
                let group = groups[g]
                if let label = group.label, label.row == r {
                    fill.recordVariant(label, row: row, text: text, in: &report)
                } else {
                    placedByOrder.insert(r)
                }
                switch values.reading(of: group, columns: row.columns.count, notes: &report.readerNotes, rule: .lastIsSum) {
                case .exact(let v): options[r] = [v]
                case .alignments(let kept):
                    options[r] = kept
                    how[r] = .alignment
                    // Extra values before the row's own (numbering, a merged group cell) are the common
                    // case; any other alignment the row's own sum chose must not fail the table's identities.
                    let suffix = group.tokens.suffix(row.columns.count).map { values.value($0).number }
                    if !(kept.count == 1 && kept[0].map(\.number) == suffix) { placedByOrder.insert(r) }
                    if kept.isEmpty {
                        placedByOrder.remove(r)
                        let all = group.tokens.map(values.value).map(\.number)
                        let n = row.columns.count
                        // Each column could hold the value at its place under any alignment, unless the
                        // row's own values may be among those no row claimed.
                        let candidates: [[CellNumber]] =
                            unclaimed.isEmpty && !misfit
                            ? (0..<n).map { c -> [CellNumber] in
                                let values = (0...max(0, all.count - n)).map { all[$0 + c] }
                                return values.contains(nil) ? [] : values.compactMap { $0 }
                            } : []
                        fill.setUncertain(
                            row: r, at: text.location(group.tokens[0].start), candidates: candidates, in: &report,
                            reasoning: "该行数值多于列数，且任何对齐都不能使总计等于各列之和")
                    }
                case .splits(let splits):
                    options[r] = splits
                    how[r] = .split
                    if options[r].isEmpty {
                        fill.setUncertain(
                            row: r, at: text.location(group.tokens[0].start), candidates: [], in: &report,
                            reasoning: "连写数字的任何拆法都不能使总计等于各列之和")
                    }
                case .partial(let v): fill.setPartial(v, row: r, othersLoose: !unclaimed.isEmpty, lastIsSum: true, in: &report)
                case .undetermined:
                    fill.setUncertain(
                        row: r, at: text.location(group.tokens[0].start), candidates: [], in: &report,
                        reasoning: "数字连写，可能的拆法过多")
                }
            case .blank(let offset) where unclaimed.isEmpty && !misfit:
                fill.setBlank(row: r, at: text.location(offset), in: &report)
            case .blank(let offset) where unclaimed.isEmpty:
                fill.setUncertain(
                    row: r, at: text.location(offset), candidates: [], in: &report,
                    reasoning: "该行标签后没有数值，而表中有的行数值个数与列数不符（文本顺序不是表格顺序）：不能断定该行为空白")
            case .blank(let offset):
                fill.setUncertain(
                    row: r, at: text.location(offset), candidates: [], in: &report,
                    reasoning: "该行标签后没有数值，但表中有 \(unclaimed.count) 组数值未能对应到行：不能断定该行为空白")
            case .unknown:
                break
            }
        }
        for (r, match) in found.labels.map({ ($0.match.row, $0.match) }) where assignment[r].isBlank {
            fill.recordVariant(match, row: rows[r], text: text, in: &report)
        }
        settle(options, how: how, fill: fill, into: &report)
        doubtShifts(groups: groups, assignment: assignment, unclaimed: unclaimed, fill: fill, into: &report)
        // Where the text's order may not be the table's, a row that had to choose among its values
        // may have chosen another row's: it stays read only where an identity across rows confirms it.
        var chose = Set(rows.indices.filter { how[$0] == .alignment })
        chose.subtract(placedByOrder)
        let guardian = AlignmentGuard(format: format, table: .requests)
        guardian.doubt(rows: placedByOrder, in: &report)
        if misfit { guardian.doubt(rows: chose, in: &report, confirmed: true) }
        return nil
    }

    /// The table's values exactly one short of every row, in order, and the 总计 column printed after
    /// the table: the rows are read with it, by order, where each then adds up (labels a converter
    /// moved do not matter then).
    private func readWithTotalColumnApart(groups: [ValueGroup], following: [Token], into report: inout Report) -> Range<Int>? {
        let rows = format.rows[.requests] ?? []
        let width = (rows.first?.columns.count ?? 7) - 1
        let all = groups.flatMap(\.tokens)
        guard width > 0, all.count == rows.count * width, !groups.contains(where: \.runTogether) else { return nil }
        let rowTokens = (0..<rows.count).map { Array(all[($0 * width)..<(($0 + 1) * width)]) }
        let block = TotalColumnBlock(text: text, rowCount: rows.count)
        guard let (totals, span) = block.find(rows: rowTokens, following: following) else { return nil }
        let values = RowValues(text: text)
        guard let complete = block.complete(rows: rowTokens.map { $0.map(values.value) }, block: totals.map(values.value))
        else { return nil }
        let fill = TableFill(format: format, table: .requests)
        for (r, row) in complete.enumerated() {
            fill.setExact(row, row: r, in: &report, reasoning: "总计列在表后单独成段（PDF 文本按列块输出），按行序对应，各行总计均等于各列之和")
        }
        return span
    }

    /// A label with no values, then a labelled row whose values are followed by values no row
    /// claimed: a label wrapped over lines pushed each row's values one row down (a page printed to
    /// PDF centres them in tall cells), or the first row is blank and the spare values stray. Both
    /// readings stand; cells on which they differ are uncertain.
    private func doubtShifts(
        groups: [ValueGroup], assignment: [RowSource], unclaimed: [Int], fill: TableFill, into report: inout Report
    ) {
        let values = RowValues(text: text)
        var notes: [String] = []
        for spare in unclaimed where spare > 0 && groups[spare].label == nil {
            guard let row = assignment.firstIndex(where: { if case .group(spare - 1) = $0 { true } else { false } }),
                row > 0, case .blank = assignment[row - 1]
            else { continue }
            let cells = fill.cellIndices(row: row)
            let above = cells.map { report.cells[$0] }
            guard above.allSatisfy({ $0.status == .read || $0.status == .blank }) else { continue }
            let below: [ReadValue]
            switch values.reading(of: groups[spare], columns: cells.count, notes: &notes, rule: .lastIsSum) {
            case .exact(let v): below = v
            case .alignments(let kept) where kept.count == 1: below = kept[0]
            default: continue
            }
            let reasoning = "标签跨行，数值可能属于上一行：其后另有一组数值未对应到行"
            for (c, cell) in fill.cellIndices(row: row - 1).enumerated() {
                report.cells[cell] = Cell(
                    // Blank under one reading, this value under the other: no list of numbers holds both.
                    value: nil, status: .uncertain, source: above[c].source, candidates: [],
                    reasoning: reasoning)
            }
            for (c, cell) in cells.enumerated() where above[c].value != below[c].number {
                report.cells[cell] = Cell(
                    value: nil, status: .uncertain, source: above[c].source,
                    candidates: above[c].value == nil || below[c].number == nil
                        ? [] : Array(Set([above[c].value, below[c].number].compactMap { $0 })).sorted(),
                    reasoning: reasoning)
            }
        }
    }

    /// Why a row has more than one reading.
    enum Ambiguity {
        case none
        /// Digits run together.
        case split
        /// More values than cells.
        case alignment

        var unique: String? {
            switch self {
            case .none: nil
            case .split: "数字连写，唯有此拆法使总计等于各列之和"
            case .alignment: "该行数值多于列数，唯有此对齐使总计等于各列之和"
            }
        }

        func several(_ count: Int?) -> String {
            let what = self == .alignment ? "该行数值多于列数" : "数字连写"
            guard let count else { return what + "，勾稽关系不能确定" + (self == .alignment ? "对齐" : "拆分") }
            return count == 1
                ? what + "，唯有此\(self == .alignment ? "对齐" : "拆法")满足表内勾稽关系"
                : what + "，有 \(count) 种\(self == .alignment ? "对齐" : "拆法")满足表内勾稽关系"
        }
    }

    /// Rows with one reading are set; rows with several are decided together by the identities.
    private func settle(_ options: [[[ReadValue]]], how: [Ambiguity], fill: TableFill, into report: inout Report) {
        let ambiguous = options.indices.filter { options[$0].count > 1 }
        for r in options.indices where options[r].count == 1 {
            fill.setExact(options[r][0], row: r, in: &report, reasoning: how[r].unique)
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
                fill.setOptions(options[r], row: r, in: &report, reasoning: how[r].several(nil))
                continue
            }
            let kept = options[r].filter { option in
                zip(fill.cellIndices(row: r), option).allSatisfy { cell, v in result[cell]?.contains(v.number) ?? false }
            }
            fill.setOptions(kept.isEmpty ? options[r] : kept, row: r, in: &report, reasoning: how[r].several(kept.count))
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

    /// A run of separated values that holds several whole rows (a converter wrote each cell on a
    /// line of its own and the labels elsewhere) is that many rows, placed by order between the
    /// labelled rows (and so doubted where the identities fail).
    static func rowsApart(_ groups: [ValueGroup], columns n: Int) -> [ValueGroup] {
        groups.flatMap { group -> [ValueGroup] in
            let count = group.tokens.count
            guard n > 0, !group.runTogether, count >= 2 * n, count % n == 0 else { return [group] }
            return stride(from: 0, to: count, by: n).map { start in
                // The label before the run is the last of the labels written apart: it names no chunk.
                ValueGroup(tokens: Array(group.tokens[start..<(start + n)]), label: nil, runTogether: false)
            }
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
