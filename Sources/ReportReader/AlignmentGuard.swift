import AnnualReport

/// Rows whose values were placed by inference — by their order rather than by a label of their own
/// (a converter separated labels from values), or at the one alignment their own 总计 allowed — stay
/// read only while the table's identities do not fail: where an identity touching them fails, the
/// reader doubts its own placement before the agency's arithmetic, and their cells become uncertain.
/// (Values swapped between such rows keep every column sum; order-preserving converters do not swap.)
struct AlignmentGuard {
    let format: ReportFormat
    let table: TableID

    /// `confirmed`: the text's order is known not to be the table's, so a placed row stays read only
    /// where an identity across rows holds with it — not merely where none fails.
    func doubt(rows placed: Set<Int>, in report: inout Report, confirmed: Bool = false) {
        guard !placed.isEmpty else { return }
        let fill = TableFill(format: format, table: table)
        let cellsOfRow = Dictionary(uniqueKeysWithValues: placed.map { ($0, fill.cellIndices(row: $0)) })
        let rowOfCell = Dictionary(uniqueKeysWithValues: cellsOfRow.flatMap { row, cells in cells.map { ($0, row) } })
        var doubted: Set<Int> = []
        for identity in format.identities where identity.holds(in: report.cells) == false {
            for cell in identity.left + identity.right {
                if let row = rowOfCell[cell] { doubted.insert(row) }
            }
        }
        if confirmed {
            for (row, cells) in cellsOfRow where !doubted.contains(row) {
                let own = Set(cells)
                let across = format.identities.filter { identity in
                    let touched = Set(identity.left + identity.right)
                    return !touched.isDisjoint(with: own) && !touched.isSubset(of: own)
                }
                if !across.contains(where: { $0.holds(in: report.cells) == true }) { doubted.insert(row) }
            }
        }
        for row in doubted.sorted() {
            guard let cells = cellsOfRow[row] else { continue }
            for cell in cells where report.cells[cell].status == .read {
                // The value may belong to another row, and this row's to any: no candidate list is complete.
                var doubtedCell = report.cells[cell]
                doubtedCell.candidates = []
                doubtedCell.value = nil
                doubtedCell.status = .uncertain
                doubtedCell.reasoning = "此行标签与数值分离，数值按行序对应，而勾稽关系不成立：对应可能有误"
                report.cells[cell] = doubtedCell
            }
        }
    }
}
