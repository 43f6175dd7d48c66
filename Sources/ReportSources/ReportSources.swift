import AnnualReport
import Foundation
import ReportReader

/// Reads a report from any file agencies publish — text, Markdown, HTML, Word, PDF, a scan —
/// recognised by content, through one adapter each into the same reader.
public enum ReportSources {
    /// Text-like files larger than this are not annual reports.
    public static let textLimit = 20_000_000
    /// PDF and Word files (which carry images) larger than this are refused.
    public static let documentLimit = 100_000_000

    /// Reads the report in `bytes`; `name` helps only where content cannot tell (an `.html` page
    /// with no markup in its first 4 KB). PDF, scans and `.doc` go through external tools, awaited
    /// without holding a thread.
    public static func read(bytes: [UInt8], origin: String, name: String? = nil) async throws -> Report {
        let kind = try admit(bytes, origin: origin, name: name)
        switch kind {
        case .pdf:
            let content = try await PDFText.text(from: bytes, origin: origin)
            let scan = content.scan
            var report = try ReportReader.read(text: scan?.text ?? content.layer, origin: origin)
            if let scan { OCRReview.review(&report, readings: scan.readings) }
            if let grid = content.grid {
                if let cells = try? ReportReader.read(text: grid.text, origin: origin),
                    GridCrossCheck.merge(
                        &report, grid: cells, pages: grid.pages, tableLines: grid.tableLines, origins: grid.origins)
                {
                    report.readerNotes.insert(
                        "table cells checked against the PDF's ruled tables (words placed in the cells of their rules)", at: 0)
                } else {
                    report.readerNotes.insert("the PDF's ruled tables gave no report of this layout: not used", at: 0)
                }
            }
            if scan == nil { OCRReview.reviewIfRecognised(&report) }
            if let problem = content.gridProblem {
                report.readerNotes.insert("the PDF's ruled tables were not read (\(problem)): cells from its text alone", at: 0)
            }
            report.placeSources((scan?.origins ?? TextOrigins.pages(of: content.layer, kind: "PDF")).place)
            if let scan, scan.pages >= ScannedDocument.pageLimit {
                report.readerNotes.insert("only the first \(ScannedDocument.pageLimit) pages of the scan were recognised", at: 0)
            }
            report.readerNotes.insert(
                scan != nil
                    ? "read by OCR from a PDF without a text layer: \(OCRReview.method)"
                    : "read from the PDF's text layer (pdftotext -layout): locations are lines of that text, with the page",
                at: 0)
            return report
        case .image:
            return try await read(pageImages: [bytes], origin: origin)
        case .legacyWord:
            return try await readLegacyWord(bytes, origin: origin)
        case .text, .html, .docx, .otherZip, .binary:
            return try readInProcess(bytes, kind: kind, origin: origin)
        }
    }

    /// Reads the kinds that need no external tool (text, HTML, Word .docx) on the calling thread;
    /// a PDF, an image or a `.doc` is refused as needing one.
    public static func readWithoutTools(bytes: [UInt8], origin: String, name: String? = nil) throws -> Report {
        try readInProcess(bytes, kind: try admit(bytes, origin: origin, name: name), origin: origin)
    }

    /// The sniffed kind of `bytes`, once they are known not to be empty or too large for it.
    private static func admit(_ bytes: [UInt8], origin: String, name: String?) throws -> SourceKind {
        guard !bytes.isEmpty else { throw ReadError(origin: origin, problem: .empty) }
        let kind = SourceKind.sniff(bytes, name: name ?? origin)
        let limit = kind == .pdf || kind == .docx || kind == .image ? documentLimit : textLimit
        guard bytes.count <= limit else { throw ReadError(origin: origin, problem: .tooLarge(bytes: bytes.count, limit: limit)) }
        return kind
    }

    private static func readInProcess(_ bytes: [UInt8], kind: SourceKind, origin: String) throws -> Report {
        var report = try readTextLike(bytes, kind: kind, origin: origin)
        OCRReview.reviewIfRecognised(&report)
        return report
    }

    private static func readTextLike(_ bytes: [UInt8], kind: SourceKind, origin: String) throws -> Report {
        switch kind {
        case .text:
            return try ReportReader.read(bytes: bytes, origin: origin)
        case .html:
            let page = HTMLText.document(from: bytes)
            var report = try ReportReader.read(text: page.text, origin: origin)
            report.placeSources(page.origins.place)
            report.readerNotes.insert(
                "read from HTML: table rows and cells; locations are lines of the page's text, with the line:column of the paragraph or cell in the page's source",
                at: 0)
            return report
        case .docx:
            let document = try WordText.document(from: bytes, origin: origin)
            var report = try ReportReader.read(text: document.text, origin: origin)
            report.placeSources(document.origins.place)
            report.readerNotes.insert(
                "read from Word (.docx): locations are lines of the document's text, with the paragraph or table cell", at: 0)
            return report
        case .pdf, .image, .legacyWord:
            throw ReadError(
                origin: origin, problem: .unsupported("a \(kind.rawValue) file, which is read through an external tool"))
        case .otherZip:
            throw ReadError(origin: origin, problem: .unsupported("a ZIP archive that is not a Word document"))
        case .binary:
            throw ReadError(origin: origin, problem: .binary)
        }
    }

    /// A scanned report delivered as one image per page, in page order, read by OCR: ruled tables
    /// cell by cell where every page is a PNG or JPEG poppler can render, else the recognised text.
    public static func read(pageImages: [[UInt8]], origin: String) async throws -> Report {
        if let scan = try await ScannedDocument.read(images: pageImages, origin: origin) {
            var report = try ReportReader.read(text: scan.text, origin: origin)
            OCRReview.review(&report, readings: scan.readings)
            report.placeSources(scan.origins.place)
            report.readerNotes.insert("read by OCR from \(pageImages.count) page image(s): \(OCRReview.method)", at: 0)
            return report
        }
        var text = TracedText()
        for (number, image) in pageImages.enumerated() {
            text.mark("scan page \(number + 1)")
            text.append(try await OCRText.recognise(imageBytes: image, origin: origin) + "\n")
        }
        var report = try ReportReader.read(text: text.text, origin: origin)
        OCRReview.review(&report)
        report.placeSources(text.origins.place)
        report.readerNotes.insert(
            "read by OCR from \(pageImages.count) page image(s), as text (an image format the table reader cannot render)", at: 0)
        return report
    }

    /// `.doc` / `.wps`: converted to .docx by LibreOffice when it is installed.
    private static func readLegacyWord(_ bytes: [UInt8], origin: String) async throws -> Report {
        try await TemporaryFolder.with { folder in
            let input = folder.appendingPathComponent("report.doc")
            try Data(bytes).write(to: input)
            _ = try await ExternalTool.libreoffice.run(
                ["--headless", "--convert-to", "docx", "--outdir", folder.path, input.path], origin: origin,
                timeout: .seconds(180))
            let converted = folder.appendingPathComponent("report.docx")
            guard let data = FileManager.default.contents(atPath: converted.path) else {
                throw ReadError(origin: origin, problem: .toolFailed(name: "libreoffice", message: "no .docx was written"))
            }
            var report = try readInProcess([UInt8](data), kind: .docx, origin: origin)
            report.readerNotes.insert("converted from .doc by LibreOffice", at: 0)
            return report
        }
    }
}
