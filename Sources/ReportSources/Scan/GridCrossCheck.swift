import AnnualReport

/// A text PDF's two readings put together: its `pdftotext -layout` text (the report kept, with its
/// locations) and the cells of its ruled tables (`PDFGrid`).
/// - Both read a cell alike: it stays read.
/// - They read it differently: it is uncertain with both numbers (none where one is a blank).
/// - Only the grid reads it (its cells are the text layer's words between the rules, as exact as an
///   HTML table's): its value is taken, with the page in the reasoning, where an identity it belongs
///   to holds in the grid's own reading or it belongs to none, and the layout's candidates (complete,
///   when listed) allow it; else it is at most a candidate.
/// Then the table's identities settle what they can. Returns false where the two readings are not
/// of one layout (nothing is merged).
enum GridCrossCheck {
    /// Only grid cells read from `tableLines` (ruled rows, not a table the page did not rule) count.
    /// Every cell the grid read gets its cell's place on the page (`origins`).
    static func merge(
        _ report: inout Report, grid: Report, pages: [Int], tableLines: Set<Int>, origins: TextOrigins
    ) -> Bool {
        guard grid.format.version == report.format.version, grid.format.variant == report.format.variant,
            grid.cells.count == report.cells.count
        else { return false }
        // A grid value is confirmed where an identity it belongs to holds in the grid's reading, or it
        // belongs to none (table 二).
        let identities = grid.format.identities
        let tied = Set(identities.flatMap { $0.left + $0.right })
        let holding = Set(identities.filter { $0.holds(in: grid.cells) == true }.flatMap { $0.left + $0.right })
        // A location several cells share is their row's (a row read blank or placed as a whole), not a cell's own.
        let shared = Dictionary(grouping: grid.cells.compactMap(\.source), by: { $0 }).filter { $0.value.count > 1 }
        for i in report.cells.indices {
            let layout = report.cells[i], table = grid.cells[i]
            guard let gridSource = table.source, tableLines.contains(gridSource.line) else { continue }
            let line = gridSource.line
            let page = pages.indices.contains(line - 1) ? pages[line - 1] : nil
            let place = page.map { "第 \($0) 页表格" } ?? "表格线"
            switch (known(layout), known(table)) {
            case (true, true) where layout.value != table.value:
                let candidates =
                    layout.value == nil || table.value == nil ? [] : [layout.value, table.value].compactMap { $0 }.sorted()
                report.cells[i] = Cell(
                    value: nil, status: .uncertain, source: layout.source, written: layout.written, candidates: candidates,
                    reasoning: "PDF 文字按版面读为 \(describe(layout))，按\(place)的单元格读为 \(describe(table))")
            case (false, true):
                let allowed = layout.candidates.isEmpty || table.value.map(layout.candidates.contains) == true
                if allowed && (holding.contains(i) || !tied.contains(i)) {
                    report.cells[i] = Cell(
                        value: table.value, status: table.status, source: layout.source, written: table.written,
                        reasoning: "按\(place)的单元格读出（版面文字不能确定此格）")
                } else if layout.candidates.isEmpty, let value = table.value {
                    report.cells[i] = Cell(
                        value: nil, status: .uncertain, source: layout.source, written: layout.written, candidates: [value],
                        reasoning: [layout.reasoning, "按\(place)的单元格为 \(value)，未经勾稽关系证实"].compactMap { $0 }
                            .joined(separator: "；"))
                }
            default:
                break
            }
            if shared[gridSource] == nil, let box = origins.place(of: gridSource) { report.cells[i].source?.place = box }
        }
        report.settleUncertainCells(by: report.identityConstraints)
        return true
    }

    private static func known(_ cell: Cell) -> Bool { cell.status == .read || cell.status == .blank }

    private static func describe(_ cell: Cell) -> String { cell.value?.description ?? "空白" }
}
