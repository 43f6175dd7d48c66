import AnnualReport
import Foundation
import FuzzTargets
import ReportReader
import XCTest

/// Replays what the fuzzer (scripts/fuzz) found — every `Tests/Fixtures/crashes/TARGET-*.bin` through
/// the entry point its name starts with — and handmade hostile inputs for every target, so the test
/// says something even while that folder is empty. Each input must come back as a report or a
/// `ReadError`/`InputError` with a message.
///
/// Each input is first replayed in a child process (`gongkai-fuzz replay`, built beside the tests), so
/// that an input which still traps fails its own assertion, naming the file, instead of killing the
/// whole test run; when it passes there it is run again in-process for the detailed assertions.
/// Without the `gongkai-fuzz` executable everything runs in-process (a trap then ends the run).
final class FuzzRegressionTests: XCTestCase {
    static let crashes = SourceFixtures.fixtures.appendingPathComponent("crashes")

    /// `gongkai-fuzz`, built beside the test bundle by `swift build` / `swift test`.
    static let replayer: URL? = {
        let places = [Bundle.main.bundleURL, Bundle(for: FuzzRegressionTests.self).bundleURL].flatMap {
            [$0, $0.deletingLastPathComponent()]
        }
        return places.map { $0.appendingPathComponent("gongkai-fuzz") }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }()

