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
    /// with no markup in its first 4 KB).
    public static func read(bytes: [UInt8], origin: String, name: String? = nil) throws -> Report {
        guard !bytes.isEmpty else { throw ReadError(origin: origin, problem: .empty) }
        let kind = SourceKind.sniff(bytes, name: name ?? origin)
        let limit = kind == .pdf || kind == .docx || kind == .image ? documentLimit : textLimit
        guard bytes.count <= limit else { throw ReadError(origin: origin, problem: .tooLarge(bytes: bytes.count, limit: limit)) }
        switch kind {
        case .text:
            return try ReportReader.read(bytes: bytes, origin: origin)
        case .html:
            var report = try ReportReader.read(text: HTMLText.text(from: bytes), origin: origin)
            report.readerNotes.insert("read from HTML: table rows and cells; locations are lines of the page's text", at: 0)
            return report
        case .docx:
            var report = try ReportReader.read(text: WordText.text(from: bytes, origin: origin), origin: origin)
            report.readerNotes.insert("read from Word (.docx): locations are lines of the document's text", at: 0)
            return report
        case .pdf:
            let (text, ocr) = try PDFText.text(from: bytes, origin: origin)
            var report = try ReportReader.read(text: text, origin: origin)
            if ocr { OCRReview.review(&report) }
            report.readerNotes.insert(
                ocr
                    ? "read by OCR from a PDF without a text layer"
                    : "read from the PDF's text layer (pdftotext -layout): locations are lines of that text",
                at: 0)
            return report
        case .image:
            var report = try ReportReader.read(text: OCRText.recognise(imageBytes: bytes, origin: origin), origin: origin)
            OCRReview.review(&report)
            report.readerNotes.insert("read by OCR from an image", at: 0)
            return report
        case .legacyWord:
            return try readLegacyWord(bytes, origin: origin)
        case .otherZip:
            throw ReadError(origin: origin, problem: .unsupported("a ZIP archive that is not a Word document"))
        case .binary:
            throw ReadError(origin: origin, problem: .binary)
        }
    }

    /// A scanned report delivered as one image per page, in page order, read by OCR.
    public static func read(pageImages: [[UInt8]], origin: String) throws -> Report {
        let text = try pageImages.map { try OCRText.recognise(imageBytes: $0, origin: origin) }.joined(separator: "\n")
        var report = try ReportReader.read(text: text, origin: origin)
        OCRReview.review(&report)
        report.readerNotes.insert("read by OCR from \(pageImages.count) page image(s)", at: 0)
        return report
    }

    /// `.doc` / `.wps`: converted to .docx by LibreOffice when it is installed.
    private static func readLegacyWord(_ bytes: [UInt8], origin: String) throws -> Report {
        try TemporaryFolder.with { folder in
            let input = folder.appendingPathComponent("report.doc")
            try Data(bytes).write(to: input)
            _ = try ExternalTool.libreoffice.run(
                ["--headless", "--convert-to", "docx", "--outdir", folder.path, input.path], origin: origin, timeout: 180)
            let converted = folder.appendingPathComponent("report.docx")
            guard let data = FileManager.default.contents(atPath: converted.path) else {
                throw ReadError(origin: origin, problem: .toolFailed(name: "libreoffice", message: "no .docx was written"))
            }
            var report = try ReportReader.read(text: WordText.text(from: [UInt8](data), origin: origin), origin: origin)
            report.readerNotes.insert("converted from .doc by LibreOffice", at: 0)
            return report
        }
    }
}
