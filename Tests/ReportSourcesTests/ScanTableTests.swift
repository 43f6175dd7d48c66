import AnnualReport
import Foundation
import TestSupport
import XCTest

@testable import ReportSources

/// The pieces of the scan reader that need no OCR: the raster, ruled rows and cells, the judgement
/// of two readings, and images wrapped in a PDF.
final class ScanTableTests: XCTestCase {
    /// A white page with black rules, as a scanner gives a table.
    func page(width: Int, height: Int, horizontal: [Int], vertical: [(x: Int, from: Int, to: Int)]) -> GrayImage {
        var rows = [UInt8](repeating: 255, count: width * height)
        for y in horizontal { for x in 100..<(width - 100) { rows[y * width + x] = 0; rows[(y + 1) * width + x] = 0 } }
        for rule in vertical { for y in rule.from..<rule.to { rows[y * width + rule.x] = 0; rows[y * width + rule.x + 1] = 0 } }
        return GrayImage(pgm: Array("P5\n\(width) \(height)\n255\n".utf8) + rows)!
    }

    /// `image` as PGM bytes with a run of ink added in pixel row `y`.
    func pgm(of image: GrayImage, inkingRow y: Int, from: Int, to: Int) -> [UInt8] {
        var pixels = (0..<image.height).flatMap { row in (0..<image.width).map { image.isInk(x: $0, y: row) ? UInt8(0) : 255 } }
        for x in from..<to { pixels[y * image.width + x] = 0 }
        return Array("P5\n\(image.width) \(image.height)\n255\n".utf8) + pixels
    }

