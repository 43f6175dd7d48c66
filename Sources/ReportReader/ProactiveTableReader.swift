import AnnualReport

/// Reads table 二: every row by its own label (rows may stand in any order), with notes and loose
/// values used to tell which column a converter dropped.
struct ProactiveTableReader {
    let text: NormalizedText
    let format: ReportFormat

    func read(tokens: [Token], into report: inout Report) {
        let rows = format.rows[.proactive] ?? []
        let fill = TableFill(format: format, table: .proactive)
        let values = RowValues(text: text)
        if let blocks = ProactiveBlocks(text: text, format: format).rows(in: tokens) {
            for (r, tokens) in blocks {
                fill.setExact(
                    tokens.map(values.value), row: r, in: &report,
                    reasoning: "行标签与数值分列（PDF 文本按块输出）：各块数值个数与行列相符，按法定行序对应")
            }
            return
        }
        let found = LabelledGroups(tokens: tokens, matcher: .of(format, .proactive), text: text)
        var partialRows: [(row: Int, values: [ReadValue])] = []
        // Values outside any labelled row, other than notes that name their column (`55（含自然失效29件）`).
        let noteWords = Set(rows.flatMap { $0.columns.flatMap(\.noteWords) })
        let looseValues =
            found.groups.filter { $0.label == nil }.flatMap(\.tokens).filter { token in
                guard !token.isBlankMark else { return false }
                guard let note = token.note.map(text.normalizedText) else { return true }
                return !noteWords.contains { note.contains($0) }
            }.count
            // A row with more values than cells may hold the next row's too.
            + found.groups.compactMap { group in
                group.label.map { max(0, group.tokens.count - rows[$0.row].columns.count) }
            }.reduce(0, +)
        var placed: Set<CellNumber> = []

        for (r, row) in rows.enumerated() {
            if let group = found.groups.first(where: { $0.label?.row == r }), let label = group.label {
                fill.recordVariant(label, row: row, text: text, in: &report)
                switch values.reading(of: group, columns: row.columns.count, notes: &report.readerNotes) {
                case .exact(let v):
                    fill.setExact(v, row: r, in: &report)
                    v.compactMap(\.number).forEach { placed.insert($0) }
                case .alignments(let options):
                    fill.setOptions(
                        options, row: r, in: &report,
                        reasoning: "该行数值多于列数（\(group.tokens.count) 个，应为 \(row.columns.count) 个），无法判断哪些是多余的")
                    options.first?.compactMap(\.number).forEach { placed.insert($0) }
                case .splits(let options) where options.isEmpty:
                    fill.setPartial(group.tokens.map(values.value), row: r, othersLoose: looseValues > 0, in: &report)
                case .splits(let options):
                    resolveSplits(options, row: r, fill: fill, into: &report)
                case .partial(let v):
                    partialRows.append((r, v))
                    v.compactMap(\.number).forEach { placed.insert($0) }
                case .undetermined:
                    fill.setUncertain(
                        row: r, at: text.location(group.tokens[0].start), candidates: [], in: &report,
                        reasoning: "数字连写，可能的拆法过多")
                }
            } else if let seen = found.labels.first(where: { $0.match.row == r }) {
                fill.recordVariant(seen.match, row: row, text: text, in: &report)
                if looseValues == 0 {
                    fill.setBlank(row: r, at: text.location(seen.match.start), in: &report)
                } else {
                    // Values stand apart from any label: this row's may be among them.
                    fill.setUncertain(
                        row: r, at: text.location(seen.match.start), candidates: [], in: &report,
                        reasoning: "该行标签后没有数值，但表中有 \(looseValues) 个数值未能对应到行：不能断定该行为空白")
                }
            }
        }
        resolvePartial(
            partialRows, loose: found.groups.filter { $0.label == nil }, othersLoose: looseValues > 0, placed: placed,
            fill: fill, into: &report)
    }

