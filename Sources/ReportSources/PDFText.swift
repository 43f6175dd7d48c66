import AnnualReport
import Foundation
import ReportReader

/// A PDF's text through poppler's `pdftotext -layout` (table rows keep their columns); an
/// image-only PDF (a scan) is rendered with `pdftoppm` and read page by page by OCR.
public enum PDFText {
    /// Fewer CJK characters than this in the text layer means the PDF is a scan.
    static let minimumTextLayer = 40
    /// The resolution scans are rendered at for OCR.
    static let scanResolution = "300"

    /// What a PDF gives the reader.
    struct Content: Sendable {
        /// The text layer (`pdftotext -layout`).
        var layer: String
        /// When the layer has almost no text: the text recognised from the page images, with how
        /// each table number was recognised.
        var scan: ScannedDocument.Scan?
        /// The layer's ruled tables as cells, where it has ruled tables.
        var grid: PDFGrid.Grid?
        /// Why the grid could not be made, where it could not.
        var gridProblem: String?
    }

    /// The PDF's text layer and its ruled tables' cells; or, for a scan, its recognised text.
    static func text(from bytes: [UInt8], origin: String) async throws -> Content {
        try await TemporaryFolder.with { folder in
            let pdf = folder.appendingPathComponent("report.pdf")
            try Data(bytes).write(to: pdf)
            let data = try await ExternalTool.pdftotext.run(["-layout", "-enc", "UTF-8", pdf.path, "-"], origin: origin)
            var content = Content(layer: String(decoding: data, as: UTF8.self))
            if CellReading.hanCount(content.layer) >= minimumTextLayer {
                // The grid is a second reading: where it cannot be made, the text alone is read.
                do {
                    content.grid = try await PDFGrid.text(pdfAt: pdf, in: folder, origin: origin)
                } catch {
                    content.gridProblem = "\(error)"
                }
            } else {
                content.scan = try await ScannedDocument.read(pdfAt: pdf, in: folder, origin: origin)
            }
            return content
        }
    }
}

/// The pages of a scan, read by OCR and joined into one text.
enum ScannedDocument {
    /// The text and readings of a scan, by the place of each table number in the text.
    struct Scan: Sendable {
        let text: String
        let readings: [SourceLocation: CellReading]
        /// Pages recognised.
        let pages: Int
        /// The page each line of the text was recognised on (`scan page 2`).
        let origins: TextOrigins
    }

    /// Pages of a scan read; an annual report has far fewer.
    static let pageLimit = 60
    /// A page is rendered at most this size (A3 at 300 dpi fits): a PDF page or an image the size of a
    /// wall would otherwise fill the disk.
    static let rasterLimit = ["-x", "0", "-y", "0", "-W", "5000", "-H", "7000"]

