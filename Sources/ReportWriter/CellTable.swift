import AnnualReport

/// One row per cell for analysts (CSV, XLSX): agency, year, table, row label, column label, key, value.
public enum CellTable {
    public static let header = ["机关", "年度", "表", "行", "列", "键", "值"]

    /// The rows of one report; `value` is nil for a blank cell.
    public static func rows(_ report: Report) -> [(text: [String], value: CellNumber?)] {
        report.format.cells.indices.map {
            row(agency: report.agency, year: report.year, format: report.format, cell: $0, value: report.cells[$0].value)
        }
    }

    /// One cell's row.
    public static func row(agency: String?, year: Int?, format: ReportFormat, cell index: Int, value: CellNumber?) -> (
        text: [String], value: CellNumber?
    ) {
        let cell = format.cells[index]
        let row = format.row(of: cell)
        let rowLabel = row.map { r in r.group.map { $0.hasPrefix("第") ? r.label : $0 + r.label } ?? r.label } ?? ""
        let table = "表" + cell.table.title.prefix(1)
        return (
            [agency ?? "", year.map(String.init) ?? "", table, rowLabel, format.column(of: cell)?.label ?? "", cell.key], value
        )
    }
}

/// CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly.
public enum CSVWriter {
    public static func render(_ document: ReportDocument) -> [UInt8] {
        render(rows: CellTable.rows(document.report), draft: document.draft)
    }

    /// Any rows of cells (a selection of many reports, say).
    public static func render(rows: [(text: [String], value: CellNumber?)], draft: Bool = false) -> [UInt8] {
        var lines = [CellTable.header + (draft ? ["状态"] : [])]
        for row in rows {
            lines.append(row.text.map(inert) + [row.value?.description ?? ""] + (draft ? ["草稿"] : []))
        }
        let text = lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// A table of text: a header and rows, every field made inert, UTF-8 with a BOM for Excel.
    public static func table(header: [String], rows: [[String]]) -> [UInt8] {
        let lines = [header] + rows.map { $0.map(inert) }
        let text = lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or CR first: an agency
    /// named `=HYPERLINK(…)`) gets a leading apostrophe, so that it opens as the text it is.
    static func inert(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
