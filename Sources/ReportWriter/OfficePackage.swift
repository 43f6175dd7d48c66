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

    /// A relationships part: `rId1`, `rId2`, … in order.
    static func relationships(_ targets: [(type: String, target: String)]) -> String {
        header
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + targets.enumerated().map { n, t in
                #"<Relationship Id="rId\#(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/\#(t.type)" Target="\#(t.target)"/>"#
            }.joined() + "</Relationships>"
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
