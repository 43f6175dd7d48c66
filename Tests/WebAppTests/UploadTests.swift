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
                XCTAssertEqual(response.status, .ok, database)
                let page = String(buffer: response.body)
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

    func testAZipBombIsRefusedBeforeItFillsTheDisk() throws {
        var limits = ArchiveLimits()
        limits.maxTotalBytes = 1 << 20
        let zeros = [UInt8](repeating: 0, count: 3 << 20)
        let archive = try zip([("a.txt", zeros)])
        XCTAssertLessThan(archive.count, 50_000, "compresses well")
        XCTAssertThrowsError(try ReportStore.expand(zip: archive, name: "bomb.zip", limits: limits)) { error in
            XCTAssertTrue("\(error)".contains("bomb.zip"))
        }
    }
}
