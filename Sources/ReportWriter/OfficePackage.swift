import AnnualReport
import Foundation
import ZIPFoundation

/// Writes the parts of an Office Open XML package (DOCX, XLSX) into a ZIP archive in memory.
enum OfficePackage {
    static func zip(_ parts: [(path: String, content: String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let data = Data(part.content.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Data.Index(position)..<Data.Index(position) + size) })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// `[Content_Types].xml` with the package's main parts.
    static func contentTypes(_ overrides: [(part: String, type: String)]) -> String {
        header
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
            + overrides.map { #"<Override PartName="\#($0.part)" ContentType="\#($0.type)"/>"# }.joined() + "</Types>"
    }

    /// A relationships part with one relationship.
    static func relationship(type: String, target: String) -> String {
        header
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/\#(type)" Target="\#(target)"/></Relationships>"#
    }

    /// Escapes text for XML and HTML; control characters XML does not allow are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// An Excel workbook with one sheet, one row per cell.
public enum XLSXWriter {
    public static func render(_ document: ReportDocument) throws -> [UInt8] {
        try render(rows: CellTable.rows(document.report), draft: document.draft)
    }

    /// Any rows of cells (a selection of many reports, say).
    public static func render(rows cellRows: [(text: [String], value: CellNumber?)], draft: Bool = false) throws -> [UInt8] {
        var rows = ""
        func cell(_ ref: String, _ text: String) -> String {
            "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(OfficePackage.escape(text))</t></is></c>"
        }
        func column(_ i: Int) -> String { String(UnicodeScalar(UInt8(65 + i))) }
        let header = CellTable.header + (draft ? ["状态"] : [])
        rows += "<row r=\"1\">" + header.enumerated().map { cell("\(column($0))1", $1) }.joined() + "</row>"
        for (n, row) in cellRows.enumerated() {
            let r = n + 2
            var cells = row.text.enumerated().map { cell("\(column($0))\(r)", $1) }.joined()
            if let v = row.value { cells += "<c r=\"G\(r)\"><v>\(v)</v></c>" }
            if draft { cells += cell("H\(r)", "草稿") }
            rows += "<row r=\"\(r)\">\(cells)</row>"
        }
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows)</sheetData></worksheet>
            """
        return try OfficePackage.zip([
            (
                "[Content_Types].xml",
                OfficePackage.contentTypes([
                    ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                    ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
                ])
            ),
            ("_rels/.rels", OfficePackage.relationship(type: "officeDocument", target: "xl/workbook.xml")),
            (
                "xl/workbook.xml",
                OfficePackage.header
                    + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="年度报告" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
            ("xl/_rels/workbook.xml.rels", OfficePackage.relationship(type: "worksheet", target: "worksheets/sheet1.xml")),
            ("xl/worksheets/sheet1.xml", sheet),
        ])
    }
}
