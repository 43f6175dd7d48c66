import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportSynthesis
import TestSupport
import XCTest

/// Every source type through its adapter into the same reader, against the expected values.
final class SourceTests: XCTestCase {
    private func assertMatchesExpected(_ report: Report, _ name: String, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let expected = try SourceFixtures.expected(name)
        let cells = try XCTUnwrap(expected["cells"] as? [String: Any])
        let ambiguous = Set(expected["ambiguous"] as? [String] ?? [])
        XCTAssertEqual(report.format.version.rawValue, expected["format"] as? String, file: file, line: line)
        XCTAssertEqual(report.year, expected["year"] as? Int, file: file, line: line)
        XCTAssertEqual(report.agency, expected["agency"] as? String, file: file, line: line)
        var wrong: [String] = []
        for (key, value) in cells {
            let cell = try XCTUnwrap(report.cell(key), key)
            let truth = (value as? NSNumber).flatMap { CellNumber(parsing: $0.stringValue[...]) }
            if cell.value == truth && cell.status != .uncertain { continue }
            if ambiguous.contains(key), cell.status == .uncertain { continue }
            wrong.append(
                "\(key): read \(cell.value?.description ?? "null") [\(cell.status)], expected \(truth?.description ?? "null")")
        }
        XCTAssertEqual(wrong, [], "\(name): wrong cells", file: file, line: line)
        XCTAssertEqual(CheckCatalogue.check(report).filter { $0.severity == .error }.map(\.message), [], file: file, line: line)
    }

