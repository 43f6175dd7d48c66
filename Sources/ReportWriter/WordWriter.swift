import AnnualReport

/// The report as a Word document in the look of government documents: the title in a 小标宋 heading
/// font at 二号, the body in 仿宋 at 三号, headings in 黑体, tables with borders and merged cells, A4.
/// Fonts are named the way Chinese government templates name them, with fallbacks Word and
/// LibreOffice substitute when they are missing.
public enum WordWriter {
    static let titleFont = "方正小标宋简体"
    static let bodyFont = "仿宋_GB2312"
    static let headingFont = "黑体"
    static let tableFont = "仿宋_GB2312"

    public static func render(_ document: ReportDocument) throws -> [UInt8] {
        var body = ""
        if document.draft {
            body += paragraph(ReportDocument.draftMark, font: headingFont, size: 32, center: true, color: "C00000")
        }
        body += paragraph(document.title, font: titleFont, size: 44, center: true)
        body += paragraph(document.opening, font: bodyFont, size: 32, indent: true)
        for id in SectionID.allCases {
            body += paragraph(id.title, font: headingFont, size: 32)
            if let grid = document.grid(for: id) {
                body += table(grid)
                body += paragraph("", font: bodyFont, size: 21)
            } else {
                for p in document.paragraphs(id) { body += paragraph(p, font: bodyFont, size: 32, indent: true) }
            }
        }
        body += paragraph(document.report.agency ?? "", font: bodyFont, size: 32, right: true)
        body += paragraph(document.dateLine ?? "", font: bodyFont, size: 32, right: true)
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
        return try OfficePackage.zip([
            (
                "[Content_Types].xml",
                OfficePackage.contentTypes([
                    ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
                    ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
                ])
            ),
            ("_rels/.rels", OfficePackage.relationship(type: "officeDocument", target: "word/document.xml")),
            ("word/_rels/document.xml.rels", OfficePackage.relationship(type: "styles", target: "styles.xml")),
            ("word/styles.xml", styles),
            ("word/document.xml", xml),
        ])
    }

    /// Default run properties: 仿宋 with the usual fallbacks for Latin text.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\(bodyFont)" w:cs="Times New Roman"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>
        """

    static func run(_ text: String, font: String, size: Int, color: String? = nil) -> String {
        let colorXML = color.map { "<w:color w:val=\"\($0)\"/>" } ?? ""
        return
            "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(font)\"/>\(colorXML)<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr><w:t xml:space=\"preserve\">\(OfficePackage.escape(text))</w:t></w:r>"
    }

    static func paragraph(
        _ text: String, font: String, size: Int, center: Bool = false, right: Bool = false, indent: Bool = false,
        color: String? = nil
    ) -> String {
        var pPr = ""
        if center { pPr += "<w:jc w:val=\"center\"/>" }
        if right { pPr += "<w:jc w:val=\"right\"/>" }
        if indent { pPr += "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>" }
        if size < 32 { pPr += "<w:spacing w:line=\"300\" w:lineRule=\"auto\"/>" }
        return "<w:p><w:pPr>\(pPr)</w:pPr>\(text.isEmpty ? "" : run(text, font: font, size: size, color: color))</w:p>"
    }

    /// A table with borders; merged cells as `gridSpan` (across) and `vMerge` (down).
    static func table(_ grid: StatutoryGrid) -> String {
        let matrix = GridMatrix(grid)
        let width = 9000 / grid.columns
        var out =
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
                "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            }
            .joined() + "</w:tblBorders><w:tblLayout w:type=\"autofit\"/></w:tblPr><w:tblGrid>"
            + String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: grid.columns) + "</w:tblGrid>"
        let size = grid.table == .appeals ? 18 : 21
        for (r, row) in matrix.cells.enumerated() {
            out += "<w:tr>"
            var c = 0
            while c < grid.columns {
                guard let slot = row[c] else {
                    out += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"
                    c += 1
                    continue
                }
                let span = slot.cell.columnSpan
                var tcPr = "<w:tcW w:w=\"\(width * span)\" w:type=\"dxa\"/>"
                if span > 1 { tcPr += "<w:gridSpan w:val=\"\(span)\"/>" }
                let continuesFromAbove = slot.originRow < r
                if slot.cell.rowSpan > 1 && slot.origin { tcPr += "<w:vMerge w:val=\"restart\"/>" }
                if continuesFromAbove { tcPr += "<w:vMerge/>" }
                tcPr += "<w:vAlign w:val=\"center\"/>"
                let content =
                    slot.origin
                    ? "<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:line=\"280\" w:lineRule=\"auto\"/></w:pPr>\(run(slot.cell.text, font: tableFont, size: size))</w:p>"
                    : "<w:p/>"
                out += "<w:tc><w:tcPr>\(tcPr)</w:tcPr>\(content)</w:tc>"
                c += span
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }
}
