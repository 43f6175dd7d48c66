import AnnualReport
import Benchmark
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter

// The reader's speed, with percentiles and allocations: each iteration reads one report (the shipped
// seeds and text samples in turn), then the same per source type where the files and tools are there.
// Run: swift package --disable-sandbox benchmark (see the README).

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// `../shared` beside the checkout, or `GONGKAI_SHARED`.
private let shared =
    ProcessInfo.processInfo.environment["GONGKAI_SHARED"]
    ?? repository.deletingLastPathComponent().appendingPathComponent("shared").path

private func contents(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

/// The text reports under Tests/Fixtures: every seed, the text and Markdown samples.
private func textReports() -> [(name: String, bytes: [UInt8])] {
    ["seeds", "samples"].flatMap { folder -> [(name: String, bytes: [UInt8])] in
        let dir = repository.appendingPathComponent("Tests/Fixtures/" + folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.compactMap { name in
            contents(dir.appendingPathComponent(name).path).map { (name, $0) }
        }
    }
}

private func installed(_ tool: ExternalTool) -> Bool { tool.path != nil }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5),
        maxIterations: 1_000_000)
    let reports = textReports()
    guard !reports.isEmpty else {
        print("ReaderBenchmarks: no reports under \(repository.path)/Tests/Fixtures")
        return
    }

    Benchmark("read") { benchmark in
        for i in benchmark.scaledIterations {
            let input = reports[i % reports.count]
            blackHole(try ReportReader.read(bytes: input.bytes, origin: input.name))
        }
    }
    Benchmark("read + check") { benchmark in
        for i in benchmark.scaledIterations {
            let input = reports[i % reports.count]
            blackHole(CheckCatalogue.check(try ReportReader.read(bytes: input.bytes, origin: input.name)))
        }
    }
    Benchmark("read + check + JSON") { benchmark in
        for i in benchmark.scaledIterations {
            let input = reports[i % reports.count]
            let report = try ReportReader.read(bytes: input.bytes, origin: input.name)
            blackHole(CheckCatalogue.check(report))
            blackHole(ReportJSON.serialized(report, pretty: false))
        }
    }

    // Per source type: the same reader behind each adapter.
    var typed: [(label: String, name: String, bytes: [UInt8])] = []
    if let html = contents(repository.appendingPathComponent("Tests/Fixtures/samples/平潭综合实验区2022年度报告.html").path) {
        typed.append(("HTML", "pingtan2022.html", html))
    }
    if let docx = contents(shared + "/samples/real/年度报告格式模板-2021.docx") { typed.append(("Word", "template.docx", docx)) }
    let pdf = contents(shared + "/samples/real/淮安市人民政府2024年政府信息公开工作年度报告.pdf")
    if let pdf, installed(.pdftotext) { typed.append(("PDF (text and grid)", "huaian2024.pdf", pdf)) }
    for (label, name, bytes) in typed {
        Benchmark("\(label) read + check") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(CheckCatalogue.check(try await ReportSources.read(bytes: bytes, origin: name)))
            }
        }
    }

    // One OCR of the PDF's pages rendered at 300 dpi: recognising and reading, not rendering.
    if let pdf, installed(.pdftoppm), installed(.tesseract) {
        Benchmark(
            "OCR of 6 rendered pages",
            configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(120), maxIterations: 1)
        ) { benchmark in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(pdf).write(to: folder.appendingPathComponent("r.pdf"))
            _ = try await ExternalTool.pdftoppm.run(
                [
                    "-r", "300", "-gray", "-png", folder.appendingPathComponent("r.pdf").path,
                    folder.appendingPathComponent("p").path,
                ],
                origin: "bench")
            let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
                .compactMap { contents(folder.appendingPathComponent($0).path) }
            benchmark.startMeasurement()
            let report = try await ReportSources.read(pageImages: pages, origin: "scan")
            benchmark.stopMeasurement()
            let read = report.cells.filter { $0.status == .read }.count
            print("OCR: \(pages.count) pages, \(read) of \(report.cells.count) cells read")
        }
    }
}
