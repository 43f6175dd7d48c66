import Foundation
import XCTest

@testable import Store

/// The store on a real PostgreSQL server (scripts/test starts a throwaway one and sets
/// GONGKAI_TEST_POSTGRES): the same behaviour as on SQLite, and two processes sharing one database.
final class PostgresTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    private func url() throws -> String {
        if let url = ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES"] { return url }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("scripts/test starts PostgreSQL in CI; GONGKAI_TEST_POSTGRES is not set")
        }
        throw XCTSkip("skipped: no PostgreSQL (set GONGKAI_TEST_POSTGRES=postgres://…, as scripts/test does)")
    }

    private func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(path)))
    }

    private func freshStore() async throws -> ReportStore {
        let url = try url()
        let store = try await ReportStore.open(databaseURL: url)
        try await store.dropEverything()
        try await store.close()
        return try await ReportStore.open(databaseURL: url)
    }

    func testImportReparseAndListOnPostgres() async throws {
        let store = try await freshStore()
        let seed = try fixture("seeds/001_c6d2da25662234b0.txt")
        guard case .imported(let id) = try await store.importFile(bytes: seed, name: "001.txt") else {
            return XCTFail("not imported")
        }
        guard case .duplicate(id) = try await store.importFile(bytes: seed, name: "again.txt") else {
            return XCTFail("not a duplicate")
        }
        _ = try await store.importFile(bytes: try fixture("samples/平潭综合实验区2022年度报告.html"), name: "pingtan.html")
        let value = try await store.cellValue(reportID: id, key: "requests.new.natural_person")
        XCTAssertEqual(value, "64")
        let list = try await store.reports(ReportFilter(year: 2022))
        XCTAssertEqual(list.map(\.agency), ["平潭综合实验区"])
        let (reread, failed) = try await store.reparse()
        XCTAssertEqual(reread, 2)
        XCTAssertEqual(failed, 0)
        let original = try await store.original(reportID: id)
        XCTAssertEqual(original?.bytes, seed)
        let versions = try await store.schemaVersions()
        XCTAssertEqual(versions, Migration.all.map(\.version))
        try await store.close()
    }

    /// What a PostgreSQL restart does to clients: their connections are dropped.
    private static func dropOtherConnections(_ url: String) async throws {
        let admin = try await ReportStore.open(databaseURL: url)
        try await admin.db.raw(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).run()
        try await admin.close()
        try await Task.sleep(for: .milliseconds(300))
    }

    func testTheStoreReconnectsWhenTheServerDropsItAndATransactionCutOffStoresNothing() async throws {
        let store = try await freshStore()
        let seeds = try ["000_310871bd08bd093a", "001_c6d2da25662234b0"].map { try fixture("seeds/\($0).txt") }
        _ = try await store.importFile(bytes: seeds[0], name: "000.txt")
        try await Self.dropOtherConnections(try url())
        let count = try await store.countReports()
        XCTAssertEqual(count, 1, "the next statement reconnected")

        let url = try url()
        do {
            try await store.transactionCutOff { try await PostgresTests.dropOtherConnections(url) }
            XCTFail("a transaction whose connection was lost went on")
        } catch {}
        let half = try await store.auditLog().filter { $0.action == "half" }
        XCTAssertEqual(half.count, 0, "nothing of the cut-off transaction was stored")
        guard case .imported = try await store.importFile(bytes: seeds[1], name: "001.txt") else {
            return XCTFail("imports work again")
        }
        try await store.close()
    }

    func testTwoProcessesOnOneDatabaseStoreEachFileOnce() async throws {
        let first = try await freshStore()
        let second = try await ReportStore.open(databaseURL: try url())
        let files = try [
            "000_310871bd08bd093a", "001_c6d2da25662234b0", "002_09886ce637bf6d9d", "003_e5e51e0cfe3bc0cf",
            "004_7f2f36b97c6d827f",
        ]
        .map { try fixture("seeds/\($0).txt") }
        async let a: Void = { for (n, f) in files.enumerated() { _ = try await first.importFile(bytes: f, name: "a\(n)") } }()
        async let b: Void = {
            for (n, f) in files.reversed().enumerated() { _ = try await second.importFile(bytes: f, name: "b\(n)") }
        }()
        _ = try await (a, b)
        let count = try await first.reports().count
        XCTAssertEqual(count, files.count)
        try await first.close()
        try await second.close()
    }
}

extension ReportStore {
    /// A transaction of two inserts with the connection dropped between them.
    fileprivate func transactionCutOff(_ drop: @Sendable () async throws -> Void) async throws {
        try await transaction {
            try await self.db.raw(
                "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES ('t', 'u', 'half', '', '')"
            )
            .run()
            try await drop()
            try await self.db.raw(
                "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES ('t', 'u', 'half', '', '')"
            )
            .run()
        }
    }
}
