import AnnualReport
import Foundation
import ReportReader
import ReportSources
import ReportWriter

/// The entry points `gongkai-fuzz` throws fuzz inputs at (scripts/fuzz), shared with the regression
/// test that replays the saved crashes (Tests/Fixtures/crashes/TARGET-*.bin). None of them reaches a
/// path that starts an external tool (PDF, OCR, LibreOffice).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `ReportReader.read(bytes:origin:)` on the raw bytes (encoding detection, then the reader).
    case reader
    /// `ReportReader.read(text:origin:)` on the bytes decoded as UTF-8 (replacement characters).
    case text
    /// The HTML adapter (`HTMLText.text(from:)`), its text then through `ReportReader.read(text:)`.
    case html
    /// The Word adapter (`WordText.text(from:origin:)`) on the bytes as a .docx ZIP archive.
    case docx
    /// The Word adapter on a generated minimal .docx whose `word/document.xml` is the fuzz input:
    /// reaches the XML parsing and table collection behind the ZIP layer.
    case docxml
    /// `ReportInput.read(bytes:origin:)`: report data as JSON or YAML.
    case input
    /// `ReportSources.readWithoutTools(bytes:origin:)`, the dispatcher by sniffed kind — only for the kinds read
    /// in-process (text, HTML, Word, other ZIP, binary); PDF, images and .doc are left alone.
    case sources

    /// The in-process steps of reading a scan (`ScanPreflight`): a page image wrapped in a PDF, and
    /// the bytes as a greyscale PGM raster with its ruled table rows and glyphs.
    case image

    /// The origin reports and errors carry.
    public var origin: String { "fuzz-\(rawValue)" }

    /// Runs the input through this target's entry point; thrown errors are an outcome, not a failure.
    public func run(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            switch self {
            case .reader:
                return .report(try ReportReader.read(bytes: bytes, origin: origin))
            case .text:
                return .report(try ReportReader.read(text: String(decoding: bytes, as: UTF8.self), origin: origin))
            case .html:
                return .report(try ReportReader.read(text: HTMLText.text(from: bytes), origin: origin))
            case .docx:
                return .report(try ReportReader.read(text: WordText.text(from: bytes, origin: origin), origin: origin))
            case .docxml:
                let archive = MinimalDocx.archive(documentXML: bytes)
                return .report(try ReportReader.read(text: WordText.text(from: archive, origin: origin), origin: origin))
            case .input:
                return .report(try ReportInput.read(bytes: bytes, origin: origin))
            case .sources:
                let kind = SourceKind.sniff(bytes, name: origin)
                guard ![.pdf, .image, .legacyWord].contains(kind) else {
                    return .skipped("\(kind.rawValue) is read by an external tool")
                }
                return .report(try ReportSources.readWithoutTools(bytes: bytes, origin: origin))
            case .image:
                let (wrapped, cells) = ScanPreflight.run(bytes)
                return .skipped("image: wrapped \(wrapped), table cells \(cells.map(String.init) ?? "none")")
            }
        } catch {
            return .failed(error)
        }
    }
}

/// What an entry point did with an input.
public enum FuzzOutcome {
    case report(Report)
    case failed(any Error)
    /// The input would go to an external tool (`sources`), or the target makes no report (`image`).
    case skipped(String)

    /// A broken promise of the reading API, or nil: every error is a `ReadError` or `InputError`
    /// with a message, and a report holds one cell per cell of its layout. The fuzzer traps on it.
    public var violation: String? {
        switch self {
        case .report(let report):
            if report.cells.count != report.format.cells.count {
                return "report has \(report.cells.count) cells; its layout \(report.format.cells.count)"
            }
            return nil
        case .failed(let error):
            let description: String
            switch error {
            case let e as ReadError: description = e.description
            case let e as InputError: description = e.description
            default: return "threw \(type(of: error)), not a ReadError or InputError: \(error)"
            }
            return description.isEmpty ? "error with an empty description" : nil
        case .skipped:
            return nil
        }
    }
}