    func testRowsAndCellsComeFromTheRules() throws {
        // Three rules make two rows; the first row has three cells, the second two (a merged cell).
        let image = page(
            width: 1_000, height: 600, horizontal: [100, 200, 300],
            vertical: [(100, 100, 302), (400, 100, 202), (700, 100, 302), (898, 100, 302)])
        let rows = RuledTableRows.rows(in: image)
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.map(\.cells.count), [3, 2])
        XCTAssertEqual(rows[1].cells[0].left, 102)
        XCTAssertEqual(rows[1].cells[0].right, 700)
        XCTAssertEqual(rows[0].band.top, 102)
        XCTAssertEqual(rows[0].band.bottom, 200)
    }

    func testATableAPageBreakCutsIsClosedWhereItsRulesStop() throws {
        // The page cuts the table above its first rule and below its last: the rules run on 60 pixels.
        let image = page(
            width: 1_000, height: 600, horizontal: [200, 300],
            vertical: [(100, 140, 362), (500, 140, 362), (898, 140, 362)])
        let rows = RuledTableRows.rows(in: image)
        XCTAssertEqual(rows.map(\.band.top), [141, 202, 302])
        XCTAssertEqual(rows.map(\.band.bottom), [200, 300, 361])
        XCTAssertEqual(rows.map(\.cells.count), [2, 2, 2])
        // Rules that stop at the table's first and last lines add nothing; nor do outer rules that
        // stop at different heights (a stroke, not a cut).
        let closed = page(
            width: 1_000, height: 600, horizontal: [200, 300], vertical: [(100, 200, 302), (898, 200, 302)])
        XCTAssertEqual(RuledTableRows.rows(in: closed).count, 1)
        let uneven = page(
            width: 1_000, height: 600, horizontal: [200, 300], vertical: [(100, 140, 302), (898, 170, 302)])
        XCTAssertEqual(RuledTableRows.rows(in: uneven).count, 1)
        // A crop through the table (rules to the image's edge) is no page break; nor are rules whose
        // cells have ink right where they stop (text touching the table).
        let cropped = page(
            width: 1_000, height: 600, horizontal: [200, 300], vertical: [(100, 0, 302), (500, 0, 302), (898, 0, 302)])
        XCTAssertEqual(RuledTableRows.rows(in: cropped).count, 1)
        var touching = page(
            width: 1_000, height: 600, horizontal: [200, 300], vertical: [(100, 140, 302), (500, 140, 302), (898, 140, 302)])
        touching = try XCTUnwrap(GrayImage(pgm: pgm(of: touching, inkingRow: 141, from: 200, to: 260)))
        XCTAssertEqual(RuledTableRows.rows(in: touching).count, 1)
    }

    func testTextBetweenTablesIsNotARow() {
        // Two rules with no vertical rule between them: a heading between two tables.
        let image = page(width: 1_000, height: 600, horizontal: [100, 300], vertical: [])
        XCTAssertTrue(RuledTableRows.rows(in: image).isEmpty)
        XCTAssertEqual(RuledTableRows.horizontalLines(in: image).count, 2)
    }

    func testBrokenPGMIsRefused() {
        XCTAssertNil(GrayImage(pgm: Array("P5\n10 10\n255\n".utf8) + [UInt8](repeating: 0, count: 99)))
        XCTAssertNil(GrayImage(pgm: Array("P6\n1 1\n255\n".utf8) + [0, 0, 0]))
        XCTAssertNil(GrayImage(pgm: Array("P5\n1 1\n65535\n".utf8) + [0, 0]))
        XCTAssertNil(GrayImage(pgm: []))
    }

    /// The judgement of two readings of a cell with as many glyphs as the digits reading has characters, unless told.
    func judge(digits: String, chinese: String, glyphs: Int? = nil) -> CellReading.Judgement {
        CellReading.judge(digits: digits, chinese: chinese, glyphs: glyphs ?? digits.count)
    }

    func number(_ text: String, _ reading: CellReading) -> CellReading.Judgement {
        CellReading.Judgement(number: (text, reading))
    }

    func testTwoReadingsThatAgreeAreTrusted() {
        XCTAssertEqual(judge(digits: "1288", chinese: "1288"), number("1288", .agreed))
        XCTAssertEqual(judge(digits: "96171.6", chinese: "96171.6"), number("96171.6", .agreed))
    }

    func testReadingsThatMissAGlyphAreNotTrusted() {
        // Both models read the "11" of a serif font as "1": the cell has two glyphs.
        XCTAssertEqual(judge(digits: "1", chinese: "1", glyphs: 2), number("1", .disputed([])))
        // A thousands separator is a glyph the digits reading must have read.
        XCTAssertEqual(judge(digits: "1,288", chinese: "1288", glyphs: 5), number("1288", .agreed))
        XCTAssertEqual(judge(digits: "1288", chinese: "1288", glyphs: 5), number("1288", .disputed([])))
        // Two numbers in one cell (a rule the image lost) are not one.
        XCTAssertEqual(judge(digits: "5 3", chinese: "5 3", glyphs: 2), number("0", .disputed([])))
    }

    func testGlyphsAreCountedSideBySide() {
        // Two strokes and a dot: three glyphs; a single stray pixel is dust.
        var rows = [UInt8](repeating: 255, count: 100 * 40)
        for y in 5..<35 {
            rows[y * 100 + 10] = 0
            rows[y * 100 + 11] = 0
            rows[y * 100 + 30] = 0
        }
        for y in 31..<35 { for x in 50..<54 { rows[y * 100 + x] = 0 } }
        rows[20 * 100 + 80] = 0
        let image = GrayImage(pgm: Array("P5\n100 40\n255\n".utf8) + rows)!
        XCTAssertEqual(image.glyphCount(in: PixelBox(left: 0, top: 0, right: 100, bottom: 40)), 3)
    }

    func testReadingsThatDifferAreCandidates() {
        XCTAssertEqual(judge(digits: "64", chinese: "04"), number("64", .disputed([CellNumber(4), CellNumber(64)])))
        // Digits the Chinese model reads as characters: a number or a label, as the row decides.
        XCTAssertEqual(
            judge(digits: "21", chinese: "2别"), CellReading.Judgement(number: ("21", .disputed([CellNumber(21)])), label: "2别"))
        XCTAssertTrue(judge(digits: "2", chinese: "归", glyphs: 2).definiteLabel)
        XCTAssertEqual(judge(digits: "", chinese: ""), number("0", .disputed([])))
    }

    func testALoneTitleBracketIsAParenthesis() {
        XCTAssertEqual(CellReading.mendingBrackets("(二)部分公开《区分处理的)"), "(二)部分公开(区分处理的)")
        XCTAssertEqual(CellReading.mendingBrackets("依据《条例》"), "依据《条例》")
        XCTAssertEqual(judge(digits: "", chinese: "3、其他》").label, "3、其他)")
    }

    func testLabelsAndBlankMarks() {
        XCTAssertTrue(judge(digits: "4", chinese: "(七)总计", glyphs: 6).definiteLabel)
        XCTAssertEqual(judge(digits: "", chinese: "本").label, "本")
        XCTAssertEqual(judge(digits: "", chinese: "—"), CellReading.Judgement(label: "—", blank: true))
        XCTAssertEqual(judge(digits: "", chinese: "|-="), CellReading.Judgement(label: "—", blank: true))
        XCTAssertTrue(CellReading.isBlankMark("|一"))
        XCTAssertEqual(
            CellReading.judge(digits: "1", chinese: "1", glyphs: 1, dash: true), CellReading.Judgement(label: "—", blank: true))
        XCTAssertFalse(CellReading.isBlankMark("一、"))
        // A mark one reading takes for a number may be a blank: no candidates.
        XCTAssertEqual(judge(digits: "1", chinese: "/"), number("0", .disputed([])))
    }

    func testTheRowDecidesLabelsAndValues() throws {
        // A merged cell's fragment, the label, a number, digits read as Chinese, a blank, a number.
        let row = ScannedRow(
            [
                judge(digits: "4", chinese: "本"), judge(digits: "1", chinese: "(一)予以公开", glyphs: 7),
                judge(digits: "1288", chinese: "1288"), judge(digits: "21", chinese: "2别"), .init(blank: true),
                judge(digits: "0", chinese: "0"),
            ], pageTexts: Array(repeating: "", count: 6))
        let parts = try XCTUnwrap(row.parts)
        XCTAssertEqual(parts.map(\.text), ["本", "(一)予以公开", "1288", "21", "—", "0"])
        XCTAssertEqual(parts.map(\.cell), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(row.readings, [nil, nil, .agreed, .disputed([CellNumber(21)]), nil, .agreed])
        // No number both readings agree on: a heading, every cell its label.
        let heading = ScannedRow(
            [judge(digits: "", chinese: "信息内容"), judge(digits: "23", chinese: "总计")], pageTexts: ["", ""])
        XCTAssertEqual(heading.parts?.map(\.text), ["信息内容", "总计"])
        XCTAssertEqual(heading.readings, [nil, nil])
    }

    func testNumbersAsOCRWritesThem() {
        XCTAssertEqual(CellReading.number(in: " ３,９８５ "), CellNumber(3_985))
        XCTAssertNil(CellReading.number(in: "12 3"))
        XCTAssertNil(CellReading.number(in: "1.2.3"))
        XCTAssertNil(CellReading.number(in: ".5"))
        XCTAssertNil(CellReading.number(in: "5l"))
        XCTAssertNil(CellReading.number(in: ""))
    }

    func testAGreyPNGBecomesAPageOfTheSameSize() async throws {
        try requireTool("pdftoppm", package: "poppler-utils")
        let image = page(width: 300, height: 200, horizontal: [50, 150], vertical: [(120, 50, 152)])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // pdftoppm itself writes the PNG that is then wrapped and rendered back.
        let source = folder.appendingPathComponent("source.pdf")
        let png = try await pngOf(image, in: folder)
        let wrappedPGM = try XCTUnwrap(ImagePDF.pdf(of: png))
        try Data(wrappedPGM.pdf).write(to: source)
        _ = try await ExternalTool.pdftoppm.run(
            ["-r", "72", "-gray", "-singlefile", source.path, folder.appendingPathComponent("back").path], origin: "test")
        let back = try XCTUnwrap(GrayImage(pgm: [UInt8](try Data(contentsOf: folder.appendingPathComponent("back.pgm")))))
        XCTAssertEqual(back.width, 300)
        XCTAssertEqual(back.height, 200)
        XCTAssertEqual(RuledTableRows.horizontalLines(in: back).count, RuledTableRows.horizontalLines(in: image).count)
        // Rendering may move a rule by a pixel.
        XCTAssertTrue((118...124).contains { back.isInk(x: $0, y: 100) })
        XCTAssertFalse(back.isInk(x: 60, y: 100))
    }

    func testImagesItCannotEmbedAreNil() {
        XCTAssertNil(ImagePDF.pdf(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        XCTAssertNil(ImagePDF.pdf(of: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02]))
        XCTAssertNil(ImagePDF.pdf(of: Array("BM not a bitmap".utf8)))
    }

    /// `image` as a PNG, made by poppler from an uncompressed PDF of the raster.
    private func pngOf(_ image: GrayImage, in folder: URL) async throws -> [UInt8] {
        let raw = image.pgm.suffix(image.width * image.height)
        let body =
            "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(raw.count) >>\nstream\n"
        let content = "q \(image.width) 0 0 \(image.height) 0 0 cm /Im0 Do Q"
        let objects = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8), Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(image.width) \(image.height)] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>"
                    .utf8),
            Array("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8),
            Array(body.utf8) + raw + Array("\nendstream".utf8),
        ]
        var pdf = Array("%PDF-1.4\n".utf8)
        for (index, object) in objects.enumerated() {
            pdf += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        pdf += Array("trailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
        let file = folder.appendingPathComponent("raw.pdf")
        try Data(pdf).write(to: file)
        _ = try await ExternalTool.pdftoppm.run(
            ["-r", "72", "-gray", "-png", "-singlefile", file.path, folder.appendingPathComponent("png").path], origin: "test")
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent("png.png")))
    }
}

