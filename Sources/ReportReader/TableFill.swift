import AnnualReport

/// Writes readings into a report's cells: the shared last step of every table reader.
struct TableFill {
    let format: ReportFormat
    let table: TableID

    func cellIndices(row: Int) -> [Int] {
        let count = format.rows[table]?[row].columns.count ?? 0
        return (0..<count).map { format.cellIndex(table: table, row: row, column: $0) }
    }

    func setExact(_ values: [ReadValue], row: Int, in report: inout Report, reasoning: String? = nil) {
        for (cell, v) in zip(cellIndices(row: row), values) {
            report.cells[cell] = Cell(
                value: v.number, status: v.number == nil ? .blank : .read, source: v.location, written: v.written,
                reasoning: reasoning)
        }
    }

    func setBlank(row: Int, at location: SourceLocation, in report: inout Report) {
        for cell in cellIndices(row: row) {
            report.cells[cell] = Cell(value: nil, status: .blank, source: location)
        }
    }

    /// Cells whose value differs among `options` become uncertain with the values as candidates.
    func setOptions(_ options: [[ReadValue]], row: Int, in report: inout Report, reasoning: String) {
        guard let first = options.first else { return }
        for (c, cell) in cellIndices(row: row).enumerated() {
            let values = Set(options.map { $0[c].number })
            if values.count == 1 {
                report.cells[cell] = Cell(
                    value: first[c].number, status: first[c].number == nil ? .blank : .read, source: first[c].location,
                    written: first[c].written, reasoning: reasoning)
            } else {
                report.cells[cell] = Cell(
                    value: nil, status: .uncertain, source: first[c].location,
                    candidates: values.compactMap { $0 }.sorted(), reasoning: reasoning)
            }
        }
    }

    func setUncertain(
        row: Int, at location: SourceLocation?, candidates: [[CellNumber]], in report: inout Report, reasoning: String
    ) {
        for (c, cell) in cellIndices(row: row).enumerated() {
            report.cells[cell] = Cell(
                value: nil, status: .uncertain, source: location,
                candidates: c < candidates.count ? Array(Set(candidates[c])).sorted() : [], reasoning: reasoning)
        }
    }

    /// A row with fewer values than cells and nothing to say which is missing: each value could stand
    /// in any column that keeps the order.
    func setPartial(_ values: [ReadValue], row: Int, in report: inout Report) {
        let n = cellIndices(row: row).count
        let m = values.count
        var candidates: [[CellNumber]] = Array(repeating: [], count: n)
        for c in 0..<n {
            for i in max(0, c - (n - m))...min(c, m - 1) where i < m {
                if let number = values[i].number { candidates[c].append(number) }
            }
        }
        setUncertain(
            row: row, at: values.first?.location, candidates: candidates, in: &report,
            reasoning: "该行只有 \(m) 个数值而应有 \(n) 个，无法判断缺少哪一格")
    }

    func recordVariant(_ match: LabelMatch, row: RowDefinition, text: NormalizedText, in report: inout Report) {
        guard match.isVariant else { return }
        report.labelVariants.append(
            LabelVariantUse(
                rowKey: row.key, statutory: row.label, written: text.text(match.start..<(match.end + 1)),
                source: text.location(match.start)))
    }
}