/// A .docx archive with just enough in it for the Word adapter: `[Content_Types].xml` and
/// `word/document.xml`, both stored (no compression), with correct CRC-32s.
public enum MinimalDocx {
    public static func archive(documentXML: [UInt8]) -> [UInt8] {
        let contentTypes = Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """.utf8)
        return zip([("[Content_Types].xml", contentTypes), ("word/document.xml", documentXML)])
    }

    /// A ZIP archive of stored entries.
    public static func zip(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ b: inout [UInt8]) { for k in 0..<4 { b.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = crc32(entry.data)
            let size = UInt32(truncatingIfNeeded: entry.data.count)
            let offset = UInt32(truncatingIfNeeded: out.count)
            u32(0x0403_4B50, &out)
            u16(20, &out); u16(0, &out); u16(0, &out)  // version needed, flags, stored
            u16(0, &out); u16(0x21, &out)  // time, date (1980-01-01)
            u32(crc, &out); u32(size, &out); u32(size, &out)
            u16(name.count, &out); u16(0, &out)
            out += name
            out += entry.data
            u32(0x0201_4B50, &central)
            u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(size, &central); u32(size, &central)
            u16(name.count, &central); u16(0, &central); u16(0, &central)  // name, extra, comment
            u16(0, &central); u16(0, &central); u32(0, &central)  // disk, internal, external attributes
            u32(offset, &central)
            central += name
        }
        let centralOffset = UInt32(truncatingIfNeeded: out.count)
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(truncatingIfNeeded: central.count), &out); u32(centralOffset, &out)
        u16(0, &out)
        return out
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Seed inputs made from a report's text (`gongkai-fuzz seed KIND FILE`, used by scripts/fuzz): the
/// same report as an HTML page, a Word document, report data in JSON and YAML.
public enum FuzzSeeds {
    public static let kinds = ["html", "docx", "docxml", "json", "yaml"]

    public static func make(_ kind: String, fromText text: String) throws -> [UInt8]? {
        switch kind {
        case "html": return Array(html(text).utf8)
        case "docxml": return Array(documentXML(text).utf8)
        case "docx": return MinimalDocx.archive(documentXML: Array(documentXML(text).utf8))
        case "json", "yaml":
            let value = ReportJSON.value(of: try ReportReader.read(text: text, origin: "seed"), includeText: true)
            return Array((kind == "json" ? value.serialized() : yaml(value)).utf8)
        default: return nil
        }
    }

    /// Lines as `<p>`, runs of tab-separated lines as a table.
    public static func html(_ text: String) -> String {
        var out = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告_政府信息公开</title></head><body>\n"
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\t") {
                if !inTable { out += "<table>\n" }
                inTable = true
                out +=
                    "<tr>"
                    + line.split(separator: "\t", omittingEmptySubsequences: false).map { "<td>\(escaped($0))</td>" }.joined()
                    + "</tr>\n"
            } else {
                if inTable { out += "</table>\n" }
                inTable = false
                out += "<p>\(escaped(line))</p>\n"
            }
        }
        return out + (inTable ? "</table>\n" : "") + "</body></html>\n"
    }

    /// Lines as Word paragraphs; each tab-separated line as a table row.
    public static func documentXML(_ text: String) -> String {
        var body = ""
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\t") {
                if !inTable { body += "<w:tbl>" }
                inTable = true
                body += "<w:tr>"
                for cell in line.split(separator: "\t", omittingEmptySubsequences: false) {
                    body += "<w:tc><w:p><w:r><w:t>\(escaped(cell))</w:t></w:r></w:p></w:tc>"
                }
                body += "</w:tr>"
            } else {
                if inTable { body += "</w:tbl>" }
                inTable = false
                body += "<w:p><w:r><w:t>\(escaped(line))</w:t></w:r></w:p>"
            }
        }
        if inTable { body += "</w:tbl>" }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
    }

    /// Block-style YAML of a JSON value (arrays and strings in JSON's flow syntax, which YAML reads).
    public static func yaml(_ value: JSONValue, level: Int = 0) -> String {
        guard case .object(let members) = value else { return value.serialized(pretty: false) + "\n" }
        var out = ""
        let indent = String(repeating: "  ", count: level)
        for (key, member) in members {
            if case .object(let inner) = member, !inner.isEmpty {
                out += "\(indent)\(key):\n" + yaml(member, level: level + 1)
            } else {
                out += "\(indent)\(key): \(member.serialized(pretty: false))\n"
            }
        }
        return out
    }

    /// A libFuzzer dictionary (`-dict=`) for a target: the statutory headings, table titles, row and
    /// column labels and their spellings, numerals and units, plus the markup or keys of the target's
    /// format. Entries are at most 64 bytes (libFuzzer's limit), non-ASCII bytes escaped.
    public static func dictionary(for target: FuzzTarget) -> String {
        var words: [String] = SectionID.allCases.map(\.title) + TableID.allCases.map(\.title)
        var keys: Set<String> = []
        for format in [ReportFormat.v2019, .v2021, .v2021SingleOther] {
            for rows in format.rows.values {
                for row in rows {
                    words.append(row.label)
                    words += row.spellings.map(\.text)
                    if let group = row.group { words.append(group) }
                    words += row.columns.flatMap { [$0.label] + $0.noteWords }
                }
            }
            for cell in format.cells { keys.formUnion(cell.key.split(separator: ".").map(String.init)) }
        }
        words += HeaderVariant.known.flatMap { [$0.statutory, $0.variant] }
        words += [
            "（一）", "（二）", "（七）", "一、", "二、", "三、", "四、", "1.", "2.", "件", "条", "万元", "总计", "合计", "—", "－", "/",
            "0", "00", "9999999999999999999", "2019年", "2021年", "2024年度", "年度报告", "政府信息公开工作年度报告", "发布时间：",
            "\t", "\n", "\r\n", "|", "| --- |", "\u{3000}", "\u{FEFF}",
        ]
        switch target {
        case .html, .sources:
            words += [
                "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td colspan=\"2\">", "<td rowspan=\"3\">",
                "<p>", "<br>", "<div>", "<title>", "</title>", "<script>", "</script>", "<style>", "<!--", "-->", "&nbsp;",
                "&#x3000;", "&#12288;", "&amp;", "<meta charset=\"gbk\">", "<!DOCTYPE html>",
            ]
        case .docx, .docxml:
            words += [
                "<w:p>", "</w:p>", "<w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>",
                "<w:tab/>", "<w:br/>", "<w:gridSpan w:val=\"2\"/>", "<w:vMerge/>", "<w:tcPr>", "</w:tcPr>",
                "xml:space=\"preserve\"",
                "<![CDATA[", "]]>", "&lt;", "&#20214;", "<!ENTITY", "word/document.xml", "PK\u{3}\u{4}", "PK\u{1}\u{2}",
                "PK\u{5}\u{6}",
            ]
        case .input:
            words +=
                Array(keys) + [
                    "format: \"2021\"", "format: \"2019\"", "year: 2021", "agency: ", "published: 2022-01-20",
                    "variant: single-other-row",
                    "sections:", "overview: |", ": null", ": ~", "{", "}", "[", "]", "\"", ": ", "  ", "- ", "&a ", "*a", "!!str",
                    "!!binary", "---", "...", "1e999", "-0", "0x1F", ".inf", "2021-02-30",
                ]
        case .reader, .text:
            words += ["\u{FF}\u{FE}", "\u{FE}\u{FF}", "\u{EF}\u{BB}\u{BF}"]
        case .image:
            words = [
                "P5\n", "255\n", "65535", "\u{89}PNG\r\n\u{1A}\n", "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "\u{FF}\u{D8}\u{FF}",
                "\u{FF}\u{C0}", "\u{FF}\u{C2}", "\u{FF}\u{DA}", "\u{FF}\u{D9}",
            ]
        }
        var seen: Set<[UInt8]> = []
        var out = "# libFuzzer dictionary for gongkai-fuzz \(target.rawValue) (made by gongkai-fuzz dict)\n"
        for word in words {
            // Escapes written as \u{XX} below 0x100 stand for that byte (BOMs, ZIP signatures).
            let bytes: [UInt8] =
                word.unicodeScalars.allSatisfy({ $0.value < 0x100 }) && word.unicodeScalars.contains(where: { $0.value >= 0x80 })
                ? word.unicodeScalars.map { UInt8($0.value) } : Array(word.utf8)
            guard !bytes.isEmpty, bytes.count <= 64, seen.insert(bytes).inserted else { continue }
            var entry = "\""
            for b in bytes {
                if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                    entry.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    entry += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
                }
            }
            out += entry + "\"\n"
        }
        return out
    }

    private static func escaped(_ s: Substring) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
