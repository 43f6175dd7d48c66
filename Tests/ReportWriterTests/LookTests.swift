import AnnualReport
import Foundation
import ReportSources
import ReportWriter
import TestSupport
import XCTest

/// What a reader of the published page would notice: every fixture rendered to Word → LibreOffice
/// PDF and to HTML → Chromium PDF, then checked — every row label of table 三 whole on at most two
/// lines, nothing past the page's edges, the column header of table 三 on every page the table
/// spans. The pages are kept as PNGs in $GONGKAI_ARTIFACTS/look (default .build/look) to look at.
final class LookTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private var artifacts: URL {
        let base =
            ProcessInfo.processInfo.environment["GONGKAI_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? Self.repository.appendingPathComponent(".build")
        return base.appendingPathComponent("look")
    }

    private func fixtures() async throws -> [(name: String, report: Report)] {
        let folder = Self.repository.appendingPathComponent("Tests/Fixtures")
        var out: [(String, Report)] = []
        for sub in ["seeds", "samples"] {
            for url in try FileManager.default.contentsOfDirectory(
                at: folder.appendingPathComponent(sub), includingPropertiesForKeys: nil
            ).sorted(by: { $0.path < $1.path }) {
                let report = try await ReportSources.read(
                    bytes: [UInt8](try Data(contentsOf: url)), origin: url.lastPathComponent)
                out.append((url.deletingPathExtension().lastPathComponent, report))
            }
        }
        return out
    }

    func testWordAndHTMLPrintAsTheTemplateLooks() async throws {
        try requireTool("soffice", package: "libreoffice-writer-nogui")
        try requireTool("pdftotext", package: "poppler-utils")
        let chromium = try PDFPrinter.chromiumNames.first { name in
            !(try toolOutput("sh", ["-c", "command -v \(name) || true"])).isEmpty
        }
        guard let chromium else {
            try requireTool("chromium", package: "chromium")
            return
        }
        try? FileManager.default.removeItem(at: artifacts)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let reports = try await fixtures()
        XCTAssertGreaterThanOrEqual(reports.count, 9)
        var docxPaths: [String] = []
        for (name, report) in reports {
            let document = ReportDocument(report)
            let docx = artifacts.appendingPathComponent("\(name).docx")
            try Data(try WordWriter.render(document)).write(to: docx)
            docxPaths.append(docx.path)
            let html = artifacts.appendingPathComponent("\(name).html")
            try Data(HTMLWriter.render(document).utf8).write(to: html)
            try toolOutput(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--user-data-dir=\(artifacts.path)/profile",
                    "--print-to-pdf=\(artifacts.appendingPathComponent("\(name)-html.pdf").path)", html.absoluteString,
                ])
        }
        try toolOutput("soffice", ["--headless", "--convert-to", "pdf", "--outdir", artifacts.path] + docxPaths)
        for (name, report) in reports {
            for (engine, pdf) in [("Word → LibreOffice", "\(name).pdf"), ("HTML → Chromium", "\(name)-html.pdf")] {
                let path = artifacts.appendingPathComponent(pdf).path
                guard FileManager.default.fileExists(atPath: path) else {
                    XCTFail("\(name): \(engine) wrote no PDF")
                    continue
                }
                try look(at: path, report: report, label: "\(name) (\(engine))")
                try toolOutput("pdftoppm", ["-r", "50", "-png", path, artifacts.appendingPathComponent(pdf).path])
            }
        }
        print("look test: pages of \(reports.count) reports in \(artifacts.path)")
    }

    private func look(at pdf: String, report: Report, label: String) throws {
        // Nothing past the page's edges.
        let boxes = try toolOutput("pdftotext", ["-bbox", pdf, "-"])
        let pageWidth =
            Double(Self.attribute("width", in: boxes.components(separatedBy: "<page ").dropFirst().first ?? "") ?? "0") ?? 0
        XCTAssertGreaterThan(pageWidth, 0, label)
        for word in boxes.components(separatedBy: "<word ").dropFirst() {
            guard let xMin = Self.attribute("xMin", in: word).flatMap(Double.init),
                let xMax = Self.attribute("xMax", in: word).flatMap(Double.init)
            else { continue }
            if xMin < 0 || xMax > pageWidth + 0.5 {
                XCTFail("\(label): a word runs off the page (x \(xMin)–\(xMax) of \(pageWidth))")
                break
            }
        }
        // Every row label of table 三 whole, on at most two lines. (The short group labels in their
        // merged cells share lines with the rows beside them in the text layer, so are not counted.)
        let lines = try toolOutput("pdftotext", ["-raw", pdf, "-"]).split(separator: "\n").map { $0.filter { !$0.isWhitespace } }
        let labels = Set((report.format.rows[.requests] ?? []).map(\.label))
        for text in labels.map({ $0.filter { !$0.isWhitespace } }) {
            let whole = lines.indices.contains { i in
                (lines[i] + (i + 1 < lines.count ? lines[i + 1] : "")).contains(text)
            }
            XCTAssertTrue(whole, "\(label): 「\(text)」 is not whole on two lines")
        }
        // The column header on every page where table 三 has rows.
        let pages = try toolOutput("pdftotext", ["-layout", pdf, "-"]).components(separatedBy: "\u{0C}")
        let rowLabels = (report.format.rows[.requests] ?? []).map { $0.label.filter { !$0.isWhitespace } }
        for (n, page) in pages.enumerated() {
            let text = page.filter { !$0.isWhitespace }
            let rowsHere = rowLabels.filter { text.contains($0) }.count
            if rowsHere >= 2 {
                XCTAssertTrue(text.contains("申请人情况"), "\(label): page \(n + 1) holds rows of table 三 without its header")
            }
        }
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: "\(name)=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }
}
