import Foundation
import ReportChecks
import ReportReader
import ReportSources
import XCTest

@testable import Store

final class StoreTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    private var folder = ""

    override func setUp() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-store-\(UUID())").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(path)))
    }

    func testSHA256() {
        XCTAssertEqual(ContentHash.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(ContentHash.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            ContentHash.hex(Array(String(repeating: "a", count: 1000).utf8)),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testTheLibraryIsReadableByItsOwnerOnly() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        _ = try await store.importFile(bytes: try fixture("seeds/001_c6d2da25662234b0.txt"), name: "001.txt")
        try await store.close()
        let attributes = { (path: String) in try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        XCTAssertEqual(try attributes(folder), 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            XCTAssertEqual(try attributes(folder + "/" + file), 0o600, file)
        }
    }

    func testAWriteFromElsewhereNeverLandsInSomeoneElsesTransaction() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        let failing = Task {
            try await store.failingTransaction(holdingFor: .milliseconds(300))
        }
        try await Task.sleep(for: .milliseconds(100))
        // While that transaction is open: a sign-in's audit entry, and a read.
        try await store.log(user: "someone", action: "sign-in", target: "someone", detail: "")
        let seen = try await store.auditLog().map(\.action)
        XCTAssertFalse(seen.contains("doomed"), "never reads what was not committed")
        _ = await failing.result
        let kept = try await store.auditLog().map(\.action)
        XCTAssertEqual(kept, ["sign-in"], "the rollback took its own write only")
        try await store.close()
    }

    func testAFullDiskStopsTheImportWithAClearErrorAndLeavesTheLibraryWhole() async throws {
        // A small tmpfs as the library's folder (needs root, as in CI).
        let mountPoint = folder + "-tmpfs"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=768k", "tmpfs", mountPoint]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            throw XCTSkip("skipped: cannot mount a tmpfs here (not root?): the full-disk test needs one")
        }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let library = mountPoint + "/library"
        let seed = String(decoding: try fixture("seeds/001_c6d2da25662234b0.txt"), as: UTF8.self)
        let store = try await ReportStore.open(dataDirectory: library)
        var stored = 0
        var failure: (any Error)?
        for n in 0..<500 {
            do {
                let bytes = Array((seed + String(repeating: "\n", count: n + 1)).utf8)
                if case .imported = try await store.importFile(bytes: bytes, name: "\(n).txt") { stored += 1 }
            } catch {
                failure = error
                break
            }
        }
        let error = try XCTUnwrap(failure, "the disk never filled")
        XCTAssertTrue("\(error)".contains("full"), "says the disk is full: \(error)")
        XCTAssertGreaterThan(stored, 0)
        try? await store.close()
        // Room again (as an operator would make): the library opens whole, every stored report there.
        let grow = Process()
        grow.executableURL = URL(fileURLWithPath: "/bin/mount")
        grow.arguments = ["-o", "remount,size=8m", mountPoint]
        try grow.run()
        grow.waitUntilExit()
        let reopened = try await ReportStore.open(dataDirectory: library)
        let count = try await reopened.countReports()
        XCTAssertEqual(count, stored)
        let integrity = try await reopened.db.raw("PRAGMA integrity_check").first()?.decode(
            column: "integrity_check", as: String.self)
        XCTAssertEqual(integrity, "ok")
        try await reopened.close()
    }

    func testCrossYearFindingsAreStoredWithTheLaterReportWhicheverArrivesFirst() async throws {
        let seed = String(decoding: try fixture("seeds/001_c6d2da25662234b0.txt"), as: UTF8.self)
        let earlier = Array(seed.utf8)
        // The same report a year on: its narrative repeats last year's, its tables are last year's.
        let later = Array(seed.replacingOccurrences(of: "2019", with: "2020").utf8)
        let expected = try await CheckCatalogue.check([
            ReportSources.read(bytes: earlier, origin: "2019"), ReportSources.read(bytes: later, origin: "2020"),
        ])[1].filter { $0.id.hasPrefix("continuity.") }.map(\.id).sorted()
        XCTAssertFalse(expected.isEmpty, "the pair has cross-year findings")
        for order in [[earlier, later], [later, earlier]] {
            try? FileManager.default.removeItem(atPath: folder)
            let store = try await ReportStore.open(dataDirectory: folder)
            for (n, bytes) in order.enumerated() { _ = try await store.importFile(bytes: bytes, name: "\(n).txt") }
            let stored = try await store.reports(ReportFilter(year: 2020))
            let id = try XCTUnwrap(stored.first?.id)
            let findings = try await store.findings(reportID: id)
            XCTAssertEqual(findings.filter { $0.check.hasPrefix("continuity.") }.map(\.check).sorted(), expected)
            XCTAssertEqual(stored.first?.warnings, findings.filter { $0.severity == "warning" }.count, "the counts include them")
            try await store.close()
        }
    }

    func testReadsDoNotWaitForAWriterHoldingATransaction() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        _ = try await store.importFile(bytes: try fixture("seeds/001_c6d2da25662234b0.txt"), name: "001.txt")
        let (released, release) = AsyncStream<Void>.makeStream()
        let writer = Task { try await store.transactionHeld(until: released) }
        try await Task.sleep(for: .milliseconds(100))
        // Were reads to wait for the writer, this would wait for ever: the race ends it after 10 s.
        let read = await withTaskGroup(of: Int?.self) { group in
            group.addTask { try? await store.countReports() }
            group.addTask {
                try? await Task.sleep(for: .seconds(10))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        XCTAssertEqual(read, 1, "a read was answered while the writer held its transaction")
        release.finish()
        try await writer.value
        try await store.close()
    }

    func testALibraryWrittenByANewerReleaseIsNotOpened() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        try await store.db.raw("INSERT INTO gongkai_migrations (version, applied_at) VALUES (999, 'later')").run()
        try await store.close()
        do {
            let reopened = try await ReportStore.open(dataDirectory: folder)
            try await reopened.close()
            XCTFail("opened a schema newer than the code")
        } catch let error as OpenError {
            XCTAssertTrue(error.description.contains("999"), error.description)
        }
    }

    func testADatabaseURLIsPostgreSQLOrRefusedAndItsPasswordNeverShown() async throws {
        XCTAssertEqual(DatabaseURL.redacted("postgres://gk:s3cret@db:5432/lib"), "postgres://gk:***@db:5432/lib")
        XCTAssertEqual(DatabaseURL.redacted("postgres://db/lib"), "postgres://db/lib")
        for url in [
            "mysql://gk:s3cret@db/lib", "postgress://gk:s3cret@db/lib", "postgresql+psycopg://gk:s3cret@db/lib", "lib.db",
        ] {
            do {
                _ = try await ReportStore.open(database: url, dataDirectory: folder)
                XCTFail("\(url) opened")
            } catch let error as OpenError {
                XCTAssertFalse(error.description.contains("s3cret"), error.description)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "no SQLite library made in its place")
        do {
            _ = try await ReportStore.open(database: "postgres://gk:s3cret@127.0.0.1:1/lib", dataDirectory: folder)
            XCTFail("opened a database on port 1")
        } catch let error as OpenError {
            XCTAssertFalse(error.description.contains("s3cret"), error.description)
            XCTAssertTrue(error.description.contains("refused"), "says why: \(error.description)")
        }
    }

    func testImportIsContentAddressedAndKeepsCellsFindingsAndTheOriginal() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        let seed = try fixture("seeds/001_c6d2da25662234b0.txt")
        guard case .imported(let id) = try await store.importFile(bytes: seed, name: "a.txt") else {
            return XCTFail("not imported")
        }
        guard case .duplicate(let again) = try await store.importFile(bytes: seed, name: "copy-of-a.txt") else {
            return XCTFail("the same file twice must be one report")
        }
        XCTAssertEqual(again, id)
        let cellValue = try await store.cellValue(reportID: id, key: "requests.new.natural_person")
        XCTAssertEqual(cellValue, "64")
        let json = try await store.reportJSON(id: id)
        XCTAssertTrue(json?.contains("\"agency\":\"辽阳市\"") ?? false)
        let list = try await store.reports()
        XCTAssertEqual(list.map(\.agency), ["辽阳市"])
        XCTAssertEqual(list.first?.readerVersion, readerVersion)
        try await store.close()
    }

    func testABadFileStoresNothingAndTheRestGoOn() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        guard case .failed(let error) = try await store.importFile(bytes: Array("会议通知".utf8), name: "notice.txt") else {
            return XCTFail("a non-report must fail")
        }
        XCTAssertEqual(error.problem, .notAReport)
        _ = try await store.importFile(bytes: try fixture("seeds/000_310871bd08bd093a.txt"), name: "000.txt")
        let list = try await store.reports()
        XCTAssertEqual(list.count, 1)
        let labelVariants = try await store.findingCount(check: "structure.label-variant")
        XCTAssertEqual(labelVariants, 5)
        try await store.close()
    }

    func testABatchStoresEachContentOnceInOrderAndSkipsBadFiles() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        let a = try fixture("seeds/000_310871bd08bd093a.txt"), b = try fixture("seeds/003_e5e51e0cfe3bc0cf.txt")
        _ = try await store.importFile(bytes: b, name: "b-first.txt")
        let outcomes = try await store.importFiles([
            (a, "a.txt"), (Array("会议通知".utf8), "notice.txt"), (a, "a-again.txt"), (b, "b.txt"),
        ])
        guard outcomes.count == 4, case .imported(let id) = outcomes[0], case .failed = outcomes[1],
            case .duplicate(id) = outcomes[2], case .duplicate = outcomes[3]
        else { return XCTFail("\(outcomes)") }
        let count = try await store.countReports()
        XCTAssertEqual(count, 2)
        let cells = try await store.cellRows(ReportFilter(id: id))
        XCTAssertEqual(cells.count, 198)
        let stored = try await store.cellValue(reportID: id, key: "requests.new.total")
        let read = try await ReportSources.read(bytes: a, origin: "a.txt").value("requests.new.total")?.description
        XCTAssertEqual(stored, read)
        XCTAssertNotNil(stored)
        try await store.close()
    }

    /// Imports and a review decision at once on the one connection: transactions take turns.
    func testConcurrentWritersTakeTurns() async throws {
        let store = try await ReportStore.open(dataDirectory: folder)
        let seeds = try ["000_310871bd08bd093a", "001_c6d2da25662234b0", "003_e5e51e0cfe3bc0cf", "004_7f2f36b97c6d827f"].map {
            try fixture("seeds/\($0).txt")
        }
        guard case .imported(let first) = try await store.importFile(bytes: seeds[0], name: "0.txt") else { return XCTFail() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (n, seed) in seeds.dropFirst().enumerated() {
                group.addTask { _ = try await store.importFiles([(seed, "\(n).txt")]) }
            }
            group.addTask { try await store.setReviewState(reportID: first, .accepted, comment: "", by: "t") }
            try await group.waitForAll()
        }
        let count = try await store.countReports()
        XCTAssertEqual(count, 4)
        let state = try await store.report(id: first)?.reviewState
        XCTAssertEqual(state, "accepted")
        try await store.close()
    }

    func testReopeningUpgradesInPlaceAndReparseRereadsOriginals() async throws {
        var store = try await ReportStore.open(dataDirectory: folder)
        for name in ["seeds/002_09886ce637bf6d9d.txt", "samples/平潭综合实验区2022年度报告.html"] {
            _ = try await store.importFile(bytes: try fixture(name), name: name)
        }
        try await store.close()
        store = try await ReportStore.open(dataDirectory: folder)
        let versions = try await store.schemaVersions()
        XCTAssertEqual(versions, Migration.all.map(\.version))
        let (reread, failed) = try await store.reparse()
        XCTAssertEqual(reread, 2)
        XCTAssertEqual(failed, 0)
        let list = try await store.reports(ReportFilter(year: 2022))
        XCTAssertEqual(list.map(\.agency), ["平潭综合实验区"])
        XCTAssertEqual(list.first?.errors, 0)
        let id = try XCTUnwrap(list.first?.id)
        XCTAssertEqual(id, 2, "re-reading keeps a report's id")
        let repealed = try await store.cellValue(reportID: id, key: "proactive.normative_documents.repealed")
        XCTAssertEqual(repealed, "55")
        try await store.close()
    }
}

extension ReportStore {
    /// A transaction that writes, waits, and fails.
    fileprivate func failingTransaction(holdingFor pause: Duration) async throws {
        try await transaction {
            try await self.log(user: "x", action: "doomed", target: "", detail: "")
            try await Task.sleep(for: pause)
            throw CancellationError()
        }
    }

    /// A transaction that writes, then holds the writer until `released` ends.
    fileprivate func transactionHeld(until released: AsyncStream<Void>) async throws {
        try await transaction {
            try await self.log(user: "x", action: "held", target: "", detail: "")
            for await _ in released {}
        }
    }
}
