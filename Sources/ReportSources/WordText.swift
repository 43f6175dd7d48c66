import Foundation
import ReportReader
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A Word document (.docx) as reader text: paragraphs on their own lines, each table row on its own
/// line with its cells separated by tabs. Merged cells (`gridSpan`, `vMerge`) give one cell; an
/// empty cell between values becomes a blank mark.
public enum WordText {
    /// The text of `word/document.xml` in a .docx archive.
    public static func text(from bytes: [UInt8], origin: String) throws -> String {
        try document(from: bytes, origin: origin).text
    }

    /// The text, with where each paragraph and table cell stands in the document
    /// (`Word paragraph 12`, `Word table 2 row 7 cell 3`: paragraphs outside tables and tables
    /// counted from 1 in document order).
    static func document(from bytes: [UInt8], origin: String) throws -> (text: String, origins: TextOrigins) {
        let archive: Archive
        try ZIPPreflight.check(bytes, origin: origin)
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw ReadError(origin: origin, problem: .unsupported("the ZIP archive is damaged (\(error))"))
        }
        guard let entry = archive["word/document.xml"] else {
            throw ReadError(origin: origin, problem: .unsupported("a ZIP file, but not a Word document (no word/document.xml)"))
        }
        guard entry.uncompressedSize < 200_000_000 else {
            throw ReadError(origin: origin, problem: .tooLarge(bytes: Int(entry.uncompressedSize), limit: 200_000_000))
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) }
        } catch {
            throw ReadError(origin: origin, problem: .unsupported("the Word document is damaged (\(error))"))
        }
        // Foundation's XMLParser traps on a name that is not UTF-8 (`<\u{FF}>`): refuse such bytes first.
        guard String(validating: xml, as: UTF8.self) != nil else {
            throw ReadError(origin: origin, problem: .unsupported("word/document.xml is not UTF-8 text"))
        }
        let collector = DocumentCollector()
        let parser = XMLParser(data: xml)
        parser.delegate = collector
        guard parser.parse() else {
            throw ReadError(
                origin: origin,
                problem: .unsupported(
                    "word/document.xml is not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "unknown"))"))
        }
        return (collector.output.text, collector.output.origins)
    }

    private final class DocumentCollector: NSObject, XMLParserDelegate {
        var output = TracedText()
        private var paragraph = ""
        private var inText = false
        /// Open tables: the current row's cells and the cell being read.
        private var rows: [[String]?] = []
        private var cells: [String?] = []
        /// Open tables: their number, and the current row's number and cells' places.
        private var tables: [(number: Int, row: Int, places: [String])] = []
        private var tablesSeen = 0
        private var paragraphsSeen = 0

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch local(name) {
            case "t": inText = true
            case "tab": paragraph += " "
            case "br", "cr": paragraph += " "
            case "tbl":
                flushParagraph()
                rows.append(nil)
                cells.append(nil)
                tablesSeen += 1
                tables.append((tablesSeen, 0, []))
            case "tr":
                if !rows.isEmpty { rows[rows.count - 1] = [] }
                if let last = tables.indices.last {
                    tables[last].row += 1
                    tables[last].places = []
                }
            case "tc": if !cells.isEmpty { cells[cells.count - 1] = "" }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch local(name) {
            case "t": inText = false
            case "p":
                if cells.last.map({ $0 != nil }) ?? false {
                    cells[cells.count - 1]? += paragraph + " "
                    paragraph = ""
                } else {
                    paragraphsSeen += 1
                    flushParagraph()
                }
            case "tc":
                guard !cells.isEmpty, !rows.isEmpty else { return }
                let text = (cells[cells.count - 1] ?? "").trimmingCharacters(in: .whitespaces)
                rows[rows.count - 1]?.append(text)
                cells[cells.count - 1] = nil
                if let last = tables.indices.last {
                    let table = tables[last]
                    tables[last].places.append("Word table \(table.number) row \(table.row) cell \(table.places.count + 1)")
                }
            case "tr":
                guard let row = rows.last ?? nil else { return }
                emit(row)
                rows[rows.count - 1] = nil
            case "tbl":
                if !rows.isEmpty { rows.removeLast() }
                if !cells.isEmpty { cells.removeLast() }
                if !tables.isEmpty { tables.removeLast() }
                output.append("\n")
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { paragraph += string }
        }

        private func flushParagraph() {
            if !paragraph.isEmpty { output.mark("Word paragraph \(paragraphsSeen)") }
            output.append(paragraph + "\n")
            paragraph = ""
        }

        private func emit(_ row: [String]) {
            if cells.count > 1, cells[cells.count - 2] != nil {
                // A table inside a cell: its rows are the outer cell's text.
                guard let text = TableRowText.line(row) else { return }
                cells[cells.count - 2]? += text + "\n"
            } else {
                let places = tables.last?.places ?? []
                output.appendRow(row) { text, cell in
                    if places.indices.contains(cell) { text.mark(places[cell]) }
                }
            }
        }

        private func local(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}
