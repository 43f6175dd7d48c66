import AnnualReport
import Foundation
import ReportReader

/// A page image read for the reader: text lines top to bottom, ruled tables as rows of cells
/// (a known blank where a cell has no ink), and how each table number was recognised.
struct ScannedPage: Sendable {
    /// The page's lines.
    var lines: [String] = []
    /// For a number in a table cell: its 0-based line on this page, 1-based column, and how it was read.
    var readings: [(line: Int, column: Int, reading: CellReading)] = []

    /// Pixels inside a cell's box that are left out as its rules.
    static let ruleMargin = 5
    /// Fewer ink pixels than this in a cell is a speck, not writing.
    static let speck = 12

    /// Reads the page image at `path` (a binary PGM): tesseract over the whole page for its words,
    /// then over the table cells that may hold numbers, digits only, once in English and once in Chinese.
    static func read(pgmAt path: String, origin: String) async throws -> ScannedPage {
        guard let image = GrayImage(pgm: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))) else {
            throw ReadError(origin: origin, problem: .unsupported("a page image that is not an 8-bit greyscale PGM"))
        }
        let words = RecognisedWord.words(inTSV: try await OCRText.run(imageAt: path, origin: origin, model: .chinese))
        let rows = RuledTableRows.rows(in: image)

        // Each word goes to the cell its centre falls in; the rest is running text.
        var cellWords = rows.map { [[RecognisedWord]](repeating: [], count: $0.cells.count) }
        var running: [[Int]: [RecognisedWord]] = [:]
        for word in words {
            let x = word.box.centerX, y = word.box.centerY
            if let r = rows.firstIndex(where: { $0.band.contains(x: x, y: y) }),
                let c = rows[r].cells.firstIndex(where: { $0.contains(x: x, y: y) })
            {
                cellWords[r][c].append(word)
            } else {
                running[word.line, default: []].append(word)
            }
        }

        // A cell without ink is blank; every other one is read alone, twice.
        var inked: [(row: Int, cell: Int)] = []
        var inkBoxes: [PixelBox] = []
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.cells.enumerated() {
                guard let inner = cell.inset(by: ruleMargin), let ink = image.inkBounds(in: inner), image.ink(in: ink) >= speck
                else { continue }
                inked.append((r, c))
                inkBoxes.append(ink)
            }
        }
        let strip = CellStrip(inkBoxes, of: image)
        async let english = strip.texts(by: .digits, origin: origin)
        async let chinese = strip.texts(by: .chineseCells, origin: origin)
        let (inEnglish, inChinese) = try await (english, chinese)
        var firstValues: [Int] = []
        var judged = rows.map { [CellReading.Judgement](repeating: .init(text: "", reading: nil), count: $0.cells.count) }
        for (index, (r, c)) in inked.enumerated() {
            judged[r][c] = CellReading.judge(
                digits: inEnglish[index], chinese: inChinese[index], glyphs: image.glyphCount(in: inkBoxes[index]))
            // A label the cell pass could not read: the whole page's reading of it.
            if judged[r][c].reading == nil && judged[r][c].text.isEmpty {
                judged[r][c].text = Self.text(of: cellWords[r][c])
            }
        }
        // A lone character that may be a digit is one only in a row with a number both read alike.
        for r in rows.indices where !judged[r].contains(where: { $0.reading == .agreed }) {
            for c in judged[r].indices {
                if let label = judged[r][c].label { judged[r][c] = .init(text: label, reading: nil) }
            }
        }
        // Values are the cells right of the row's last label; a cell nothing could read stands for
        // a number only in a row where some number was read.
        var texts = judged.map { $0.map(\.text) }
        var readings = judged.map { $0.map(\.reading) }
        for r in rows.indices {
            let numbers = judged[r].contains { $0.reading.map { $0 != .disputed([]) } ?? false }
            let firstValue = (judged[r].indices.last { judged[r][$0].reading == nil && !judged[r][$0].text.isEmpty } ?? -1) + 1
            firstValues.append(firstValue)
            for c in judged[r].indices
            where readings[r][c] != nil && (c < firstValue || !numbers && readings[r][c] == .disputed([])) {
                texts[r][c] = ""
                readings[r][c] = nil
            }
        }

        // Rows and running lines, top to bottom.
        var items: [(y: Int, row: Int?, text: String)] = running.values.map { words in
            (words.map(\.box.top).min() ?? 0, nil, RecognisedWord.joined(words))
        }
        items += rows.indices.map { (rows[$0].band.top, $0, "") }
        var page = ScannedPage()
        for item in items.sorted(by: { ($0.y, $0.row ?? -1) < ($1.y, $1.row ?? -1) }) {
            guard let r = item.row else {
                page.lines.append(item.text)
                continue
            }
            // Label cells as they are, empty ones left out (a merged cell's other bands); then the values.
            let labels = texts[r][..<firstValues[r]].enumerated().filter { !$0.element.isEmpty }.map {
                (cell: $0.offset, text: $0.element)
            }
            guard
                let parts = TableRowText.parts(labels.map(\.text) + texts[r][firstValues[r]...]).map({ values in
                    labels + values.dropFirst(labels.count).map { (cell: $0.cell - labels.count + firstValues[r], text: $0.text) }
                })
            else { continue }
            var column = 1
            for part in parts {
                if let reading = readings[r][part.cell] { page.readings.append((page.lines.count, column, reading)) }
                column += part.text.unicodeScalars.count + 1
            }
            page.lines.append(parts.map(\.text).joined(separator: "\t"))
        }
        return page
    }

    /// A cell's words as one text: its lines top to bottom, each left to right.
    static func text(of words: [RecognisedWord]) -> String {
        let lines = Dictionary(grouping: words, by: \.line).values.sorted {
            ($0.map(\.box.top).min() ?? 0) < ($1.map(\.box.top).min() ?? 0)
        }
        return lines.map(RecognisedWord.joined).joined()
    }
}
