import Foundation
import ReportReader

/// An HTML page as text the reader understands: every table row on its own line with its cells
/// separated by tabs (an empty cell between values becomes a blank mark), block elements on their own
/// lines, scripts, styles and comments dropped, entities decoded, the page's charset honoured. The
/// page title and publication time come first as `标题:` and `发布时间:` lines.
public enum HTMLText {
    /// Decodes the page with the charset it declares (many government sites still serve GBK/GB2312).
    public static func decode(_ bytes: [UInt8]) -> String {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        let declared = ["gb2312", "gbk", "gb18030"].contains { name in
            head.contains("charset=\(name)") || head.contains("charset=\"\(name)") || head.contains("charset='\(name)")
        }
        if declared, let text = String(data: Data(bytes), encoding: String.Encoding(rawValue: 0x8000_0632)) { return text }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let text = String(data: Data(bytes), encoding: String.Encoding(rawValue: 0x8000_0632)) { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The page as reader text.
    public static func text(from bytes: [UInt8]) -> String { document(from: bytes).text }

    /// The page as reader text, with where each paragraph and cell stands in the page's source
    /// (`HTML line:column`).
    static func document(from bytes: [UInt8]) -> (text: String, origins: TextOrigins) {
        var converter = Converter(Array(decode(bytes).unicodeScalars))
        converter.run()
        let body = converter.output.text
        var header = ""
        if let title = converter.title {
            let main = title.split(whereSeparator: { $0 == "_" || $0 == "|" || $0 == "—" }).first.map(String.init) ?? title
            header += "标题: \(main.trimmingCharacters(in: .whitespaces))\n"
        }
        if let date = publicationDate(in: body) { header += "发布时间: \(date)\n" }
        let headerLines = header.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        return (header + "\n" + body, converter.output.origins.shifted(byLines: headerLines))
    }

    /// `发布时间：2023-02-20`, `时间：2023-02-20 15:07`, `发布日期：2023年2月20日` in the page chrome.
    static func publicationDate(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        let labels = ["发布时间", "发布日期", "成文日期", "时间"].map { Array($0.unicodeScalars) }
        var i = 0
        while i < scalars.count {
            for label in labels where i + label.count + 12 <= scalars.count && scalars[i..<(i + label.count)].elementsEqual(label)
            {
                var k = i + label.count
                while k < scalars.count, scalars[k] == ":" || scalars[k] == "：" || scalars[k] == " " { k += 1 }
                var digits: [Int] = []
                var current: Int?
                var j = k
                while j < scalars.count, j - k < 12 {
                    let c = scalars[j]
                    if let d = c.properties.numericType != nil ? Int(String(c)) : nil, c.isASCII {
                        current = (current ?? 0) * 10 + d
                    } else if c == "-" || c == "/" || c == "." || c == "年" || c == "月" || c == "日" {
                        if let v = current { digits.append(v) }
                        current = nil
                        if c == "日" { break }
                    } else {
                        break
                    }
                    j += 1
                }
                if let v = current { digits.append(v) }
                if digits.count >= 3, (1990...2100).contains(digits[0]), (1...12).contains(digits[1]),
                    (1...31).contains(digits[2])
                {
                    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
                    return "\(digits[0])-\(pad(digits[1]))-\(pad(digits[2]))"
                }
            }
            i += 1
        }
        return nil
    }

    private struct Converter {
        let s: [Unicode.Scalar]
        var i = 0
        var output = TracedText()
        var title: String?
        var row: [String]?
        /// Where the current row's cells start in the source.
        var rowOffsets: [Int] = []
        var cell: String?
        var cellStart = 0
        var inTitle = false
        var titleText = ""

        init(_ s: [Unicode.Scalar]) {
            self.s = s
            output.source = SourceLines(kind: "HTML", scalars: s)
        }

        static let blocks: Set<String> = [
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
            "footer", "table", "tbody", "thead", "blockquote", "pre", "hr", "dd", "dt", "dl", "center", "form", "nav",
        ]

        mutating func run() {
            while i < s.count {
                if s[i] == "<" {
                    tag()
                } else {
                    var j = i
                    while j < s.count && s[j] != "<" { j += 1 }
                    text(decodeEntities(s[i..<j]))
                    i = j
                }
            }
            endRow()
        }

        mutating func text(_ collapsed: String) {
            if inTitle {
                titleText += collapsed
            } else if cell != nil {
                cell? += collapsed
            } else if row == nil {
                if let first = s[i...].firstIndex(where: { !$0.properties.isWhitespace }), s[first] != "<" {
                    output.mark(offset: first)
                }
                output.append(collapsed)
            }
        }

        mutating func breakLine() {
            if cell != nil {
                cell? += " "
            } else if row == nil {
                output.append("\n")
            }
        }

        mutating func endCell() {
            if let c = cell, row != nil {
                row?.append(c.trimmingCharacters(in: .whitespaces))
                rowOffsets.append(cellStart)
            }
            cell = nil
        }

        mutating func endRow() {
            endCell()
            guard let cells = row else { return }
            row = nil
            let offsets = rowOffsets
            output.appendRow(cells, before: "\n") { text, cell in
                if offsets.indices.contains(cell) { text.mark(offset: offsets[cell]) }
            }
            rowOffsets = []
        }

        mutating func tag() {
            let tagStart = i
            // Comments
            if matches("<!--") {
                i = find("-->").map { $0 + 3 } ?? s.count
                return
            }
            var j = i + 1
            let closing = j < s.count && s[j] == "/"
            if closing { j += 1 }
            var name = ""
            while j < s.count, s[j].properties.isAlphabetic || (s[j].value >= 48 && s[j].value <= 57) {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            guard !name.isEmpty || s.count > j && (s[j] == "!" || s[j] == "?") else {
                text("<")
                i += 1
                return
            }
            // Skip to the end of the tag, respecting quoted attribute values.
            var quote: Unicode.Scalar?
            while j < s.count {
                let c = s[j]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    break
                }
                j += 1
            }
            i = min(s.count, j + 1)
            name = name.lowercased()
            if !closing && (name == "script" || name == "style" || name == "noscript" || name == "template") {
                i = find("</" + name).map { k in (k..<s.count).first { s[$0] == ">" }.map { $0 + 1 } ?? s.count } ?? s.count
                return
            }
            switch (name, closing) {
            case ("title", false): inTitle = true
            case ("title", true):
                inTitle = false
                if title == nil { title = titleText.trimmingCharacters(in: .whitespaces) }
            case ("tr", false):
                endRow()
                row = []
                rowOffsets = []
            case ("tr", true): endRow()
            case ("td", false), ("th", false):
                endCell()
                if row == nil { row = [] }
                cell = ""
                cellStart = tagStart
            case ("td", true), ("th", true): endCell()
            case ("table", _):
                endRow()
                output.append("\n")
            default:
                if Self.blocks.contains(name) { breakLine() }
            }
        }

        func matches(_ literal: String) -> Bool {
            let l = Array(literal.unicodeScalars)
            return i + l.count <= s.count && s[i..<(i + l.count)].elementsEqual(l)
        }

        func find(_ literal: String) -> Int? {
            let l = Array(literal.lowercased().unicodeScalars)
            var k = i
            while k + l.count <= s.count {
                var m = 0
                while m < l.count, lower(s[k + m]) == l[m] { m += 1 }
                if m == l.count { return k }
                k += 1
            }
            return nil
        }

        func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
            c.value >= 65 && c.value <= 90 ? Unicode.Scalar(c.value + 32) ?? c : c
        }
    }

    static let entities: [String: String] = [
        "nbsp": "\u{00A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "mdash": "—",
        "ndash": "–", "middot": "·", "hellip": "…", "times": "×", "yen": "¥", "copy": "©",
    ]

    /// `&nbsp;`, `&amp;`, `&#12345;`, `&#x3000;` → characters; line breaks and tabs → spaces.
    static func decodeEntities(_ text: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            guard c == "&", let semi = text[i..<min(text.endIndex, i + 12)].firstIndex(of: ";") else {
                // Source line breaks and tabs are only spacing in HTML.
                out.append(c == "\n" || c == "\r" || c == "\t" ? " " : c)
                i += 1
                continue
            }
            let name = String(String.UnicodeScalarView(text[(i + 1)..<semi]))
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16),
                let u = Unicode.Scalar(v)
            {
                out.append(u)
            } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                out.append(u)
            } else if let e = entities[name.lowercased()] {
                out.append(contentsOf: e.unicodeScalars)
            } else {
                out.append(contentsOf: text[i...semi])
            }
            i = semi + 1
        }
        return String(out)
    }
}