/// A text PDF's words with their boxes, and its two readings put together.
final class PDFGridTests: XCTestCase {
    func testWordsOfTheBBoxLayoutAreScaledAndGroupedByLine() {
        let xhtml = """
            <doc><page width="595.0" height="842.0"><flow><block><line xMin="1" yMin="2" xMax="3" yMax="4">
            <word xMin="72.0" yMin="144.0" xMax="144.0" yMax="158.4">规章</word>
            <word xMin="200" yMin="144" xMax="210" yMax="158">&lt;1&amp;</word></line>
            <line><word xMin="72" yMin="160" xMax="80" yMax="170">0</word><word xMin="-inf" yMin="1" xMax="2" yMax="3">x</word></line>
            </block></flow></page><page width="595" height="842"></page></doc>
            """
        let pages = PDFWords.pages(inBBoxLayout: Array(xhtml.utf8), resolution: 144)
        XCTAssertEqual(pages.count, 2)
        XCTAssertEqual(pages[0].map(\.text), ["规章", "<1&", "0"])
        XCTAssertEqual(pages[0][0].box, PixelBox(left: 144, top: 288, right: 288, bottom: 317))
        XCTAssertEqual(pages[0][0].line, pages[0][1].line)
        XCTAssertNotEqual(pages[0][1].line, pages[0][2].line)
        XCTAssertTrue(pages[1].isEmpty)
    }