    func testSavedFuzzCrashesReturnOrThrow() throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: Self.crashes.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix(".bin") }.sorted()
        for name in names {
            let prefix = String(name.prefix { $0 != "-" })
            guard let target = FuzzTarget(rawValue: prefix) else {
                XCTFail("\(name): the name does not start with a fuzz target (\(FuzzTarget.allCases.map(\.rawValue)))")
                continue
            }
            let url = Self.crashes.appendingPathComponent(name)
            check(target, try [UInt8](Data(contentsOf: url)), name, at: url)
        }
    }

    func testHandmadeHostileInputsReturnOrThrow() throws {
        let cases = try Self.handmade()
        XCTAssertEqual(Set(cases.map(\.target)), Set(FuzzTarget.allCases), "every target has a hostile input")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (n, c) in cases.enumerated() {
            let url = folder.appendingPathComponent("\(c.target.rawValue)-\(n).bin")
            try Data(c.bytes).write(to: url)
            check(c.target, c.bytes, "\(c.target.rawValue): \(c.label)", at: url)
        }
    }

    /// Hostile inputs that are not reports must be refused as such, not read.
    func testHostileNonReportsAreRefused() {
        for (target, text) in [(FuzzTarget.reader, "1件"), (.text, "|"), (.html, "<p>1件</p>"), (.sources, "|")] {
            guard case .failed(let error) = target.run(Array(text.utf8)) else {
                XCTFail("\(target) \(text): read as a report")
                continue
            }
            XCTAssertEqual((error as? ReadError)?.problem, .notAReport, "\(target) \(text): \(error)")
        }
        guard case .failed(let error) = FuzzTarget.docx.run(Array("PK\u{3}\u{4}".utf8)) else {
            return XCTFail("docx: a bare ZIP signature was read")
        }
        XCTAssertNotNil(error as? ReadError, "\(error)")
    }

    /// A report that starts with a digit used to trap in NarrativeReader (`s[i - 1]` at offset 0).
    func testReportStartingWithADigitIsRead() throws {
        let seed = String(decoding: try SourceFixtures.shipped("seeds/000_310871bd08bd093a.txt"), as: UTF8.self)
        guard case .report(let report) = FuzzTarget.text.run(Array(("1件\n" + seed).utf8)) else {
            return XCTFail("a seed report with 1件 before it is no longer read")
        }
        XCTAssertEqual(report.cells.count, report.format.cells.count)
        XCTAssertEqual(report.year, 2019)
    }

    private func check(
        _ target: FuzzTarget, _ bytes: [UInt8], _ label: String, at input: URL, file: StaticString = #filePath, line: UInt = #line
    ) {
        if let replayer = Self.replayer {
            let process = Process()
            process.executableURL = replayer
            process.arguments = ["replay", target.rawValue, input.path]
            process.environment = ["SWIFT_BACKTRACE": "enable=no"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            do {
                try process.run()
            } catch {
                return XCTFail("\(label): cannot run \(replayer.path): \(error)", file: file, line: line)
            }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                let how =
                    process.terminationReason == .exit
                    ? "exit \(process.terminationStatus)" : "signal \(process.terminationStatus)"
                return XCTFail(
                    "\(label) through \(target): the reader died (\(how)); replay with gongkai-fuzz replay \(target.rawValue) \(input.path)\n"
                        + text.suffix(1500), file: file, line: line)
            }
        }
        let outcome = target.run(bytes)
        XCTAssertNil(outcome.violation, "\(label) through \(target)", file: file, line: line)
        switch outcome {
        case .report(let report):
            XCTAssertEqual(report.cells.count, report.format.cells.count, label, file: file, line: line)
            XCTAssertEqual(report.origin, target.origin, label, file: file, line: line)
        case .failed(let error):
            XCTAssertFalse(String(describing: error).isEmpty, label, file: file, line: line)
            if target != .input { XCTAssertNotNil(error as? ReadError, "\(label): \(error)", file: file, line: line) }
        case .skipped(let why):
            XCTAssertTrue([.sources, .image].contains(target), "\(label): skipped (\(why))", file: file, line: line)
        }
    }

    struct Case {
        let target: FuzzTarget
        let label: String
        let bytes: [UInt8]
    }

    static func handmade() throws -> [Case] {
        let seed = String(decoding: try SourceFixtures.shipped("seeds/000_310871bd08bd093a.txt"), as: UTF8.self)
        let huge = String(repeating: "9", count: 10_000)
        // Three table cells and one narrative count of 10,000 digits (every cell would make 1.8 MB).
        let parts = seed.components(separatedBy: "\t0\n")
        var hugeSeed = ""
        for (k, part) in parts.enumerated() {
            hugeSeed += part
            if k < parts.count - 1 { hugeSeed += k < 3 ? "\t\(huge)\n" : "\t0\n" }
        }
        hugeSeed = hugeSeed.replacingOccurrences(of: "申请0件", with: "申请\(huge)件")
        var cases: [Case] = []
        func add(_ target: FuzzTarget, _ label: String, _ bytes: [UInt8]) {
            cases.append(Case(target: target, label: label, bytes: bytes))
        }
        func add(_ targets: [FuzzTarget], _ label: String, _ text: String) {
            for t in targets { add(t, label, Array(text.utf8)) }
        }
        func add(_ target: FuzzTarget, _ label: String, _ text: String) { add(target, label, Array(text.utf8)) }
        let plain: [FuzzTarget] = [.reader, .text, .sources]

        add(plain + [.html], "1件", "1件")
        add(plain + [.html], "1件 before a report", "1件\n" + seed)
        add(plain, "a lone |", "|")
        add(plain, "10,000 pipes", String(repeating: "|", count: 10_000))
        add(plain, "a 10,000-digit number", huge)
        add(plain + [.html], "a report with 10,000-digit numbers", hugeSeed)
        add(plain, "a heading and nothing else", "三、收到和处理政府信息公开申请情况\n")
        add(plain, "empty", "")
        add(.reader, "UTF-16 BOM and an odd byte", [0xFF, 0xFE, 0x31])
        add(.reader, "UTF-16BE BOM and a lone surrogate", [0xFE, 0xFF, 0xD8, 0x00])
        add(.reader, "bad GB18030", [0x81, 0x30, 0xFF, 0x81, 0xFE])
        add(.text, "NUL and replacement bytes", [0x00, 0xFF, 0xC0, 0x80, 0x0A, 0x31])

        add(.image, "a PGM header promising more than it has", "P5\n99999 99999\n255\n\0")
        add(
            .image, "a PGM of one black row",
            Array("P5\n300 2\n255\n".utf8) + [UInt8](repeating: 0, count: 300) + [UInt8](repeating: 255, count: 300))
        add(
            .image, "a PNG chunk longer than the file",
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFF, 0xFF, 0xF0, 0x49, 0x48, 0x44, 0x52])
        add(.image, "a JPEG frame cut short", [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08])
        add(
            .image, "a JPEG of empty segments",
            [0xFF, 0xD8] + Array(repeating: [0xFF, 0xE0, 0x00, 0x00], count: 100).flatMap { $0 })
        add(.html, "deeply nested divs", String(repeating: "<div>", count: 20_000) + "1件")
        add(.html, "deeply nested table cells", String(repeating: "<table><tr><td>", count: 5_000) + "0")
        add(.html, "entities out of range", "<p>&#x110000;&#99999999999;&#;&#xD800;&#-1;&</p>")
        add(.html, "unclosed title, script and comment", "<title>一、<script>x<!-- ")
        add(.html, "a lone <", "<")
        add(.html, "GBK declared, bytes not GBK", "<meta charset=gbk><p>\u{FFFD}</p>")

        let document = """
            <?xml version="1.0"?><w:document xmlns:w="w"><w:body>\
            <w:p><w:r><w:t>1件</w:t></w:r></w:p>\
            <w:tr><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tc><w:p/></w:tc>\
            <w:tbl><w:tc><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc></w:tbl>\
            </w:body></w:document>
            """
        add(.docxml, "rows and cells outside tables", Array(document.utf8))
        let nested =
            "<w:document xmlns:w=\"w\"><w:body>" + String(repeating: "<w:tbl><w:tr><w:tc>", count: 2_000)
            + "<w:p><w:r><w:t>1</w:t></w:r></w:p>"
            + String(repeating: "</w:tc></w:tr></w:tbl>", count: 2_000) + "</w:body></w:document>"
        add(.docxml, "2,000 tables nested in cells", Array(nested.utf8))
        add(.docxml, "not XML", Array("<w:t>1件".utf8))
        add(.docxml, "an entity bomb", Array(Self.entityBomb.utf8))
        add(.docxml, "seed text as paragraphs", Array(FuzzSeeds.documentXML(seed).utf8))

        let docx = MinimalDocx.archive(documentXML: Array(FuzzSeeds.documentXML(seed).utf8))
        add(.docx, "a minimal docx", docx)
        add(.docx, "a truncated docx", Array(docx.prefix(docx.count - 30)))
        add(.docx, "a docx cut inside an entry", Array(docx.prefix(120)))
        var lying = docx
        lying[18...25] = [0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F]  // sizes of the first entry
        add(.docx, "a docx whose entry sizes lie", lying)
        add([.docx, .sources], "a bare ZIP signature", "PK\u{3}\u{4}")
        add(.sources, "a ZIP naming word/ and nothing else", "PK\u{3}\u{4}word/")

        add(.input, "a lone {", Array("{".utf8))
        add(.input, "a 25-digit year", Array("year: 9999999999999999999999999\n".utf8))
        add(.input, "a 10,000-digit cell", Array("format: \"2021\"\nrequests:\n  new:\n    total: \(huge)\n".utf8))
        add(.input, "a list", Array("[1, 2]".utf8))
        add(.input, "a date that does not exist", Array("format: 2019\nyear: -1\npublished: 2021-02-30\n".utf8))
        add(.input, "tables of the wrong shape", Array(#"{"format":"2019","requests":[1,{"new":"x"}],"appeals":null}"#.utf8))
        add(.input, "aliases", Array("a: &a [1, 2]\nb: [*a, *a, *a]\nformat: *a\n".utf8))
        return cases
    }

    /// Nested internal entities (a small "billion laughs"); the parser must refuse or bound it.
    static let entityBomb = """
        <?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "一、主动公开政府信息情况">\
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\
        <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&d;</w:t></w:r></w:p>\
        </w:body></w:document>
        """
}