    /// The first `pageLimit` pages of an image-only PDF, rendered at `PDFText.scanResolution`.
    static func read(pdfAt pdf: URL, in folder: URL, origin: String) async throws -> Scan {
        _ = try await ExternalTool.pdftoppm.run(
            ["-r", PDFText.scanResolution, "-gray", "-l", String(pageLimit)] + rasterLimit
                + [pdf.path, folder.appendingPathComponent("page").path], origin: origin,
            timeout: .seconds(300))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }.sorted()
        guard !files.isEmpty else {
            throw ReadError(origin: origin, problem: .unsupported("the PDF has no text layer and no pages to recognise"))
        }
        return try await read(pages: files.map { folder.appendingPathComponent($0).path }, origin: origin)
    }

    /// Page images (PNG or JPEG), one a page; nil when one of them cannot be embedded in a PDF to be
    /// rendered (see `ImagePDF`). A narrow image is scaled up to the width of an A4 page at 300 dpi,
    /// the size the table reader's margins are made for.
    static func read(images: [[UInt8]], origin: String) async throws -> Scan? {
        guard images.count <= pageLimit else {
            throw ReadError(
                origin: origin, problem: .unsupported("a scan of \(images.count) pages; at most \(pageLimit) are read"))
        }
        let wrapped = images.map(ImagePDF.pdf(of:))
        guard !wrapped.isEmpty, wrapped.allSatisfy({ $0 != nil }) else { return nil }
        return try await TemporaryFolder.with { folder in
            var pages: [String] = []
            for (index, page) in wrapped.compactMap({ $0 }).enumerated() {
                let pdf = folder.appendingPathComponent("image-\(index).pdf")
                try Data(page.pdf).write(to: pdf)
                let stem = folder.appendingPathComponent("page-\(index)")
                // Up to an A4 page's width at 300 dpi, and down to fit the raster limit (never cropped).
                let fit = min(5_000, page.width * 7_000 / page.height)
                let width = min(fit, max(page.width, 2_480))
                _ = try await ExternalTool.pdftoppm.run(
                    ["-r", "72", "-scale-to-x", String(width), "-scale-to-y", "-1", "-gray", "-singlefile"]
                        + rasterLimit + [pdf.path, stem.path], origin: origin, timeout: .seconds(300))
                pages.append(stem.path + ".pgm")
            }
            return try await read(pages: pages, origin: origin)
        }
    }

    /// Greyscale pages (PGM files) in order, read side by side.
    static func read(pages files: [String], origin: String) async throws -> Scan {
        // As many pages at once as there are processors: each holds its image in memory.
        let pages = try await withThrowingTaskGroup(of: (Int, ScannedPage).self) { group in
            var pages = [ScannedPage?](repeating: nil, count: files.count)
            var next = 0
            func start() {
                guard next < files.count else { return }
                let index = next, file = files[next]
                group.addTask { (index, try await ScannedPage.read(pgmAt: file, origin: origin)) }
                next += 1
            }
            for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) { start() }
            while let (index, page) = try await group.next() {
                pages[index] = page
                start()
            }
            return pages.compactMap { $0 }
        }
        var lines: [String] = []
        var readings: [SourceLocation: CellReading] = [:]
        var anchors: [TextOrigins.Anchor] = []
        for (number, page) in pages.enumerated() {
            for (line, column, reading) in page.readings {
                readings[SourceLocation(line: lines.count + line + 1, column: column)] = reading
            }
            anchors += page.anchors(page: number + 1, kind: "scan", first: lines.count + 1)
            lines += page.lines
        }
        return Scan(
            text: lines.joined(separator: "\n"), readings: readings, pages: pages.count, origins: TextOrigins(anchors: anchors))
    }
}

/// Text recognised in an image by `tesseract`.
public enum OCRText {
    /// What a run of tesseract recognises.
    enum Model {
        /// Simplified Chinese and digits, a page of it.
        case chinese
        /// Digits, decimal point and thousands separator only, one number a line, by the English model.
        case digits
        /// Simplified Chinese and digits, one cell a line.
        case chineseCells

        var arguments: [String] {
            switch self {
            // Page segmentation mode 4 (one column of variable-size text) keeps a table row on one line.
            case .chinese: ["-l", "chi_sim", "--psm", "4"]
            case .digits: ["-l", "eng", "--psm", "6", "-c", "tessedit_char_whitelist=0123456789.,"]
            case .chineseCells: ["-l", "chi_sim", "--psm", "6"]
            }
        }
    }

    /// Tesseract's text of the image at `path`.
    public static func recognise(imageAt path: String, origin: String) async throws -> String {
        String(decoding: try await run(imageAt: path, origin: origin, model: .chinese, output: []), as: UTF8.self)
    }

    /// Tesseract's output for the image at `path`: its word boxes (`tsv`) unless `output` says otherwise.
    static func run(imageAt path: String, origin: String, model: Model, output: [String] = ["tsv"]) async throws
        -> [UInt8]
    {
        // One thread each: pages are recognised side by side, one tool per processor.
        try await ExternalTool.tesseract.run(
            [path, "-"] + model.arguments + output, origin: origin, timeout: .seconds(300),
            environment: ["OMP_THREAD_LIMIT": "1"])
    }

    /// Text recognised in image bytes.
    public static func recognise(imageBytes: [UInt8], origin: String) async throws -> String {
        try await TemporaryFolder.with { folder in
            let image = folder.appendingPathComponent("page.img")
            try Data(imageBytes).write(to: image)
            return try await recognise(imageAt: image.path, origin: origin)
        }
    }
}

/// A private temporary folder, removed afterwards.
enum TemporaryFolder {
    static func with<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }
}
