import Foundation
import ReportReader

/// A PDF's text through poppler's `pdftotext -layout` (table rows keep their columns); an
/// image-only PDF (a scan) is rendered with `pdftoppm` and read by OCR.
public enum PDFText {
    /// Fewer CJK characters than this in the text layer means the PDF is a scan.
    static let minimumTextLayer = 40

    /// The PDF's text; `ocr` is true when it had to be recognised from page images.
    public static func text(from bytes: [UInt8], origin: String) async throws -> (text: String, ocr: Bool) {
        try await TemporaryFolder.with { folder in
            let pdf = folder.appendingPathComponent("report.pdf")
            try Data(bytes).write(to: pdf)
            let data = try await ExternalTool.pdftotext.run(["-layout", "-enc", "UTF-8", pdf.path, "-"], origin: origin)
            let text = String(decoding: data, as: UTF8.self)
            let han = text.unicodeScalars.lazy.filter { $0.value >= 0x4E00 && $0.value <= 0x9FFF }.count
            if han >= minimumTextLayer { return (text, false) }
            _ = try await ExternalTool.pdftoppm.run(
                ["-r", "300", "-gray", "-png", pdf.path, folder.appendingPathComponent("page").path], origin: origin)
            let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page") }.sorted()
            guard !pages.isEmpty else {
                throw ReadError(origin: origin, problem: .unsupported("the PDF has no text layer and no pages to recognise"))
            }
            var recognised: [String] = []
            for page in pages {
                recognised.append(try await OCRText.recognise(imageAt: folder.appendingPathComponent(page).path, origin: origin))
            }
            return (recognised.joined(separator: "\n"), true)
        }
    }
}

/// Text recognised in an image by `tesseract` with the simplified-Chinese model.
public enum OCRText {
    public static func recognise(imageAt path: String, origin: String) async throws -> String {
        // Page segmentation mode 4 (one column of variable-size text) keeps a table row on one line.
        let data = try await ExternalTool.tesseract.run(
            [path, "-", "-l", "chi_sim", "--psm", "4"], origin: origin, timeout: .seconds(300))
        return String(decoding: data, as: UTF8.self)
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