    /// Run-together digits with no identity to split them: narrative statements (现行有效…698件)
    /// may leave a single split; otherwise the cells are uncertain.
    private func resolveSplits(_ options: [[ReadValue]], row r: Int, fill: TableFill, into report: inout Report) {
        let keys = fill.cellIndices(row: r).map { format.cells[$0].key }
        var kept = options
        var used: [String] = []
        for fact in report.narrativeFacts where fact.readings.count == 1 {
            guard let reading = fact.readings.first, reading.count == 1, let c = keys.firstIndex(of: reading[0]) else {
                continue
            }
            let narrowed = kept.filter { $0[c].number == fact.value }
            if !narrowed.isEmpty && narrowed.count < kept.count {
                kept = narrowed
                used.append("「\(fact.phrase)」")
            }
        }
        if kept.count == 1 {
            fill.setExact(
                kept[0], row: r, in: &report,
                reasoning: used.isEmpty
                    ? "数字连写，仅有一种拆法"
                    : "数字连写，依正文所述确定拆分：" + used.joined(separator: ""))
        } else {
            fill.setOptions(
                kept, row: r, in: &report,
                reasoning: "数字连写无分隔，且无勾稽关系可据以拆分（\(kept.count) 种拆法）")
        }
    }

    /// Rows with a value missing. When every such row lacks one value and a loose value carries a
    /// note naming one column (`55（含自然失效29件）` → 本年废止件数) that no row holds, that column is
    /// the one dropped: the rows' values fill the other columns in order.
    private func resolvePartial(
        _ partial: [(row: Int, values: [ReadValue])], loose: [ValueGroup], othersLoose: Bool, placed: Set<CellNumber>,
        fill: TableFill,
        into report: inout Report
    ) {
        guard !partial.isEmpty else { return }
        let rows = format.rows[.proactive] ?? []
        var hinted: [Int: [CellNumber]] = [:]
        for group in loose {
            for token in group.tokens {
                guard let noteRange = token.note, let number = RowValues(text: text).value(token).number else { continue }
                let note = text.normalizedText(noteRange)
                let columns = rows[partial[0].row].columns
                for (c, column) in columns.enumerated() where column.noteWords.contains(where: { note.contains($0) }) {
                    if !placed.contains(number) { hinted[c, default: []].append(number) }
                }
            }
        }
        let sameShape = partial.allSatisfy {
            rows[$0.row].columns == rows[partial[0].row].columns && $0.values.count == rows[$0.row].columns.count - 1
        }
        guard sameShape, hinted.count == 1, let (dropped, looseValues) = hinted.first else {
            for p in partial { fill.setPartial(p.values, row: p.row, othersLoose: othersLoose, in: &report) }
            return
        }
        let columnLabel = rows[partial[0].row].columns[dropped].label
        // Each row's dropped value is one of the noted values only where every loose value is noted and
        // there is one for each row; otherwise a row's may be an unnoted one, or blank.
        let candidates = !othersLoose && looseValues.count == partial.count ? looseValues.sorted() : []
        for p in partial {
            var values = p.values
            let anchor = values.first?.location ?? SourceLocation(line: 1, column: 1)
            values.insert(ReadValue(number: nil, location: anchor), at: dropped)
            let cells = fill.cellIndices(row: p.row)
            for (c, cell) in cells.enumerated() {
                if c == dropped {
                    report.cells[cell] = Cell(
                        value: nil, status: .uncertain, source: anchor, candidates: candidates,
                        reasoning:
                            "表中缺少「\(columnLabel)」一列；表外有注明该列的数值"
                    )
                } else {
                    report.cells[cell] = Cell(
                        value: values[c].number, status: values[c].number == nil ? .blank : .read,
                        source: values[c].location, written: values[c].written,
                        reasoning: "表中缺少「\(columnLabel)」一列，其余数值按列序对应")
                }
            }
        }
    }
}
