import AnnualReport

/// The report as one HTML page in the statutory layout: the six sections, the three tables with their
/// merged header cells and the 勾稽关系 note, a print stylesheet for A4, readable on a phone.
public enum HTMLWriter {
    public static func render(_ document: ReportDocument) -> String {
        var body = ""
        if document.draft { body += "<div class=\"draft\">\(escape(ReportDocument.draftMark))</div>\n" }
        body += "<h1>\(escape(document.title))</h1>\n<p class=\"opening\">\(escape(document.opening))</p>\n"
        for id in SectionID.allCases {
            body += "<h2>\(escape(id.title))</h2>\n"
            if let grid = document.grid(for: id) {
                body += table(grid)
            } else {
                for p in document.paragraphs(id) { body += "<p>\(escape(p))</p>\n" }
            }
        }
        body += "<p class=\"signature\">\(escape(document.report.agency ?? ""))<br>\(escape(document.dateLine ?? ""))</p>\n"
        return page(title: document.title, style: stylesheet, body: body)
    }

    /// A whole standalone page: the title (escaped here), its own stylesheet, and `body` (markup).
    static func page(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// One statutory table; `marks` gives a CSS class to the cells with these canonical keys (the
    /// web pages mark the cells a finding concerns) and `links` makes their values links.
    public static func table(_ grid: StatutoryGrid, marks: [String: String] = [:], links: [String: String] = [:]) -> String {
        var out = "<div class=\"table-wrap\"><table class=\"statutory t-\(grid.table.rawValue)\">\n"
        // The national template's column widths, so that a browser lays the table out as Word does.
        let widths = WordTable.columnWidths(grid)
        let total = Double(max(1, widths.reduce(0, +)))
        out +=
            "<colgroup>" + widths.map { "<col style=\"width: \(Double(Int($0 * 10_000 / Int(total))) / 100)%\">" }.joined()
            + "</colgroup>\n"
        // The column headers in <thead>: a browser repeats them on every printed page.
        let headers = WordTable.headerRows(grid)
        if headers > 0 { out += "<thead>\n" }
        for (r, row) in grid.rows.enumerated() {
            if r == headers { out += headers > 0 ? "</thead>\n<tbody>\n" : "<tbody>\n" }
            out += "<tr>"
            let rowHasValues = row.contains(where: \.isValue)
            for cell in row {
                let tag = cell.isHeader ? "th" : "td"
                var attributes = cell.isHeader && rowHasValues && cell.rowSpan == 1 ? " class=\"label\"" : ""
                if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
                if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                var text = escape(cell.text)
                if let index = cell.cellIndex, let key = grid.cellKeys.indices.contains(index) ? grid.cellKeys[index] : nil {
                    attributes += " data-key=\"\(key)\""
                    if let mark = marks[key] { attributes += " class=\"\(mark)\"" }
                    if let link = links[key] { text = "<a href=\"\(escape(link))\">\(text)</a>" }
                }
                out += "<\(tag)\(attributes)>\(text)</\(tag)>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    static let stylesheet = """
        body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
               font-size: 16pt; line-height: 1.6; max-width: 210mm; margin: 0 auto; padding: 1em; color: #000; }
        h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt;
             text-align: center; font-weight: normal; margin: 1em 0; }
        h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 1em 0 0.5em; }
        p { text-indent: 2em; margin: 0.3em 0; }
        p.signature { text-align: right; text-indent: 0; margin-top: 2em; }
        .draft { border: 3px solid #c00; color: #c00; font-size: 18pt; text-align: center; padding: 0.4em; margin-bottom: 1em; }
        .table-wrap { overflow-x: auto; }
        table.statutory { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; line-height: 1.3; margin: 0.5em 0 1em; }
        table.statutory th, table.statutory td { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; }
        table.statutory th { font-weight: normal; } table.statutory th.label { text-align: left; }
        table.statutory td { font-family: "Times New Roman", serif; white-space: nowrap; }
        table.t-appeals { font-size: 9pt; }
        @media print {
          @page { size: A4; margin: 25mm 20mm; }
          body { max-width: none; padding: 0; }
          .table-wrap { overflow: visible; }
          table.statutory { page-break-inside: auto; }
          table.t-requests { font-size: 8pt; } table.t-appeals { font-size: 8pt; }
          thead { display: table-header-group; }
          tr { page-break-inside: avoid; break-inside: avoid; }
        }
        @media (max-width: 600px) { body { font-size: 14pt; } table.statutory { font-size: 9pt; } }
        """

    /// Escapes text for HTML.
    public static func escape(_ s: String) -> String { OfficePackage.escape(s) }
}
