import AnnualReport

/// An Excel workbook people can use: one sheet per statutory table laid out as the notice prints it
/// (merged headers, numbers stored as numbers, a blank cell empty, the agency and year on top, the
/// header frozen), and a sheet with one row per cell for analysis.
public enum XLSXWriter {
    public static func render(_ document: ReportDocument) throws -> [UInt8] {
        let report = document.report
        let caption =
            "机关：\(report.agency ?? "（不详）")　年度：\(report.year.map(String.init) ?? "（不详）")" + (document.draft ? "　（草稿）" : "")
        var sheets = StatutoryGrid.all(report).map { grid in
            Sheet(name: grid.table.sheetName, xml: tableSheet(grid, caption: caption))
        }
        sheets.append(Sheet(name: "全部单元格", xml: cellSheet(CellTable.rows(report), draft: document.draft)))
        return try workbook(sheets)
    }

    /// Any rows of cells (a selection of many reports, say), on one sheet.
    public static func render(rows cellRows: [(text: [String], value: CellNumber?)], draft: Bool = false) throws -> [UInt8] {
        try workbook([Sheet(name: "单元格", xml: cellSheet(cellRows, draft: draft))])
    }

    /// A table of text on one sheet: the header bold and frozen, every value text (never a formula).
    public static func table(sheet name: String, header: [String], rows: [[String]]) throws -> [UInt8] {
        var xml = ""
        for (r, values) in ([header] + rows).enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, value) in values.enumerated() { xml += text("\(column(c))\(r + 1)", value, style: r == 0 ? 4 : 0) }
            xml += "</row>"
        }
        let widths = header.indices.map { c in
            min(60, max(8, Double(([header] + rows.prefix(200)).map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 8) * 2))
        }
        return try workbook([Sheet(name: name, xml: worksheet(columns: widths, frozenRows: 1, rows: xml, merges: []))])
    }

    struct Sheet {
        let name: String
        let xml: String
    }

    /// Cell styles: 0 plain; 1 a bordered, centred, wrapped header; 2 a bordered row label, left; 3 a
    /// bordered number, centred; 4 the caption, bold.
    static let styles =
        OfficePackage.header
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="10"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#

    /// A column's letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let digit = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func text(_ ref: String, _ value: String, style: Int = 0) -> String {
        "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(OfficePackage.escape(value))</t></is></c>"
    }

    static func number(_ ref: String, _ value: CellNumber, style: Int = 0) -> String {
        "<c r=\"\(ref)\" s=\"\(style)\"><v>\(value)</v></c>"
    }

    static func worksheet(columns widths: [Double], frozenRows: Int, rows: String, merges: [String]) -> String {
        let cols = widths.enumerated().map { "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\($1)\" customWidth=\"1\"/>" }
            .joined()
        let pane =
            frozenRows > 0
            ? "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            : ""
        let mergeXML =
            merges.isEmpty
            ? ""
            : "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        return OfficePackage.header
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(pane)<cols>\(cols)</cols><sheetData>\(rows)</sheetData>\(mergeXML)</worksheet>"
    }

    /// A statutory table as the notice prints it, under a caption row.
    static func tableSheet(_ grid: StatutoryGrid, caption: String) -> String {
        let matrix = GridMatrix(grid)
        var rows = "<row r=\"1\">" + text("A1", caption, style: 4) + "</row>"
        var merges: [String] = []
        for (r, row) in matrix.cells.enumerated() {
            let excelRow = r + 2
            let rowHasValues = grid.rows[r].contains(where: \.isValue)
            var cells = ""
            for (c, slot) in row.enumerated() {
                let ref = "\(column(c))\(excelRow)"
                guard let slot else { continue }
                let cell = slot.cell
                if slot.origin && (cell.rowSpan > 1 || cell.columnSpan > 1) {
                    merges.append("\(ref):\(column(min(grid.columns, c + cell.columnSpan) - 1))\(excelRow + cell.rowSpan - 1)")
                }
                if !slot.origin {
                    cells += "<c r=\"\(ref)\" s=\"1\"/>"  // covered by a merge: bordered, empty
                } else if cell.isValue {
                    let value = CellNumber(parsing: cell.text[...])
                    cells += value.map { number(ref, $0, style: 3) } ?? "<c r=\"\(ref)\" s=\"3\"/>"
                } else {
                    cells += text(ref, cell.text, style: rowHasValues && cell.rowSpan == 1 ? 2 : 1)
                }
            }
            rows += "<row r=\"\(excelRow)\">\(cells)</row>"
        }
        let widths: [Double] =
            switch grid.table {
            case .requests: [6, 8, 30] + Array(repeating: 9, count: max(0, grid.columns - 3))
            case .appeals: Array(repeating: 7, count: grid.columns)
            case .proactive: [26] + Array(repeating: 16, count: max(0, grid.columns - 1))
            }
        return worksheet(columns: widths, frozenRows: 1 + WordTable.headerRows(grid), rows: rows, merges: merges)
    }

    /// One row per cell under a frozen header: agency, year, table, row, column, key, value.
    static func cellSheet(_ cellRows: [(text: [String], value: CellNumber?)], draft: Bool) -> String {
        let header = CellTable.header + (draft ? ["状态"] : [])
        var rows = "<row r=\"1\">" + header.enumerated().map { text("\(column($0))1", $1, style: 1) }.joined() + "</row>"
        let valueColumn = column(CellTable.header.count - 1)
        for (n, row) in cellRows.enumerated() {
            let r = n + 2
            var cells = row.text.enumerated().map { text("\(column($0))\(r)", $1) }.joined()
            if let v = row.value { cells += number("\(valueColumn)\(r)", v) }
            if draft { cells += text("\(column(CellTable.header.count))\(r)", "草稿") }
            rows += "<row r=\"\(r)\">\(cells)</row>"
        }
        return worksheet(
            columns: [24, 6, 6, 34, 16, 36, 10] + (draft ? [6] : []), frozenRows: 1, rows: rows, merges: [])
    }

    static func workbook(_ sheets: [Sheet]) throws -> [UInt8] {
        let sheetParts = sheets.indices.map { "/xl/worksheets/sheet\($0 + 1).xml" }
        var parts: [(path: String, content: String)] = [
            (
                "[Content_Types].xml",
                OfficePackage.contentTypes(
                    [
                        ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                        ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                    ]
                        + sheetParts.map { ($0, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml") })
            ),
            ("_rels/.rels", OfficePackage.relationship(type: "officeDocument", target: "xl/workbook.xml")),
            (
                "xl/workbook.xml",
                OfficePackage.header
                    + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
                    + sheets.enumerated().map {
                        "<sheet name=\"\(OfficePackage.escape($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>"
                    }.joined() + "</sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                OfficePackage.relationships(
                    sheets.indices.map { ("worksheet", "worksheets/sheet\($0 + 1).xml") } + [("styles", "styles.xml")])
            ),
            ("xl/styles.xml", styles),
        ]
        for (n, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(n + 1).xml", sheet.xml)) }
        return try OfficePackage.zip(parts)
    }
}

extension TableID {
    /// The sheet of this table in the workbook.
    var sheetName: String {
        switch self {
        case .proactive: "表二 主动公开"
        case .requests: "表三 依申请公开"
        case .appeals: "表四 复议诉讼"
        }
    }
}
