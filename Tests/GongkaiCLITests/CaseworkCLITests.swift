import Foundation
import XCTest

/// `gongkai deadline`, `calendar` and `cases` as staff run them.
final class CaseworkCLITests: XCTestCase {
    private var binary = URL(fileURLWithPath: "/")
    private var folder = ""

    override func setUpWithError() throws {
        let places = [Bundle.main.bundleURL, Bundle(for: CaseworkCLITests.self).bundleURL].flatMap {
            [$0, $0.deletingLastPathComponent()]
        }
        guard
            let found = places.map({ $0.appendingPathComponent("gongkai") }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0.path)
            })
        else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("gongkai is not built next to the tests") }
            throw XCTSkip("gongkai is not built; run `swift build` first")
        }
        binary = found
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-cases-\(UUID())").path
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ["NO_COLOR": "1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func testDeadlinePrintsTheDueDateWithItsTraceAndJSON() throws {
        let text = try run(["deadline", "--received", "2025-09-26", "--channel", "in-person", "--data", folder])
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.hasPrefix("Due 2025-10-30 (Thu)"), text.out)
        XCTAssertTrue(text.out.contains("2025-09-28 Sun  1  working day 1 of 20: a weekend worked for 国庆节、中秋节 (调休)"), text.out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "the calculator creates no library")

        let json = try run([
            "deadline", "--received", "2026-02-10T10:00", "--channel", "online", "--event", "extension:2026-03-10:5", "--json",
            "--data", folder,
        ])
        XCTAssertEqual(json.status, 0, json.err)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["due"] as? String, "2026-03-23")
        XCTAssertEqual((object["history"] as? [[String: Any]])?.map { $0["due"] as? String }, ["2026-03-16", "2026-03-23"])
        let trace = try XCTUnwrap(object["trace"] as? [[String: Any]])
        XCTAssertEqual(trace.first { $0["date"] as? String == "2026-02-16" }?["holiday"] as? String, "春节")
        XCTAssertEqual(trace.last?["count"] as? Int, 25)

        let impossible = try run([
            "deadline", "--received", "2025-09-26", "--channel", "in-person", "--event", "extension:2025-11-30", "--data", folder,
        ])
        XCTAssertNotEqual(impossible.status, 0)
        XCTAssertTrue(impossible.err.contains("an extension must be approved by the due date 2025-10-30"), impossible.err)
        let badChannel = try run(["deadline", "--received", "2025-09-26", "--channel", "email", "--data", folder])
        XCTAssertTrue(badChannel.err.contains("in-person, post, post-unsigned, online, fax"), badChannel.err)
    }

    func testAnAddedCalendarYearIsUsedAndAMistakeNamesItsLine() throws {
        let before = try run(["deadline", "--received", "2026-12-10", "--channel", "in-person", "--data", folder])
        XCTAssertTrue(before.out.contains("provisional") && before.out.contains("No calendar loaded for 2027"), before.out)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let bad = folder + "/bad.txt"
        try "year 2027\nsource 通知\nwork 2027-01-05 元旦\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try run(["calendar", "import", bad, "--data", folder])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.contains("line 3: 2027-01-05 is a Tue"), refused.err)
        let good = folder + "/2027.txt"
        try "year 2027\nsource 国务院办公厅关于2027年部分节假日安排的通知\noff 2027-01-01 2027-01-03 元旦\n".write(
            toFile: good, atomically: true, encoding: .utf8)
        let imported = try run(["calendar", "import", good, "--data", folder])
        XCTAssertEqual(imported.status, 0, imported.err)
        let after = try run(["deadline", "--received", "2026-12-10", "--channel", "in-person", "--data", folder])
        XCTAssertTrue(after.out.hasPrefix("Due 2027-01-08 (Fri):"), after.out)
        let shown = try run(["calendar", "show", "--year", "2027", "--data", folder])
        XCTAssertTrue(shown.out.contains("off 2027-01-01 2027-01-03 元旦"), shown.out)
    }

    func testCasesFromIntakeToTableThree() throws {
        let added = try run([
            "cases", "add", "--data", folder, "--agency", "某市统计局", "--applicant", "张三", "--received", "2025-09-26", "--channel",
            "in-person",
            "--description", "2024年统计公报原始数据",
        ])
        XCTAssertEqual(added.status, 0, added.err)
        XCTAssertTrue(added.out.hasSuffix("due 2025-10-30\n"), added.out)
        let unapproved = try run(["cases", "event", "1", "extension:2025-10-20:10", "--data", folder])
        XCTAssertTrue(unapproved.err.contains("--approved-by"), unapproved.err)
        XCTAssertEqual(
            try run(["cases", "event", "1", "extension:2025-10-20:10", "--approved-by", "王主任", "--data", folder]).status, 0)
        let late = try run(["cases", "event", "1", "correction-requested:2025-10-21", "--data", folder])
        XCTAssertTrue(late.err.contains("within 7 working days of receipt, by 2025-10-13"), late.err)
        XCTAssertEqual(try run(["cases", "event", "1", "replied:2025-11-03:partly-granted", "--data", folder]).status, 0)
        let shown = try run(["cases", "show", "1", "--json", "--data", folder])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        XCTAssertEqual((object["events"] as? [Any])?.count, 3, "the refused event was not stored")
        XCTAssertEqual((object["deadline"] as? [String: Any])?["due"] as? String, "2025-11-13")
        let table = try run(["cases", "table", "--year", "2025", "--json", "--data", folder])
        let cells = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(table.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(cells.first { $0["key"] as? String == "requests.partly_granted.natural_person" }?["cases"] as? [Int], [1])
        let list = try run(["cases", "list", "--filter", "closed", "--data", folder])
        XCTAssertTrue(list.out.hasPrefix("1\t2025-11-13\tclosed"), list.out)

        // The annual report's data file with table 三 filled from the cases, and checked as data.
        let template = try run(["init", "--year", "2025", "--agency", "某市统计局", "--from-cases", "--data", folder])
        XCTAssertEqual(template.status, 0, template.err)
        XCTAssertTrue(template.out.contains("natural_person: 1  # 自然人（按办件统计）"), template.out)
        let file = folder + "/2025.yaml"
        try template.out.write(toFile: file, atomically: true, encoding: .utf8)
        let checked = try run(["check", file, "--json"])
        XCTAssertEqual(checked.status, 0, checked.out + checked.err)
        let parsed = try run(["parse", file, "--json"])
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(parsed.out.utf8)) as? [String: Any])
        let requests = try XCTUnwrap(report["requests"] as? [String: Any])
        XCTAssertEqual(
            (requests["partly_granted"] as? [String: Any])?["total"] as? Int, 1, "read as data, not as a published text")
    }

    /// The walkthrough of the "done when", in a real browser (Tests/Browser/casework.py):
    /// portal → desk → correction → answered online → extension → 不予公开 → table 三 → drill-down.
    /// Screenshots are kept in $GONGKAI_ARTIFACTS (default: the temporary folder).
    func testBrowserWalkthroughFromPortalToTableThree() throws {
        guard let python = ProcessInfo.processInfo.environment["GONGKAI_PLAYWRIGHT_PYTHON"] else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                XCTFail("scripts/test installs Playwright and sets GONGKAI_PLAYWRIGHT_PYTHON")
            }
            throw XCTSkip("skipped: no Playwright (scripts/test installs it and sets GONGKAI_PLAYWRIGHT_PYTHON)")
        }
        let password = "walkthrough-passphrase"
        let process = Process()
        process.executableURL = binary
        process.arguments = ["users", "add", "officer", "--role", "officer", "--agency", "某市统计局", "--data", folder]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)

        let artifacts = Walkthrough.artifacts
        let (status, transcript) = try Walkthrough.run(
            gongkai: binary, library: folder, python: python, script: "casework.py", arguments: [artifacts, "officer", password])
        XCTAssertEqual(status, 0, transcript)
        XCTAssertTrue(transcript.contains("ok: the drill-down lists the case behind the number"), transcript)
        XCTAssertTrue(
            FileManager.default.fileExists(
                atPath: URL(fileURLWithPath: artifacts).appendingPathComponent("case-7-drilldown.png").path))
    }
}
