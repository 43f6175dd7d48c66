import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportSynthesis
import ReportWriter
import TestSupport
import XCTest

/// What Gongkai writes, Gongkai reads back identically: a property over many generated valid reports
/// of both formats (random counts that satisfy every identity).
final class RoundTripTests: XCTestCase {
    private func assertSame(
        _ read: Report, _ original: Report, _ label: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(read.format.version, original.format.version, label, file: file, line: line)
        XCTAssertEqual(read.year, original.year, label, file: file, line: line)
        XCTAssertEqual(read.agency, original.agency, label, file: file, line: line)
        XCTAssertEqual(read.published, original.published, label, file: file, line: line)
        let differing = original.format.cells.indices.filter { read.cells[$0].value != original.cells[$0].value }
        XCTAssertEqual(
            differing.map {
                "\(original.format.cells[$0].key): wrote \(original.cells[$0].value?.description ?? "null"), read \(read.cells[$0].value?.description ?? "null") [\(read.cells[$0].status)]"
            },
            [], label, file: file, line: line)
        for id in [SectionID.overview, .problems, .other] {
            let written = original.sections[id]?.text.split(separator: "\n").map(String.init) ?? []
            let back = read.sections[id]?.text.filter { !$0.isWhitespace } ?? ""
            for paragraph in written {
                XCTAssertTrue(
                    back.contains(paragraph.filter { !$0.isWhitespace }), "\(label) \(id): \(paragraph)", file: file, line: line)
            }
        }
    }

    private func generated(_ n: Int, seed: UInt64) -> [Report] {
        var synth = ReportSynthesizer(random: SeededRandom(state: seed))
        let agencies = ["某市统计局", "某县人民政府", "某区生态环境局", "某市人民政府办公室"]
        return (0..<n).map { i in
            let format = i % 2 == 0 ? ReportFormat.v2019 : ReportFormat.v2021
            let year = format.version == .v2019 ? 2019 + (i / 2) % 2 : 2021 + (i / 2) % 5
            return synth.report(format: format, agency: agencies[i % agencies.count], year: year)
        }
    }

    func testHTMLRoundTrip() async throws {
        for (i, report) in generated(60, seed: 1).enumerated() {
            let html = HTMLWriter.render(ReportDocument(report))
            assertSame(try await ReportSources.read(bytes: Array(html.utf8), origin: "r\(i).html"), report, "HTML \(i)")
        }
    }

    func testMarkdownRoundTrip() async throws {
        for (i, report) in generated(60, seed: 2).enumerated() {
            let md = MarkdownWriter.render(ReportDocument(report))
            assertSame(try await ReportSources.read(bytes: Array(md.utf8), origin: "r\(i).md"), report, "Markdown \(i)")
        }
    }

    func testWordRoundTrip() async throws {
        for (i, report) in generated(60, seed: 3).enumerated() {
            let docx = try WordWriter.render(ReportDocument(report))
            XCTAssertEqual(SourceKind.sniff(docx), .docx)
            assertSame(try await ReportSources.read(bytes: docx, origin: "r\(i).docx"), report, "Word \(i)")
        }
    }

    func testPDFRoundTrip() async throws {
        let chromium = PDFPrinter.chromiumNames.contains { name in
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
            }
        }
        if !chromium { try requireTool("libreoffice", package: "chromium fonts-noto-cjk") }
        try requireTool("pdftotext", package: "poppler-utils")
        for (i, report) in generated(6, seed: 4).enumerated() {
            let document = ReportDocument(report)
            let pdf = try await PDFPrinter.pdf(
                html: HTMLWriter.render(document), docx: { try WordWriter.render(document) }, origin: "r\(i)")
            XCTAssertEqual(SourceKind.sniff(pdf), .pdf)
            assertSame(try await ReportSources.read(bytes: pdf, origin: "r\(i).pdf"), report, "PDF \(i)")
        }
    }
}
