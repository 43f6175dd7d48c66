import Foundation
import Hummingbird
import HummingbirdTesting
import WebApp
import XCTest
import ZIPFoundation

@testable import Store

/// Uploads in the browser (one file, several, a ZIP) and through the API; limits and bad files.
final class UploadTests: XCTestCase {
    private func zip(_ files: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in files {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        return [UInt8](try XCTUnwrap(archive.data))
    }

    func testBrowserUploadOfFilesAndAZIPWithABadFile() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "reviewer", password: "rv-passphrase-2026", role: .reviewer)
            let seeds = try ["000_310871bd08bd093a", "001_c6d2da25662234b0", "003_e5e51e0cfe3bc0cf"].map {
                try Libraries.fixture("seeds/\($0).txt")
            }
            let archive = try zip([
                ("2020/003.txt", seeds[2]), ("2019/001.txt", seeds[1]), ("bad/notes.txt", Array("会议纪要，不是年度报告".utf8)),
                ("__MACOSX/._001.txt", [0, 5, 22, 7]),
            ])
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                _ = try await browser.signIn(client, "reviewer", "rv-passphrase-2026")
                let form = String(buffer: try await browser.get(client, "/upload").body)
                let csrf = try XCTUnwrap(Browser.csrf(in: form))
                XCTAssertTrue(form.contains("multiple") && form.contains("enctype=\"multipart/form-data\""))

                let refused = try await browser.upload(
                    client, "/upload", fields: [("csrf", "forged")], files: [("files", "000.txt", seeds[0])])
                XCTAssertEqual(refused.status, .forbidden)
                let before = try await store.countReports()
                XCTAssertEqual(before, 0, database)

