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
    /// The 0-based lines that are rows of a ruled table.
    var tableLines: Set<Int> = []
    /// For each table cell in the text: its 0-based line, 1-based column, and its box on the page.
    var cellBoxes: [(line: Int, column: Int, box: PixelBox)] = []
    /// The page image's size, for the boxes' places.
    var width = 0, height = 0

    /// Pixels inside a cell's box that are left out as its rules.
    static let ruleMargin = 5
    /// Fewer ink pixels than this in a cell is a speck, not writing.
    static let speck = 12

    /// Reads the page image at `path` (a binary PGM): tesseract over the whole page for its words,
    /// then over every table cell with ink: once in English, digits only, and once in Chinese.
    static func read(pgmAt path: String, origin: String) async throws -> ScannedPage {
        guard let image = GrayImage(pgm: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))) else {
            throw ReadError(origin: origin, problem: .unsupported("a page image that is not an 8-bit greyscale PGM"))
        }
        let words = RecognisedWord.words(inTSV: try await OCRText.run(imageAt: path, origin: origin, model: .chinese))
        let rows = RuledTableRows.rows(in: image)

        let (cellWords, running) = place(words, in: rows)

        // A cell without ink is blank; every other one is read alone, twice.
        let found = inkedCells(of: rows, in: image)
        let inked = found.map { ($0.row, $0.cell) }, inkBoxes = found.map(\.ink)
        guard CellStrip.fits(inkBoxes) else {
            throw ReadError(
                origin: origin, problem: .unsupported("a page with \(inkBoxes.count) table cells, more than a report has"))
        }
        let strip = CellStrip(inkBoxes, of: image)
        async let english = strip.texts(by: .digits, origin: origin)
        async let chinese = strip.texts(by: .chineseCells, origin: origin)
        let (inEnglish, inChinese) = try await (english, chinese)
        var judged = rows.map { [CellReading.Judgement](repeating: .init(blank: true), count: $0.cells.count) }
        for (index, (r, c)) in inked.enumerated() {
            let ink = inkBoxes[index], glyphs = image.glyphCount(in: ink)
            // A dash: one stroke, twice as wide as tall and low beside the row (a rule's remnant
            // above a digit makes a box as tall as the digit).
            let dash = glyphs == 1 && ink.width >= 2 * ink.height && ink.height * 4 <= rows[r].band.height
            judged[r][c] = CellReading.judge(
                digits: inEnglish[index], chinese: inChinese[index], glyphs: glyphs, dash: dash)
        }
        let tableRows = rows.indices.map { r in
            ScannedRow(judged[r], pageTexts: cellWords[r].map(Self.text(of:)))
        }

        return compose(rows: rows, tableRows: tableRows, running: running, width: image.width, height: image.height)
    }

    /// The cells with ink, and the box of their ink inside the rules; the others are blank.
    static func inkedCells(of rows: [RuledTableRows.Row], in image: GrayImage) -> [(row: Int, cell: Int, ink: PixelBox)] {
        var inked: [(row: Int, cell: Int, ink: PixelBox)] = []
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.cells.enumerated() {
                guard let inner = cell.inset(by: ruleMargin), let ink = image.inkBounds(in: inner), image.ink(in: ink) >= speck
                else { continue }
                inked.append((r, c, ink))
            }
        }
        return inked
    }

    /// Each word in the cell its centre falls in; the rest as running text, by printed line.
    static func place(_ words: [RecognisedWord], in rows: [RuledTableRows.Row]) -> (
        cells: [[[RecognisedWord]]], running: [[RecognisedWord]]
    ) {
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
        return (cellWords, Array(running.values))
    }

    /// The page's lines top to bottom: running lines, and each table row as its labels and values.
    static func compose(
        rows: [RuledTableRows.Row], tableRows: [ScannedRow], running: [[RecognisedWord]], width: Int, height: Int
    ) -> ScannedPage {
        var items: [(y: Int, row: Int?, text: String)] = running.map { words in
            (words.map(\.box.top).min() ?? 0, nil, CellReading.mendingBrackets(RecognisedWord.joined(words)))
        }
        items += rows.indices.map { (rows[$0].band.top, $0, "") }
        var page = ScannedPage(width: width, height: height)
        for item in items.sorted(by: { ($0.y, $0.row ?? -1) < ($1.y, $1.row ?? -1) }) {
            guard let r = item.row else {
                page.lines.append(item.text)
                continue
            }
            guard let parts = tableRows[r].parts else { continue }
            var column = 1
            for part in parts {
                if let reading = tableRows[r].readings[part.cell] { page.readings.append((page.lines.count, column, reading)) }
                if rows[r].cells.indices.contains(part.cell) {
                    page.cellBoxes.append((page.lines.count, column, rows[r].cells[part.cell]))
                }
                column += part.text.unicodeScalars.count + 1
            }
            page.tableLines.insert(page.lines.count)
            page.lines.append(parts.map(\.text).joined(separator: "\t"))
        }
        return page
    }

    /// Where the page's lines, starting at text line `first` (1-based), came from: `PDF page 3`, and
    /// for a table cell its box as shares of the page, `PDF page 3, x 12–48%, y 30–33%`.
    func anchors(page: Int, kind: String, first: Int) -> [TextOrigins.Anchor] {
        let place = "\(kind) page \(page)"
        func percent(_ pixels: Int, of whole: Int) -> Int {
            whole > 0 ? Int((Double(pixels) * 100 / Double(whole)).rounded()) : 0
        }
        var boxes = cellBoxes[...]
        var anchors: [TextOrigins.Anchor] = []
        for line in lines.indices {
            anchors.append(TextOrigins.Anchor(line: first + line, column: 1, place: place))
            while let cell = boxes.first, cell.line == line {
                let box = cell.box
                anchors.append(
                    TextOrigins.Anchor(
                        line: first + line, column: cell.column,
                        place:
                            "\(place), x \(percent(box.left, of: width))–\(percent(box.right, of: width))%, y \(percent(box.top, of: height))–\(percent(box.bottom, of: height))%"
                    ))
                boxes = boxes.dropFirst()
            }
        }
        return anchors
    }

    /// A cell's words as one text: its lines top to bottom, each left to right.
    static func text(of words: [RecognisedWord]) -> String {
        let lines = Dictionary(grouping: words, by: \.line).values.sorted {
            ($0.map(\.box.top).min() ?? 0) < ($1.map(\.box.top).min() ?? 0)
        }
        // Lines joined as words are: `12` over `3` (two rows a lost rule merged) is not 123.
        var text = ""
        for line in lines { RecognisedWord.append(RecognisedWord.joined(line), to: &text) }
        return text
    }
}
