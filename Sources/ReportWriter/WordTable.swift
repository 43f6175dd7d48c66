import AnnualReport

/// A statutory table in Word as the national template draws it (年度报告格式模板, 2021): a fixed
/// layout on an explicit grid — table 三 on 754 / 921 / 3271 / 685 × 7 twips, one wide label column
/// and seven narrow number columns; table 二 on four equal columns; table 四 on fifteen — merged cells
/// as the notice merges them, the column headers repeated on every page the table runs onto, rows
/// that never split across a page, numbers centred and row labels left, in 宋体.
enum WordTable {
    static let font = "宋体"

    /// The grid's column widths in twips (the template's, about 9,740 in all: the table reaches a
    /// little into the side margins, centred, as the template's does).
    static func columnWidths(_ grid: StatutoryGrid) -> [Int] {
        switch grid.table {
        case .requests where grid.columns == 10: [754, 921, 3271] + Array(repeating: 685, count: 7)
        case .appeals where grid.columns == 15: Array(repeating: 649, count: 7) + Array(repeating: 650, count: 8)
        default: Array(repeating: 9740 / max(1, grid.columns), count: grid.columns)
        }
    }

    /// How many rows at the top are column headers, repeated on each page.
    static func headerRows(_ grid: StatutoryGrid) -> Int {
        grid.table == .proactive ? 0 : grid.rows.prefix { row in row.allSatisfy(\.isHeader) }.count
    }

    static func xml(_ grid: StatutoryGrid) -> String {
        let widths = columnWidths(grid)
        let matrix = GridMatrix(grid)
        let size = grid.table == .proactive ? 20 : 18
        let border = ["top", "left", "bottom", "right", "insideH", "insideV"].map {
            "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }.joined()
        var out =
            "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>\(border)</w:tblBorders>"
            + "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        let headers = headerRows(grid)
        for (r, row) in matrix.cells.enumerated() {
            out += "<w:tr><w:trPr><w:cantSplit/>\(r < headers ? "<w:tblHeader/>" : "")<w:jc w:val=\"center\"/></w:trPr>"
            let rowHasValues = grid.rows[r].contains(where: \.isValue)
            var c = 0
            while c < grid.columns {
                guard let slot = row[c] else {
                    out += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[c])\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"
                    c += 1
                    continue
                }
                let span = min(slot.cell.columnSpan, grid.columns - c)
                var tcPr = "<w:tcW w:w=\"\(widths[c..<c + span].reduce(0, +))\" w:type=\"dxa\"/>"
                if span > 1 { tcPr += "<w:gridSpan w:val=\"\(span)\"/>" }
                if slot.cell.rowSpan > 1 && slot.origin { tcPr += "<w:vMerge w:val=\"restart\"/>" }
                if slot.originRow < r { tcPr += "<w:vMerge/>" }
                tcPr += "<w:vAlign w:val=\"center\"/>"
                // A row's own label reads from the left; column headers and numbers are centred.
                let label = slot.cell.isHeader && rowHasValues && slot.cell.rowSpan == 1
                // Table 三's longest labels (38 characters) fit two lines of its label column at 8 pt.
                let textSize = label && grid.table == .requests ? 16 : size
                let content =
                    slot.origin
                    ? "<w:p><w:pPr><w:spacing w:line=\"260\" w:lineRule=\"auto\"/><w:jc w:val=\"\(label ? "left" : "center")\"/></w:pPr>\(WordWriter.run(slot.cell.text, font: font, size: textSize))</w:p>"
                    : "<w:p/>"
                out += "<w:tc><w:tcPr>\(tcPr)</w:tcPr>\(content)</w:tc>"
                c += span
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }
}
