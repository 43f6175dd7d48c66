/// The steps of reading a scan that run in process on the file's bytes, for the fuzzer: a page
/// image wrapped in a PDF for poppler, and the bytes as a greyscale raster, its ruled table rows and
/// the glyphs of each cell. Nothing is started.
public enum ScanPreflight {
    /// What the steps made of `bytes`: whether the image could be wrapped, and how many table cells
    /// the raster has (nil when the bytes are not a PGM).
    public static func run(_ bytes: [UInt8]) -> (wrapped: Bool, cells: Int?) {
        let wrapped = ImagePDF.pdf(of: bytes) != nil
        guard let image = GrayImage(pgm: bytes) else { return (wrapped, nil) }
        var cells = 0
        for row in RuledTableRows.rows(in: image) {
            for cell in row.cells {
                cells += 1
                guard let inner = cell.inset(by: ScannedPage.ruleMargin), let ink = image.inkBounds(in: inner) else { continue }
                let glyphs = image.glyphCount(in: ink)
                _ = CellStrip([ink], of: image)
                _ = CellReading.judge(digits: String(glyphs), chinese: "", glyphs: glyphs)
            }
        }
        return (wrapped, cells)
    }
}
