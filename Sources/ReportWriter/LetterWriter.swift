/// A letter in the look of a government document (公文): the issuer's number (文号) top right, the
/// title in 小标宋 二号, the addressee, the body in 仿宋 三号 with two-character indents, the issuing
/// body and the date bottom right. The notices of a disclosure request are letters.
public struct Letter: Sendable, Equatable {
    /// 文号, e.g. `某统依公开〔2025〕12号`.
    public var number: String
    /// 政府信息公开申请补正告知书 …
    public var title: String
    /// Whom it is addressed to, e.g. `张三：`.
    public var addressee: String
    /// The body, one paragraph each.
    public var paragraphs: [String]
    /// The issuing body.
    public var issuer: String
    /// The date line, e.g. `2025年10月9日`.
    public var dateLine: String

    /// A letter.
    public init(number: String, title: String, addressee: String, paragraphs: [String], issuer: String, dateLine: String) {
        self.number = number
        self.title = title
        self.addressee = addressee
        self.paragraphs = paragraphs
        self.issuer = issuer
        self.dateLine = dateLine
    }
}

/// Writes letters as Word documents and HTML pages (for printing to PDF), in the report's fonts.
public enum LetterWriter {
    /// The letter as a Word document on A4 with the national template's margins.
    public static func word(_ letter: Letter) throws -> [UInt8] {
        var body = WordWriter.paragraph(letter.number, font: WordWriter.bodyFont, size: 32, right: true)
        body += WordWriter.paragraph(letter.title, font: WordWriter.titleFont, size: 44, center: true)
        body += WordWriter.paragraph(letter.addressee, font: WordWriter.bodyFont, size: 32)
        for paragraph in letter.paragraphs {
            body += WordWriter.paragraph(paragraph, font: WordWriter.bodyFont, size: 32, indent: true)
        }
        body += WordWriter.paragraph("", font: WordWriter.bodyFont, size: 32)
        body += WordWriter.paragraph(letter.issuer, font: WordWriter.bodyFont, size: 32, right: true)
        body += WordWriter.paragraph(letter.dateLine, font: WordWriter.bodyFont, size: 32, right: true)
        return try WordWriter.package(body: body)
    }

    /// The letter as one HTML page that prints to A4 as the Word document looks.
    public static func html(_ letter: Letter) -> String {
        let escape = HTMLWriter.escape
        let paragraphs = letter.paragraphs.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        let body = """
            <p class="number">\(escape(letter.number))</p>
            <h1>\(escape(letter.title))</h1>
            <p class="addressee">\(escape(letter.addressee))</p>
            \(paragraphs)
            <p class="issuer">\(escape(letter.issuer))<br>\(escape(letter.dateLine))</p>

            """
        return HTMLWriter.page(title: letter.title, style: style, body: body)
    }

    /// A4 with the 公文 margins, 仿宋 三号 body, 小标宋 二号 title.
    static let style = """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        body { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; max-width: 42em; margin: 1em auto; padding: 0 1em; }
        h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4; margin: 0.5em 0 1em; }
        p { margin: 0; text-indent: 2em; } p.number, p.issuer { text-align: right; text-indent: 0; } p.addressee { text-indent: 0; }
        p.issuer { margin-top: 2em; }
        """
}
