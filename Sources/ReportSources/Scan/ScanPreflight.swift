/// The steps of reading a scan or a PDF's grid that run in process on bytes, for the fuzzer: a page
/// image wrapped in a PDF for poppler; the bytes as pdftotext's word boxes; the bytes as a greyscale
/// raster, its ruled table rows, words placed in its cells and the glyphs of each. Nothing is started.
public enum ScanPreflight {
    /// What the steps made of `bytes`: whether the image could be wrapped, and how many table cells
    /// the raster has (nil when the bytes are not a PGM).
    public static func run(_ bytes: [UInt8]) -> (wrapped: Bool, cells: Int?) {
        let wrapped = ImagePDF.pdf(of: bytes) != nil
        // The bytes as pdftotext's word boxes, composed into lines as a page without rules.
        for words in PDFWords.pages(inBBoxLayout: bytes, resolution: PDFGrid.resolution) {
            let (_, running) = ScannedPage.place(words, in: [])
            _ = ScannedPage.compose(rows: [], tableRows: [], running: running, width: 0, height: 0)
        }
        guard let image = GrayImage(pgm: bytes) else { return (wrapped, nil) }
        let rows = RuledTableRows.rows(in: image)
        // Words at the raster's own pixels, placed in its cells and composed as a text PDF's grid is.
        let words = rows.flatMap(\.cells).enumerated().map { index, box in
            RecognisedWord(text: String(index % 3 == 0 ? "规章" : "\(index)"), box: box, line: [index])
        }
        let (cellWords, running) = ScannedPage.place(words, in: rows)
        let tableRows = cellWords.map { cells in
            let texts = cells.map(ScannedPage.text(of:))
            return ScannedRow(texts.map(PDFGrid.judgement), pageTexts: texts, exactText: true)
        }
        let page = ScannedPage.compose(
            rows: rows, tableRows: tableRows, running: running, width: image.width, height: image.height)
        _ = page.anchors(page: 1, kind: "scan", first: 1)
        let cells = rows.map(\.cells.count).reduce(0, +)
        for (_, _, ink) in ScannedPage.inkedCells(of: rows, in: image) {
            let glyphs = image.glyphCount(in: ink)
            _ = CellStrip([ink], of: image)
            _ = CellReading.judge(digits: String(glyphs), chinese: "", glyphs: glyphs)
        }
        return (wrapped, cells)
    }
}
