import AnnualReport
import Foundation

/// The report as Markdown: headings, paragraphs, and the tables as pipe tables (merged cells written
/// once, the cells they cover left empty).
public enum MarkdownWriter {
    public static func render(_ document: ReportDocument) -> String {
        var out = "# \(document.title)\n\n"
        if document.draft { out += "> **\(ReportDocument.draftMark)**\n\n" }
        out += document.opening + "\n\n"
        for id in SectionID.allCases {
            out += "## \(id.title)\n\n"
            if let grid = document.grid(for: id) {
                out += table(grid) + "\n"
            } else {
                for p in document.paragraphs(id) { out += p + "\n\n" }
            }
        }
        if let agency = document.report.agency { out += "\(agency)\n\n" }
        if let date = document.dateLine { out += "\(date)\n" }
        return out
    }

    /// One table as a pipe table.
    public static func table(_ grid: StatutoryGrid) -> String {
        let matrix = GridMatrix(grid)
        var lines: [String] = []
        for (r, row) in matrix.cells.enumerated() {
            let texts = row.map { cell -> String in
                guard let cell, cell.origin else { return "" }
                return cell.cell.text.replacingOccurrences(of: "|", with: "｜")
            }
            lines.append("| " + texts.joined(separator: " | ") + " |")
            if r == 0 { lines.append("|" + String(repeating: "---|", count: grid.columns)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A grid expanded to a full matrix: each position knows the cell covering it and whether it is
/// that cell's top-left corner.
struct GridMatrix {
    struct Slot {
        let cell: GridCell
        /// The row where the covering cell begins.
        let originRow: Int
        let origin: Bool
    }

    var cells: [[Slot?]]

    init(_ grid: StatutoryGrid) {
        var matrix: [[Slot?]] = Array(repeating: Array(repeating: nil, count: grid.columns), count: grid.rows.count)
        for (r, row) in grid.rows.enumerated() {
            var c = 0
            for cell in row {
                while c < grid.columns, matrix[r][c] != nil { c += 1 }
                guard c < grid.columns else { break }
                for dr in 0..<cell.rowSpan where r + dr < matrix.count {
                    for dc in 0..<cell.columnSpan where c + dc < grid.columns {
                        matrix[r + dr][c + dc] = Slot(cell: cell, originRow: r, origin: dr == 0 && dc == 0)
                    }
                }
                c += cell.columnSpan
            }
        }
        cells = matrix
    }
}
