import Foundation
import XCTest

/// The `gongkai` command as a user runs it: exit codes, JSON shape, standard input, help.
final class CLITests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    private var binary = URL(fileURLWithPath: "/")

    override func setUpWithError() throws {
        // The executable is built beside the test bundle.
        let places = [Bundle.main.bundleURL, Bundle(for: CLITests.self).bundleURL].flatMap {
            [$0, $0.deletingLastPathComponent()]
        }
        if let found = places.map({ $0.appendingPathComponent("gongkai") }).first(where: {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }) {
            binary = found
        } else if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("gongkai is not built next to the tests (looked in \(places.map(\.path)))")
        } else {
            throw XCTSkip("gongkai is not built; run `swift build` first")
        }
    }

    private func run(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ["NO_COLOR": "1"]
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    private func fixture(_ path: String) -> String { Self.fixtures.appendingPathComponent(path).path }

    /// Ctrl-C on `gongkai parse` stops the tool it is waiting for, and what that tool started,
    /// although they run in a process group of their own.
    func testInterruptStopsTheRunningTool() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-interrupt-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pdftotext that starts a long child and waits for it.
        let tool = folder.appendingPathComponent("pdftotext")
        try Data("#!/bin/sh\nsleep 60 &\necho $! > '\(folder.path)/child'\nwait\n".utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        let pdf = folder.appendingPathComponent("report.pdf")
        try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: pdf)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["parse", pdf.path]
        process.environment = ["PATH": folder.path + ":/usr/bin:/bin", "NO_COLOR": "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let childFile = folder.appendingPathComponent("child").path
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && (try? String(contentsOfFile: childFile, encoding: .utf8))?.isEmpty != false {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let child = try XCTUnwrap(
            Int32((try String(contentsOfFile: childFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(child, 0), 0, "the tool's child runs")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGINT)
        // The child is gone (a zombie is reaped by init soon after).
        let gone = Date().addingTimeInterval(5)
        while kill(child, 0) == 0 && Date() < gone { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertNotEqual(kill(child, 0), 0, "the tool's child outlived Ctrl-C")
    }

    func testParseJSONIsNestedByCanonicalKeys() throws {
        let result = try run(["parse", fixture("seeds/001_c6d2da25662234b0.txt"), "--json"])
        XCTAssertEqual(result.status, 0, result.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        XCTAssertEqual(json["format"] as? String, "2019")
        XCTAssertEqual(json["year"] as? Int, 2019)
        XCTAssertEqual(json["agency"] as? String, "辽阳市")
        let requests = try XCTUnwrap(json["requests"] as? [String: Any])
        let new = try XCTUnwrap(requests["new"] as? [String: Any])
        XCTAssertEqual(new["natural_person"] as? Int, 64)
        let withheld = try XCTUnwrap(requests["withheld"] as? [String: Any])
        XCTAssertEqual((withheld["prohibited_by_law"] as? [String: Any])?["total"] as? Int, 2)
        XCTAssertNotNil(json["uncertain"] as? [String: Any])
        XCTAssertNotNil((json["sources"] as? [String: Any])?["requests.new.natural_person"])
        XCTAssertNotNil((json["sections"] as? [String: Any])?["overview"])
    }

    func testUncertainCellsAreNullWithCandidates() throws {
        let result = try run(["parse", fixture("samples/平潭综合实验区2019年度报告.txt"), "--json", "--no-text"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let fees = try XCTUnwrap((json["proactive"] as? [String: Any])?["fees"] as? [String: Any])
        XCTAssertTrue(fees["prior_items"] is NSNull)
        let uncertain = try XCTUnwrap(json["uncertain"] as? [String: Any])
        let entry = try XCTUnwrap(uncertain["proactive.fees.prior_items"] as? [String: Any])
        XCTAssertEqual(entry["candidates"] as? [Int], [3, 35])
    }

    func testParseWithoutJSONShowsTables() throws {
        let result = try run(["parse", fixture("seeds/004_7f2f36b97c6d827f.txt")])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.out.contains("三、收到和处理政府信息公开申请情况"))
        XCTAssertTrue(result.out.contains("沈阳市工业和信息化局"))
    }

    func testCheckExitStatus() throws {
        XCTAssertEqual(try run(["check", fixture("seeds/001_c6d2da25662234b0.txt")]).status, 0)
        let text = try String(contentsOfFile: fixture("seeds/001_c6d2da25662234b0.txt"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: "(七)总计\n\n64", with: "(七)总计\n\n65")
        XCTAssertNotEqual(broken, text)
        let result = try run(["check", "-"], stdin: Data(broken.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.out.contains("arithmetic."))
        XCTAssertTrue(result.out.contains("错误"))
    }

    func testCheckJSONGroupsFindingsByReport() throws {
        let result = try run([
            "check", "--json", fixture("seeds/000_310871bd08bd093a.txt"), fixture("samples/平潭综合实验区2022年度报告.txt"),
        ])
        XCTAssertEqual(result.status, 0)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(json.count, 2)
        let findings = try XCTUnwrap(json[0]["findings"] as? [[String: Any]])
        XCTAssertTrue(
            findings.contains { $0["id"] as? String == "structure.label-variant" && $0["severity"] as? String == "notice" })
    }

    func testUnreadableInputExitsTwoWithAClearMessage() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-empty-\(UUID()).txt")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try run(["check", empty.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains(empty.path) && result.err.contains("empty"), result.err)
        let missing = try run(["parse", "/nonexistent/report.txt"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("no such file"))
        let notReport = try run(["parse", "-"], stdin: Data("会议通知\n请各单位准时参加。\n".utf8))
        XCTAssertEqual(notReport.status, 2)
        XCTAssertTrue(notReport.err.contains("no annual report found"))
    }

    func testAFolderIsCheckedFileByFileWithASummary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-batch-\(UUID())")
        let inputs = folder.appendingPathComponent("in/sub"), out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["000_310871bd08bd093a.txt", "004_7f2f36b97c6d827f.txt"] {
            try FileManager.default.copyItem(atPath: fixture("seeds/\(name)"), toPath: inputs.appendingPathComponent(name).path)
        }
        try Data("not a report".utf8).write(to: folder.appendingPathComponent("in/notes.txt"))
        let result = try run(["check", folder.appendingPathComponent("in").path, "--out", out.path])
        XCTAssertEqual(result.status, 2, "one file could not be read")
        XCTAssertTrue(result.err.contains("3 个文件：完整读取 2，部分读取 0") && result.err.contains("不是年度报告 1"), result.err)
        let written = try XCTUnwrap(
            FileManager.default.contents(atPath: out.appendingPathComponent("sub/004_7f2f36b97c6d827f.txt.findings.json").path))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        XCTAssertEqual(json["agency"] as? String, "沈阳市工业和信息化局")

        let parsed = try run(["parse", folder.appendingPathComponent("in/sub").path, "--out", out.path])
        XCTAssertEqual(parsed.status, 0, parsed.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("000_310871bd08bd093a.txt.json").path))
    }

    func testInitThenRenderRefusesErrorsUnlessForced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-render-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try run(["init", "--year", "2025", "--agency", "某市统计局"])
        XCTAssertEqual(template.status, 0)
        XCTAssertTrue(template.out.contains("format: \"2021\"") && template.out.contains("# 本年制发件数"))
        // A report whose table 四 does not add up: refused, nothing written.
        let data = template.out.replacingOccurrences(
            of:
                "    upheld: null  # 结果维持\n    corrected: null  # 结果纠正\n    other: null  # 其他结果\n    pending: null  # 尚未审结\n    total: null  # 总计（可留空，自动计算）\n  litigation_direct",
            with: "    upheld: 2\n    corrected: 0\n    other: 0\n    pending: 0\n    total: 1\n  litigation_direct")
        XCTAssertNotEqual(data, template.out)
        let input = folder.appendingPathComponent("report.yaml")
        try Data(data.utf8).write(to: input)
        let refused = try run(["render", input.path, "--to", "html"])
        XCTAssertEqual(refused.status, 1, refused.err)
        XCTAssertTrue(refused.err.contains("arithmetic.appeal-total") && refused.err.contains("--force"), refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        let forced = try run(["render", input.path, "--to", "html", "--force"])
        XCTAssertEqual(forced.status, 0, forced.err)
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("草稿"))
        let md = try run(["render", fixture("seeds/001_c6d2da25662234b0.txt"), "--to", "md", "-o", "-"])
        XCTAssertEqual(md.status, 0, md.err)
        XCTAssertTrue(md.out.hasPrefix("# 辽阳市2019年度政府信息公开工作报告"))
    }

    func testImportKilledMidwayLosesNothingAndResumesWithoutDuplicates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-kill-\(UUID())")
        let inputs = folder.appendingPathComponent("in"), data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let seed = try String(contentsOfFile: fixture("seeds/004_7f2f36b97c6d827f.txt"), encoding: .utf8)
        let count = 150
        for n in 0..<count { try Data((seed + "\n附：编号 \(n)\n").utf8).write(to: inputs.appendingPathComponent("r\(n).txt")) }

        let process = Process()
        process.executableURL = binary
        process.arguments = ["import", "--data", data.path, inputs.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Let it store some reports, then kill it without warning.
        let database = data.appendingPathComponent("gongkai.sqlite").path
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            if let size = try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int, size > 200_000 {
                break
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let resumed = try run(["import", "--data", data.path, inputs.path])
        XCTAssertEqual(resumed.status, 0, resumed.err)
        let list = try run(["reports", "--data", data.path, "--json"])
        let reports = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(reports.count, count, "every file stored exactly once")
        XCTAssertTrue(resumed.err.contains("已存在"), resumed.err)
        XCTAssertTrue(reports.allSatisfy { $0["errors"] as? Int == 0 }, "no half-stored report")
    }

    /// A person's first session in a real browser (headless Chromium driven by Playwright,
    /// Tests/Browser/walkthrough.py): sign in, upload a ZIP and files, the region dashboard, the
    /// drill-down, a report, a decision. Screenshots are kept in $GONGKAI_ARTIFACTS (default: the
    /// temporary folder) to look at.
    func testBrowserWalkthroughFromUploadToDashboardToReport() throws {
        guard let python = ProcessInfo.processInfo.environment["GONGKAI_PLAYWRIGHT_PYTHON"] else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                XCTFail("scripts/test installs Playwright and sets GONGKAI_PLAYWRIGHT_PYTHON")
            }
            throw XCTSkip("skipped: no Playwright (scripts/test installs it and sets GONGKAI_PLAYWRIGHT_PYTHON)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-browser-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = try run(["register", "--data", folder.path, fixture("register.csv")])
        XCTAssertEqual(register.status, 0, register.err)
        let password = "walkthrough-passphrase"
        let user = try run(
            ["users", "add", "reviewer", "--role", "admin", "--data", folder.path], stdin: Data((password + "\n").utf8))
        XCTAssertEqual(user.status, 0, user.err)

        let artifacts = Walkthrough.artifacts
        let (status, transcript) = try Walkthrough.run(
            gongkai: binary, library: folder.path, python: python, script: "walkthrough.py",
            arguments: [artifacts, Self.fixtures.path, "reviewer", password])
        XCTAssertEqual(status, 0, transcript)
        XCTAssertTrue(transcript.contains("ok: the dashboard fits a phone"), transcript)
        XCTAssertTrue(
            FileManager.default.fileExists(
                atPath: URL(fileURLWithPath: artifacts).appendingPathComponent("walk-4-drilldown.png").path))
    }

    func testHelpTeachesWithExamples() throws {
        for command in [
            ["--help"], ["parse", "--help"], ["check", "--help"], ["init", "--help"], ["render", "--help"], ["import", "--help"],
            ["reparse", "--help"], ["reports", "--help"],
        ] {
            let result = try run(command)
            XCTAssertEqual(result.status, 0)
            XCTAssertTrue(result.out.contains("Example"), "\(command): \(result.out)")
        }
    }
}