    func testCellsOfTheTextLayer() {
        XCTAssertEqual(PDFGrid.judgement(" 1,288 "), .init(number: ("1,288", .agreed)))
        XCTAssertEqual(PDFGrid.judgement(""), .init(blank: true))
        XCTAssertEqual(PDFGrid.judgement("—"), .init(label: "—", blank: true))
        XCTAssertEqual(PDFGrid.judgement("96171.6万元"), .init(label: "96171.6万元"))
        // A value that is not a bare number keeps its text after the row's label.
        let row = ScannedRow(
            ["行政事业性收费", "3", "96171.6万元"].map(PDFGrid.judgement), pageTexts: ["行政事业性收费", "3", "96171.6万元"],
            exactText: true)
        XCTAssertEqual(row.parts?.map(\.text), ["行政事业性收费", "3", "96171.6万元"])
    }

    func testTwoReadingsOfAPDFArePutTogether() throws {
        func cell(_ value: Int64?, _ status: CellStatus, line: Int = 1, column: Int = 1, candidates: [Int64] = []) -> Cell {
            Cell(
                value: value.map { CellNumber($0) }, status: status, source: SourceLocation(line: line, column: column),
                candidates: candidates.map { CellNumber($0) })
        }
        var layout = Report(origin: "t", format: .v2021)
        var grid = Report(origin: "t", format: .v2021)
        for i in layout.cells.indices {
            layout.cells[i] = cell(0, .read)
            grid.cells[i] = cell(0, .read)
        }
        layout.cells[0] = cell(5, .read)  // read differently: uncertain with both
        grid.cells[0] = cell(6, .read, line: 3, column: 5)
        layout.cells[1] = cell(nil, .uncertain, candidates: [2, 3])  // the grid's value is a candidate: taken
        grid.cells[1] = cell(3, .read, line: 3, column: 9)
        layout.cells[2] = cell(nil, .uncertain, candidates: [2, 3])  // not a candidate: stays uncertain
        grid.cells[2] = cell(9, .read, line: 3)
        layout.cells[3] = cell(4, .read)  // a blank against a number: uncertain, no candidates
        grid.cells[3] = cell(nil, .blank, line: 3)
        layout.cells[4] = .missing  // only the grid has it
        grid.cells[4] = cell(nil, .blank, line: 3)
        layout.cells[5] = .missing  // the grid read it off a line that is no ruled row: not used
        grid.cells[5] = cell(7, .read, line: 1)
        let box = "PDF page 2, x 10–20%, y 30–33%"
        let origins = TextOrigins(anchors: [
            .init(line: 1, column: 1, place: "PDF page 1"), .init(line: 3, column: 1, place: box),
        ])
        XCTAssertTrue(GridCrossCheck.merge(&layout, grid: grid, pages: [1, 1, 2], tableLines: [3], origins: origins))
        XCTAssertEqual(layout.cells[0].status, .uncertain)
        XCTAssertEqual(layout.cells[0].candidates, [CellNumber(5), CellNumber(6)])
        XCTAssertTrue(layout.cells[0].reasoning?.contains("第 2 页表格") == true)
        XCTAssertEqual(layout.cells[1].value, CellNumber(3))
        XCTAssertEqual(layout.cells[1].status, .read)
        XCTAssertEqual(layout.cells[2].status, .uncertain)
        XCTAssertEqual(layout.cells[3].status, .uncertain)
        XCTAssertEqual(layout.cells[3].candidates, [])
        XCTAssertEqual(layout.cells[4].status, .blank)
        XCTAssertEqual(layout.cells[5].status, .missing)
        // Each cell the grid read is placed at its box on the page; not the others, nor cells that
        // share their row's location (cells 3 and 4: a row read blank as a whole).
        XCTAssertEqual(layout.cells[0].source?.place, box)
        XCTAssertEqual(layout.cells[1].source?.place, box)
        XCTAssertNotNil(layout.cells[3].source)
        XCTAssertNil(layout.cells[3].source?.place)
        XCTAssertNil(layout.cells[6].source?.place)
        // Another layout is not merged.
        var other = Report(origin: "t", format: .v2019)
        let before = other.cells
        XCTAssertFalse(GridCrossCheck.merge(&other, grid: grid, pages: [], tableLines: [3], origins: origins))
        XCTAssertEqual(other.cells, before)
    }
}
