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
                // A reading that leaves the cell blank may mean its value was not seen: then no list is complete.
                report.cells[cell] = Cell(
                    value: nil, status: .uncertain, source: first[c].location,
                    candidates: values.contains(nil) ? [] : values.compactMap { $0 }.sorted(), reasoning: reasoning)
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
    /// in any column that keeps the order, the others blank. With `lastIsSum` (table 三's 总计) only
    /// the placements under which the total is the sum of the rest count. A column some placement
    /// leaves blank gets no candidate list (a blank is not a number); nor does any column where no
    /// placement counts or values of the table went unclaimed (`othersLoose`): the row's own values
    /// may lie elsewhere.
    func setPartial(_ values: [ReadValue], row: Int, othersLoose: Bool, lastIsSum: Bool = false, in report: inout Report) {
        let n = cellIndices(row: row).count
        let numbers = values.map(\.number)
        var candidates: [Set<CellNumber>] = Array(repeating: [], count: n)
        var mayBeBlank = Array(repeating: false, count: n)
        var consistent = 0
        if !othersLoose {
            for columns in Self.placements(of: numbers.count, in: n) {
                var cells: [CellNumber?] = Array(repeating: nil, count: n)
                for (value, column) in zip(numbers, columns) { cells[column] = value }
                if lastIsSum && !Self.totalHolds(cells) { continue }
                consistent += 1
                for (column, value) in cells.enumerated() {
                    if let value { candidates[column].insert(value) } else { mayBeBlank[column] = true }
                }
            }
        }
        let why =
            othersLoose
            ? "；表中另有数值未对应到行，该行的数值可能在其中"
            : consistent == 0 ? "；任何补空都不能使总计等于各列之和，该行的数值可能不全" : ""
        setUncertain(
            row: row, at: values.first?.location,
            candidates: zip(candidates, mayBeBlank).map { $1 ? [] : $0.sorted() }, in: &report,
            reasoning: "该行只有 \(values.count) 个数值而应有 \(n) 个，无法判断缺少哪一格" + why)
    }

    /// Every increasing choice of `m` columns out of `n`: where a row's `m` values may stand.
    static func placements(of m: Int, in n: Int) -> [[Int]] {
        guard m <= n else { return [] }
        guard m > 0 else { return [[]] }
        return (m - 1..<n).flatMap { last in placements(of: m - 1, in: last).map { $0 + [last] } }
    }

    /// The last cell is the sum of the others, blanks counting as nothing; a blank total needs
    /// nothing before it.
    static func totalHolds(_ cells: [CellNumber?]) -> Bool {
        let parts = cells.dropLast().compactMap { $0 }
        guard let total = cells.last, let total else { return parts.allSatisfy { $0 == CellNumber(0) } }
        return CellNumber.sum(parts) == total
    }

    /// Records a variant spelling as the source wrote it; not where other columns' characters are
    /// interleaved in it, which would be quoted as the agency's wording.
    func recordVariant(_ match: LabelMatch, row: RowDefinition, text: NormalizedText, in report: inout Report) {
        guard match.isVariant, !match.passedStrays else { return }
        report.labelVariants.append(
            LabelVariantUse(
                rowKey: row.key, statutory: row.label, written: text.text(match.start..<(match.end + 1)),
                source: text.location(match.start)))
    }
}
