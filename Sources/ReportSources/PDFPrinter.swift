import Foundation
import ReportReader

/// Prints a rendered report to PDF with whichever is installed: headless Chromium (from the HTML) or
/// LibreOffice (from the Word document).
public enum PDFPrinter {
    public static let chromiumNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The PDF's bytes; throws a `ReadError.missingTool` naming the packages when neither is there.
    public static func pdf(html: String, docx: () throws -> [UInt8], origin: String) async throws -> [UInt8] {
        try await TemporaryFolder.with { folder in
            if let chromium = chromiumNames.map({ ExternalTool(name: $0, package: "chromium fonts-noto-cjk") }).first(where: {
                $0.path != nil
            }) {
                let page = folder.appendingPathComponent("report.html")
                let output = folder.appendingPathComponent("report.pdf")
                try Data(html.utf8).write(to: page)
                _ = try await chromium.run(
                    [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--user-data-dir=\(folder.path)/profile",
                        "--print-to-pdf=\(output.path)", page.absoluteString,
                    ], origin: origin, timeout: .seconds(120))
                guard let data = FileManager.default.contents(atPath: output.path), !data.isEmpty else {
                    throw ReadError(origin: origin, problem: .toolFailed(name: chromium.name, message: "no PDF was written"))
                }
                return [UInt8](data)
            }
            if ExternalTool.libreoffice.path != nil {
                let document = folder.appendingPathComponent("report.docx")
                try Data(try docx()).write(to: document)
                _ = try await ExternalTool.libreoffice.run(
                    ["--headless", "--convert-to", "pdf", "--outdir", folder.path, document.path], origin: origin,
                    timeout: .seconds(180))
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("report.pdf").path) else {
                    throw ReadError(origin: origin, problem: .toolFailed(name: "libreoffice", message: "no PDF was written"))
                }
                return [UInt8](data)
            }
            throw ReadError(
                origin: origin,
                problem: .missingTool(
                    name: "chromium or libreoffice",
                    install: "apt-get install chromium fonts-noto-cjk, or apt-get install libreoffice-writer-nogui fonts-noto-cjk"
                ))
        }
    }
}