                let response = try await browser.upload(
                    client, "/upload", fields: [("csrf", csrf)],
                    files: [("files", "000.txt", seeds[0]), ("files", "001.txt", seeds[1]), ("files", "年度报告.zip", archive)])
                XCTAssertEqual(response.status, .seeOther, database)
                let page = try await browser.finishedJob(client, after: response)
                XCTAssertTrue(
                    page.contains("共 5 个文件：新导入 <strong class=\"imported\">3</strong>，已存在 1，未能读取 <strong>1</strong>"), page)
                XCTAssertTrue(page.contains("年度报告.zip/bad/notes.txt"))
                XCTAssertTrue(page.contains("no annual report found"))
                let after = try await store.countReports()
                XCTAssertEqual(after, 3, database)
            }
        }
    }

    func testAPIUploadNeedsAnAccountAndSaysWhatBecameOfEachFile() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "api", password: "ap-passphrase-2026", role: .reviewer)
            let seed = try Libraries.fixture("seeds/004_7f2f36b97c6d827f.txt")
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                let anonymous = try await client.execute(
                    uri: "/api/reports?name=004.txt", method: .post, headers: [:], body: ByteBuffer(bytes: seed))
                XCTAssertEqual(anonymous.status, .unauthorized)
                let auth: HTTPFields = [.authorization: "Basic " + Data("api:ap-passphrase-2026".utf8).base64EncodedString()]
                let created = try await client.execute(
                    uri: "/api/reports?name=004.txt", method: .post, headers: auth, body: ByteBuffer(bytes: seed))
                XCTAssertEqual(created.status, .created, database)
                let results = try XCTUnwrap(
                    try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [[String: Any]])
                XCTAssertEqual(results.first?["status"] as? String, "imported")
                let id = try XCTUnwrap(results.first?["id"] as? Int)
                let again = try await client.execute(
                    uri: "/api/reports?name=copy.txt", method: .post, headers: auth, body: ByteBuffer(bytes: seed))
                XCTAssertEqual(again.status, .ok)
                XCTAssertTrue(
                    String(buffer: again.body).contains("\"status\":\"duplicate\",\"id\":\(id)")
                        || String(buffer: again.body).contains("\"id\":\(id)"))
                let bad = try await client.execute(
                    uri: "/api/reports?name=x.pdf", method: .post, headers: auth, body: ByteBuffer(string: "%PDF-1.4 broken"))
                XCTAssertEqual(bad.status, .ok)
                XCTAssertTrue(String(buffer: bad.body).contains("\"status\":\"failed\""))
                let report = try await client.execute(uri: "/api/reports/\(id)", method: .get)
                XCTAssertEqual(report.status, .ok)
            }
        }
    }

    func testOversizedUploadsAreRefusedAndTheServerKeepsServing() async throws {
        try await Libraries.each { store, _ in
            try await store.addUser(name: "api", password: "ap-passphrase-2026", role: .reviewer)
            let app = Application(router: WebApp.router(store: store, configuration: .init(maxUploadBytes: 64 * 1024)))
            try await app.test(.router) { client in
                let auth: HTTPFields = [.authorization: "Basic " + Data("api:ap-passphrase-2026".utf8).base64EncodedString()]
                let big = [UInt8](repeating: 0x41, count: 200 * 1024)
                let raw = try await client.execute(
                    uri: "/api/reports?name=big.txt", method: .post, headers: auth, body: ByteBuffer(bytes: big))
                XCTAssertEqual(raw.status, .contentTooLarge)
                XCTAssertTrue(String(buffer: raw.body).contains("64 KB"), String(buffer: raw.body))
                var browser = Browser()
                _ = try await browser.signIn(client, "api", "ap-passphrase-2026")
                let csrf = try await browser.csrf(client, "/upload")
                let form = try await browser.upload(
                    client, "/upload", fields: [("csrf", csrf)], files: [("files", "big.txt", big)])
                XCTAssertEqual(form.status, .contentTooLarge)
                XCTAssertTrue(String(buffer: form.body).contains("上限"))
                let list = try await client.execute(uri: "/", method: .get)
                XCTAssertEqual(list.status, .ok)
                let count = try await store.countReports()
                XCTAssertEqual(count, 0)
            }
        }
    }

    func testAZipBombIsRefusedBeforeItFillsTheDisk() async throws {
        var limits = ArchiveLimits()
        limits.maxTotalBytes = 1 << 20
        let zeros = [UInt8](repeating: 0, count: 3 << 20)
        let archive = try zip([("a.txt", zeros)])
        XCTAssertLessThan(archive.count, 50_000, "compresses well")
        do {
            try await ReportStore.unpack(zip: archive, name: "bomb.zip", limits: limits) { _, _ in }
            XCTFail("the bomb was unpacked")
        } catch {
            XCTAssertTrue("\(error)".contains("bomb.zip"))
        }
    }

    func testAnUploadIsADurableJobAndAZIPIsRefusedWhole() async throws {
        try await Libraries.each { store, database in
            let seeds = try ["000_310871bd08bd093a", "001_c6d2da25662234b0"].map { try Libraries.fixture("seeds/\($0).txt") }
            var limits = ArchiveLimits()
            limits.maxTotalBytes = 1 << 20
            let over = try zip([("ok.txt", seeds[1]), ("zeros.txt", [UInt8](repeating: 0, count: 2 << 20))])
            let truncated = Array(try zip([("ok.txt", seeds[1])]).dropLast(30))
            let job = try await store.enqueueImport(
                [(seeds[0], "000.txt"), (over, "over.zip"), (truncated, "cut.zip")], by: "tester", limits: limits)
            let queued = try await store.importJob(id: job)
            XCTAssertEqual(queued?.state, .queued, database)
            XCTAssertEqual(queued?.total, 3, "the over-limit ZIP is one failed file, none of its entries: \(database)")
            // The job is read by whichever server takes it up first; a second claim finds nothing to do.
            let ran = try await store.resumeImportJobs()
            XCTAssertEqual(ran, 1)
            let again = try await store.runImportJob(id: job)
            XCTAssertFalse(again)
            let files = try await store.importJobFiles(id: job)
            XCTAssertEqual(files.map(\.state), ["imported", "failed", "failed"], database)
            XCTAssertTrue(files[1].error?.contains("more than the limit") ?? false, files[1].error ?? "")
            XCTAssertTrue(files[2].error?.contains("damaged or truncated") ?? false, files[2].error ?? "")
            let log = try await store.auditLog(limit: 5)
            XCTAssertTrue(log.contains { $0.action == "upload" && $0.user == "tester" && $0.target == "job \(job)" })
        }
    }

    func testAJobCutOffByACrashIsTakenUpAndAFileThatKillsTheReaderTwiceIsFailed() async throws {
        try await Libraries.each { store, database in
            let seeds = try ["000_310871bd08bd093a", "001_c6d2da25662234b0", "002_09886ce637bf6d9d"].map {
                try Libraries.fixture("seeds/\($0).txt")
            }
            let job = try await store.enqueueImport(seeds.enumerated().map { ($1, "\($0).txt") }, by: "tester")
            // As a server that died twice while reading file 1 leaves it: running, attempts counted,
            // its heartbeat long gone.
            try await store.db.raw(
                "UPDATE jobs SET state = 'running', heartbeat_at = '2000-01-01T00:00:00Z' WHERE id = \(bind: job)"
            )
            .run()
            try await store.db.raw("UPDATE job_files SET attempts = 2 WHERE job_id = \(bind: job) AND seq = 1").run()
            try await store.db.raw("UPDATE job_files SET attempts = 1 WHERE job_id = \(bind: job) AND seq = 2").run()
            let ran = try await store.resumeImportJobs()
            XCTAssertEqual(ran, 1, database)
            let files = try await store.importJobFiles(id: job)
            XCTAssertEqual(files.map(\.state), ["imported", "failed", "imported"], database)
            XCTAssertTrue(files[1].error?.contains("两次中止") ?? false)
            let done = try await store.importJob(id: job)
            XCTAssertEqual(done?.state, .done)
            XCTAssertEqual(done?.imported, 2)
        }
    }
}