    func testSniffingByContent() throws {
        XCTAssertEqual(SourceKind.sniff(Array("%PDF-1.7\n".utf8)), .pdf)
        XCTAssertEqual(SourceKind.sniff(Array("<!DOCTYPE html><html>".utf8), name: "report.txt"), .html)
        XCTAssertEqual(SourceKind.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]), .image)
        XCTAssertEqual(SourceKind.sniff(Array("一、总体情况".utf8), name: "x.pdf"), .text)
        XCTAssertEqual(SourceKind.sniff(try SourceFixtures.shipped("samples/平潭综合实验区2022年度报告.html")), .html)
    }

    func testHTMLPageFromThePortal() async throws {
        let bytes = try SourceFixtures.shipped("samples/平潭综合实验区2022年度报告.html")
        let report = try await ReportSources.read(bytes: bytes, origin: "pingtan2022.html")
        try assertMatchesExpected(report, "平潭综合实验区2022年度报告")
        XCTAssertEqual(report.published?.description, "2023-02-20")
    }

    func testHTMLInGBKWithEntitiesSpansAndMergedCells() async throws {
        let html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>某县统计局2021年政府信息公开工作年度报告_某县人民政府</title></head>
            <body><div class="nav">首页 &gt; 政务公开</div><div>发布时间：2022-01-20</div>
            <p>某县统计局2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2021年，本局共收到政府信息公开申请<span>2</span>件。</p>
            <p>二、主动公开政府信息情况</p>
            <table><tr><td colspan="4">第二十条第（一）项</td></tr>
            <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
            <tr><td><p>规</p><p>章</p></td><td><span>0</span></td><td>&nbsp;</td><td>3</td></tr>
            <tr><td>行政规范性文件</td><td>1</td><td>0</td><td>5</td></tr>
            <tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
            <tr><td>行政许可</td><td colspan="3">12</td></tr>
            <tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>行政处罚</td><td colspan="3">4</td></tr><tr><td>行政强制</td><td colspan="3">0</td></tr>
            <tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>行政事业性收费</td><td colspan="3">1.5</td></tr></table>
            <p>三、收到和处理政府信息公开申请情况</p>
            <table><tr><td rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
            <tr><td>自然人</td><td colspan="5">法人或其他组织</td><td>总计</td></tr>
            \(requestRows)
            </table>
            <p>四、政府信息公开行政复议、行政诉讼情况</p>
            <table><tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
            <p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
            <script>var x = "<td>9</td>";</script><!-- <td>8</td> --></body></html>
            """
        let gbk = try XCTUnwrap(html.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let report = try await ReportSources.read(bytes: [UInt8](gbk), origin: "gbk.html")
        XCTAssertEqual(report.title, "某县统计局2021年政府信息公开工作年度报告")
        XCTAssertEqual(report.agency, "某县统计局")
        XCTAssertEqual(report.published?.description, "2022-01-20")
        XCTAssertEqual(report.value("proactive.rules.in_force"), CellNumber(3))
        XCTAssertEqual(report.cell("proactive.rules.repealed")?.status, .blank, "an empty cell between values is blank")
        XCTAssertEqual(report.value("proactive.fees.amount_wan_yuan"), CellNumber(mantissa: 15, scale: 1))
        XCTAssertEqual(report.value("requests.new.natural_person"), CellNumber(2))
        XCTAssertEqual(report.value("requests.total.total"), CellNumber(2))
        XCTAssertEqual(report.value("appeals.review.total"), CellNumber(0))
        XCTAssertEqual(CheckCatalogue.check(report).filter { $0.severity == .error }.map(\.message), [])
    }

    private var requestRows: String {
        ReportFormat.v2021.rows[.requests, default: []].map { row in
            let values =
                row.key == "requests.new" || row.key == "requests.granted" || row.key == "requests.total"
                ? ["2", "0", "0", "0", "0", "0", "2"] : Array(repeating: "0", count: 7)
            let label = row.group.map { "<td>\($0)</td>" } ?? ""
            return "<tr>\(label)<td>\(row.label)</td>" + values.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
    }

    func testHTMLPageWithoutAReport() async throws {
        let page = "<html><head><title>首页</title></head><body><div>欢迎访问</div><table><tr><td>通知</td></tr></table></body></html>"
        await assertThrowsAsync(try await ReportSources.read(bytes: Array(page.utf8), origin: "index.html")) { error in
            XCTAssertEqual((error as? ReadError)?.problem, .notAReport)
        }
    }

    func testPDFTextLayer() async throws {
        try requireTool("pdftotext", package: "poppler-utils")
        let bytes = try SourceFixtures.sharedSample("淮安市人民政府2024年政府信息公开工作年度报告.pdf")
        let report = try await ReportSources.read(bytes: bytes, origin: "huaian2024.pdf")
        try assertMatchesExpected(report, "淮安市人民政府2024年政府信息公开工作年度报告")
    }

    func testWordTemplateIsABlank2021Report() async throws {
        let bytes = try SourceFixtures.sharedSample("年度报告格式模板-2021.docx")
        let report = try await ReportSources.read(bytes: bytes, origin: "template.docx")
        XCTAssertEqual(report.format.version, .v2021)
        XCTAssertEqual(report.format.variant, .standard)
        let notBlank = report.cells.indices.filter { report.cells[$0].status != .blank }.map { report.format.cells[$0].key }
        XCTAssertEqual(notBlank, [], "every cell of the template is blank")
    }

    func testCorruptAndMisnamedFiles() async throws {
        let notWord = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: UInt8(7), count: 100)
        await assertThrowsAsync(try await ReportSources.read(bytes: notWord, origin: "renamed.docx")) { error in
            XCTAssertTrue("\(error)".contains("renamed.docx"))
        }
        try requireTool("pdftotext", package: "poppler-utils")
        let corrupt = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF".utf8)
        await assertThrowsAsync(try await ReportSources.read(bytes: corrupt, origin: "corrupt.pdf")) { error in
            guard let problem = (error as? ReadError)?.problem else { return XCTFail("\(error)") }
            switch problem {
            case .toolFailed, .unsupported, .notAReport: break
            default: XCTFail("\(problem)")
            }
        }
    }

    func testAMissingToolSaysWhichPackageToInstall() async {
        let tool = ExternalTool(name: "gongkai-no-such-tool", package: "poppler-utils")
        await assertThrowsAsync(try await tool.run([], origin: "report.pdf")) { error in
            XCTAssertEqual(
                (error as? ReadError)?.problem,
                .missingTool(name: "gongkai-no-such-tool", install: "apt-get install poppler-utils"))
            XCTAssertTrue("\(error)".contains("report.pdf") && "\(error)".contains("apt-get install poppler-utils"))
        }
    }

    func testAToolThatHangsOrFloodsIsStoppedAndRefused() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        await assertThrowsAsync(
            try await ExternalTool(name: "sleep", package: "coreutils").run(
                ["30"], origin: "slow.pdf", timeout: .milliseconds(300))
        ) { error in
            guard case .toolFailed(name: "sleep", let message)? = (error as? ReadError)?.problem else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(message.contains("no answer after"), message)
        }
        XCTAssertLessThan(clock.now - start, .seconds(10), "the hanging tool was stopped, not waited for")
        // What the tool started itself (LibreOffice's soffice.bin) goes with it.
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-grandchild-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        await assertThrowsAsync(
            try await ExternalTool(name: "sh", package: "dash").run(
                ["-c", "sleep 30 & echo $! > \(pidFile.path); wait"], origin: "office.doc", timeout: .milliseconds(500)))
        let grandchild = try XCTUnwrap(
            pid_t(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Gone, or a zombie waiting for init to reap it.
        func gone() -> Bool {
            kill(grandchild, 0) != 0
                || (try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8))?.contains(") Z ") == true
        }
        for _ in 0..<50 where !gone() { try await Task.sleep(for: .milliseconds(20)) }
        XCTAssertTrue(gone(), "the tool's own child \(grandchild) outlived it")
        await assertThrowsAsync(
            try await ExternalTool(name: "yes", package: "coreutils").run([], origin: "flood.pdf", outputLimit: 4_096)
        ) { error in
            guard case .toolFailed(name: "yes", let message)? = (error as? ReadError)?.problem else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("more than 4096 bytes"), message)
        }
        let echoed = try await ExternalTool(name: "echo", package: "coreutils").run(["公开"], origin: "echo")
        XCTAssertEqual(String(decoding: echoed, as: UTF8.self), "公开\n")
        // A tool that succeeds while writing a flood of warnings (pdftotext on a damaged PDF) is not refused;
        // one that fails keeps the start of its message.
        let shell = ExternalTool(name: "sh", package: "dash")
        let noisy = try await shell.run(["-c", "yes 'Syntax Error' | head -c 300000 >&2; echo ok"], origin: "noisy.pdf")
        XCTAssertEqual(String(decoding: noisy, as: UTF8.self), "ok\n")
        await assertThrowsAsync(
            try await shell.run(["-c", "echo 'broken file' >&2; yes x | head -c 300000 >&2; exit 3"], origin: "bad.pdf")
        ) { error in
            guard case .toolFailed(name: "sh", let message)? = (error as? ReadError)?.problem else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("broken file"), String(message.prefix(40)))
            XCTAssertLessThanOrEqual(message.utf8.count, 16 << 10)
        }
    }

    func testOversizedFileIsRefusedWithoutReadingIt() async {
        let big = [UInt8](repeating: 0x41, count: ReportSources.textLimit + 1)
        await assertThrowsAsync(try await ReportSources.read(bytes: big, origin: "big.txt")) { error in
            XCTAssertEqual((error as? ReadError)?.problem, .tooLarge(bytes: big.count, limit: ReportSources.textLimit))
        }
    }
}

/// Text that OCR made elsewhere (saved as text, HTML, Word or a PDF's text layer) is recognised by
/// its traces, and its numbers are trusted only where an identity confirms them.
final class RecognisedTextTests: XCTestCase {
    private let page = "samples/平潭综合实验区2022年度报告.html"

    private func read(_ html: String) async throws -> Report {
        try await ReportSources.read(bytes: Array(html.utf8), origin: "page.html")
    }

    func testTypedPageBearsNoTraceAndKeepsItsCells() async throws {
        let html = String(decoding: try SourceFixtures.shipped(page), as: UTF8.self)
        XCTAssertTrue(html.contains("《条例》"), "the page should hold book-title marks that are not traces")
        let report = try await read(html)
        XCTAssertEqual(report.recognitionTraces, [])
        XCTAssertEqual(report.value(RowKey.normativeDocuments.cell(.inForce)), CellNumber(698))
        XCTAssertFalse(report.readerNotes.contains { $0.contains("marks of OCR") })
    }

    func testBracketsOCRMadeMarkTheTextAndItsUnconfirmedNumbersUncertain() async throws {
        let typed = String(decoding: try SourceFixtures.shipped(page), as: UTF8.self)
        // What tesseract's Chinese model makes of the headings' full-width parentheses.
        let recognised = typed.replacingOccurrences(of: "第二十条第（", with: "第二十条第〈")
            .replacingOccurrences(of: "（单位：万元）", with: "〈单位; 万元)")
        let report = try await read(recognised)
        XCTAssertEqual(report.recognitionTraces.count, 5)
        XCTAssertTrue(report.readerNotes.first?.contains("marks of OCR") == true, "\(report.readerNotes)")
        // Table 二 has no identity: its numbers are what OCR saw, no more.
        let inForce = try XCTUnwrap(report.cell(RowKey.normativeDocuments.cell(.inForce)))
        XCTAssertEqual(inForce.status, .uncertain)
        XCTAssertEqual(inForce.candidates, [CellNumber(698)])
        // Table 三's totals hold, so its cells stay read.
        XCTAssertEqual(report.value(RowKey.newRequests.cell(.total)), CellNumber(74))
    }

    func testANumberWrittenWithALeadingZeroIsUncertain() async throws {
        let typed = String(decoding: try SourceFixtures.shipped(page), as: UTF8.self)
        XCTAssertEqual(typed.components(separatedBy: "14pt;\">698<").count, 2)
        for written in ["098", "０９８"] {
            let report = try await read(typed.replacingOccurrences(of: "14pt;\">698<", with: "14pt;\">\(written)<"))
            let inForce = try XCTUnwrap(report.cell(RowKey.normativeDocuments.cell(.inForce)))
            XCTAssertEqual(inForce.status, .uncertain, written)
            XCTAssertEqual(inForce.written, written)
            XCTAssertEqual(inForce.candidates, [], "which digit changed cannot be told")
        }
    }

    func testOneStrayBracketIsNotOCR() async throws {
        let typed = String(decoding: try SourceFixtures.shipped(page), as: UTF8.self)
        let once = typed.replacingOccurrences(of: "第二十条第（一）项", with: "第二十条第〈一）项")
        let report = try await read(once)
        XCTAssertEqual(report.recognitionTraces.count, 1)
        XCTAssertEqual(report.value(RowKey.normativeDocuments.cell(.inForce)), CellNumber(698))
    }
}
