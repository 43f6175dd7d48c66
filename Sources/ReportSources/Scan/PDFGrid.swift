import Foundation
import ReportReader

/// A text PDF read a second way: the words of its text layer placed in the cells that the rules of
/// each page image make — a table row is its cells in order, an empty cell a known blank, however
/// the layout wraps a label. Its reading checks and fills the reading of `pdftotext -layout`.
enum PDFGrid {
    /// Pages are rendered at this resolution to find their rules.
    static let resolution = 150

    /// The reader text of the first `ScannedDocument.pageLimit` pages, the page of each of its lines,
    /// and the 1-based lines that are ruled table rows; nil when no page has a ruled table.
    static func text(pdfAt pdf: URL, in folder: URL, origin: String) async throws -> Grid? {
        let limit = String(ScannedDocument.pageLimit)
        let layout = try await ExternalTool.pdftotext.run(
            ["-bbox-layout", "-enc", "UTF-8", "-l", limit, pdf.path, "-"], origin: origin)
        let words = PDFWords.pages(inBBoxLayout: layout, resolution: resolution)
        _ = try await ExternalTool.pdftoppm.run(
            ["-r", String(resolution), "-gray", "-l", limit] + ScannedDocument.rasterLimit
                + [pdf.path, folder.appendingPathComponent("grid").path], origin: origin)
        let images = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("grid") && $0.hasSuffix(".pgm") }.sorted()
        guard images.count == words.count else { return nil }
        var lines: [String] = []
        var pages: [Int] = []
        var rows: Set<Int> = []
        var anchors: [TextOrigins.Anchor] = []
        for (index, file) in images.enumerated() {
            guard let image = GrayImage(pgm: [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))) else {
                return nil
            }
            let ruled = RuledTableRows.rows(in: image)
            let (cellWords, running) = ScannedPage.place(words[index], in: ruled)
            let tableRows = cellWords.map { cells in
                let texts = cells.map(ScannedPage.text(of:))
                return ScannedRow(texts.map(judgement), pageTexts: texts, exactText: true)
            }
            let page = ScannedPage.compose(
                rows: ruled, tableRows: tableRows, running: running, width: image.width, height: image.height)
            anchors += page.anchors(page: index + 1, kind: "PDF", first: lines.count + 1)
            rows.formUnion(page.tableLines.map { lines.count + $0 + 1 })
            lines += page.lines
            pages += Array(repeating: index + 1, count: page.lines.count)
        }
        return rows.isEmpty
            ? nil
            : Grid(text: lines.joined(separator: "\n"), pages: pages, tableLines: rows, origins: TextOrigins(anchors: anchors))
    }

    /// The reader text of a PDF's grid.
    struct Grid: Sendable {
        let text: String
        /// The page of each line.
        let pages: [Int]
        /// The 1-based lines that are ruled table rows: only cells read from them count.
        let tableLines: Set<Int>
        /// The page, and for table cells the box, of each piece of the text.
        let origins: TextOrigins
    }

    /// A cell of the text layer: its text is exact, so a number is one both readings agree on.
    static func judgement(_ text: String) -> CellReading.Judgement {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .init(blank: true) }
        if CellReading.isBlankMark(trimmed) { return .init(label: "—", blank: true) }
        if CellReading.number(in: trimmed) != nil { return .init(number: (trimmed, .agreed)) }
        return .init(label: trimmed)
    }
}
