import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter

// Reads and checks the shipped seeds and text samples many times over on one core and prints
// reports per second, MB/s and peak memory; then the same per source type (HTML, Word, PDF through
// pdftotext, OCR of rendered pages) where the samples and tools are there.
// Run: swift run -c release gongkai-bench [FIXTURES] [SECONDS] [SHARED]

let arguments = CommandLine.arguments
let root = arguments.count > 1 ? arguments[1] : "Tests/Fixtures"
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 5 : 5

var inputs: [(name: String, bytes: [UInt8])] = []
for folder in ["seeds", "samples"] {
    let dir = URL(fileURLWithPath: root).appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    for name in names.sorted() where name.hasSuffix(".txt") || name.hasSuffix(".md") {
        if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
            inputs.append((name, [UInt8](data)))
        }
    }
}
guard !inputs.isEmpty else {
    FileHandle.standardError.write(Data("gongkai-bench: no .txt or .md reports under \(root)/seeds or \(root)/samples\n".utf8))
    exit(2)
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

@MainActor func measure(
    _ label: String, inputs: [(name: String, bytes: [UInt8])] = inputs, _ body: ([UInt8], String) async throws -> Int
) async rethrows {
    let clock = ContinuousClock()
    var reports = 0
    var bytes = 0
    var sink = 0
    let start = clock.now
    // GONGKAI_BENCH_ROUNDS fixes the work instead of the time (for instruction counts under valgrind).
    let rounds = Int(ProcessInfo.processInfo.environment["GONGKAI_BENCH_ROUNDS"] ?? "")
    var round = 0
    while rounds.map({ round < $0 }) ?? (clock.now - start < .seconds(seconds)) {
        round += 1
        for input in inputs {
            sink &+= try await body(input.bytes, input.name)
            reports += 1
            bytes += input.bytes.count
        }
    }
    let elapsed = clock.now - start
    let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
        String(
            format: "%-16@ %8.0f reports/s  %7.2f MB/s  %6.1f µs/report  (%d reports, checksum %d)", label as NSString,
            Double(reports) / s, Double(bytes) / s / 1_000_000, s / Double(reports) * 1e6, reports, sink & 0xFFFF))
}

print("gongkai-bench: \(inputs.count) reports, \(inputs.reduce(0) { $0 + $1.bytes.count }) bytes, \(seconds) s per run, one core")
try await measure("read") { bytes, name in
    try ReportReader.read(bytes: bytes, origin: name).cells.count
}
try await measure("read + check") { bytes, name in
    let report = try ReportReader.read(bytes: bytes, origin: name)
    return CheckCatalogue.check(report).count + report.cells.count
}
try await measure("+ JSON") { bytes, name in
    let report = try ReportReader.read(bytes: bytes, origin: name)
    return CheckCatalogue.check(report).count + ReportJSON.serialized(report, pretty: false).utf8.count
}
// Per source type: the same reader behind each adapter.
let shared = arguments.count > 3 ? arguments[3] : "../shared"
func file(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
var typed: [(String, String, [UInt8])] = []
if let html = file("\(root)/samples/平潭综合实验区2022年度报告.html") { typed.append(("HTML", "pingtan2022.html", html)) }
if let docx = file("\(shared)/samples/real/年度报告格式模板-2021.docx") { typed.append(("DOCX", "template.docx", docx)) }
if let pdf = file("\(shared)/samples/real/淮安市人民政府2024年政府信息公开工作年度报告.pdf") {
    if ExternalTool.pdftotext.path != nil {
        typed.append(("PDF", "huaian2024.pdf", pdf))
    } else {
        print("PDF: skipped, pdftotext not installed")
    }
}
for (label, name, bytes) in typed {
    try await measure(label + " read+check", inputs: [(name, bytes)]) { bytes, name in
        let report = try await ReportSources.read(bytes: bytes, origin: name)
        return CheckCatalogue.check(report).count + report.cells.count
    }
}
if let pdf = file("\(shared)/samples/real/淮安市人民政府2024年政府信息公开工作年度报告.pdf"), ExternalTool.pdftoppm.path != nil,
    ExternalTool.tesseract.path != nil
{
    // OCR: render the PDF's pages at 300 dpi, then time recognising and reading them (once).
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(pdf).write(to: folder.appendingPathComponent("r.pdf"))
    _ = try await ExternalTool.pdftoppm.run(
        ["-r", "300", "-gray", "-png", folder.appendingPathComponent("r.pdf").path, folder.appendingPathComponent("p").path],
        origin: "bench")
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
        .compactMap { file(folder.appendingPathComponent($0).path) }
    let clock = ContinuousClock()
    let start = clock.now
    let report = try await ReportSources.read(pageImages: pages, origin: "scan")
    let elapsed = clock.now - start
    let confirmed = report.cells.filter { $0.status == .read }.count
    print(
        "OCR              \(pages.count) pages in \(elapsed) (\(confirmed) of \(report.cells.count) cells confirmed by identities)"
    )
}
print(String(format: "peak memory %.1f MB", peakMemoryMB()))
