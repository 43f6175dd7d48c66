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
                body += WordTable.xml(grid)
                body += paragraph("", font: bodyFont, size: 21)
            } else {
                for p in document.paragraphs(id) { body += paragraph(p, font: bodyFont, size: 32, indent: true) }
            }
        }
        body += paragraph(document.report.agency ?? "", font: bodyFont, size: 32, right: true)
        body += paragraph(document.dateLine ?? "", font: bodyFont, size: 32, right: true)
        return try package(body: body)
    }

    /// A Word package around a document body: A4, the template's margins, the fonts and styles.
    static func package(body: String) throws -> [UInt8] {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
        return try OfficePackage.zip([
            (
                "[Content_Types].xml",
                OfficePackage.contentTypes([
                    ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
                    ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
                    ("/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"),
                ])
            ),
            ("_rels/.rels", OfficePackage.relationship(type: "officeDocument", target: "word/document.xml")),
            (
                "word/_rels/document.xml.rels",
                OfficePackage.relationships([("styles", "styles.xml"), ("fontTable", "fontTable.xml")])
            ),
            ("word/styles.xml", styles),
            ("word/fontTable.xml", fontTable),
            ("word/document.xml", xml),
        ])
    }

    /// The fonts the document names, each with the common font WPS, Word or LibreOffice falls back to
    /// when it is not installed (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋), all in the GB2312 character
    /// set, so that a Chinese font is chosen rather than a Latin one.
    static let fontTable =
        OfficePackage.header
        + "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        + [
            (titleFont, "宋体", "roman"), (bodyFont, "仿宋", "modern"), (headingFont, "SimHei", "modern"),
            (WordTable.font, "SimSun", "auto"),
        ]
        .map { name, alternative, family in
            "<w:font w:name=\"\(name)\"><w:altName w:val=\"\(alternative)\"/><w:charset w:val=\"86\"/><w:family w:val=\"\(family)\"/><w:pitch w:val=\"fixed\"/></w:font>"
        }.joined() + "</w:fonts>"

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
}
