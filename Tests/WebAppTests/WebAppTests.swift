import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import WebApp
import XCTest

/// The public routes over HTTP, on embedded SQLite and on PostgreSQL.
final class WebAppTests: XCTestCase {
    private static let fixtures = Libraries.fixtures

    /// Runs `body` on SQLite and on PostgreSQL with two reports: 001 as published, and a copy with a
    /// broken identity and script in its title and text.
    private func withLibrary(_ body: (ReportStore, [Int]) async throws -> Void) async throws {
        try await Libraries.each { store, database in
            var ids: [Int] = []
            let seed = try String(decoding: Libraries.fixture("seeds/001_c6d2da25662234b0.txt"), as: UTF8.self)
            let broken = seed.replacingOccurrences(of: "(七)总计\n\n64", with: "(七)总计\n\n65")
                .replacingOccurrences(of: "辽阳市2019年度政府信息公开工作报告", with: "<script>alert(1)</script>局2019年度政府信息公开工作报告")
            for (name, text) in [("001.txt", seed), ("broken.txt", broken)] {
                guard case .imported(let id) = try await store.importFile(bytes: Array(text.utf8), name: name) else {
                    return XCTFail("\(name) not imported on \(database)")
                }
                ids.append(id)
            }
            try await body(store, ids)
        }
    }

    func testLibraryPageListsAndFilters() async throws {
        try await withLibrary { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                try await client.execute(uri: "/", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
                    let page = String(buffer: response.body)
                    XCTAssertTrue(page.contains("辽阳市") && page.contains("共 2 份报告"))
                    XCTAssertFalse(page.contains("<script>alert"), "report text is shown escaped")
                    XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;局"))
                }
                try await client.execute(uri: "/?errors=1", method: .get) { response in
                    XCTAssertTrue(String(buffer: response.body).contains("共 1 份报告"))
                }
                try await client.execute(uri: "/?year=2020", method: .get) { response in
                    XCTAssertTrue(String(buffer: response.body).contains("共 0 份报告"))
                }
            }
        }
    }

    func testReportPageMarksTheCellsOfAFinding() async throws {
        try await withLibrary { store, ids in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                try await client.execute(uri: "/reports/\(ids[1])", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    let page = String(buffer: response.body)
                    XCTAssertTrue(page.contains("arithmetic.carry-identity"))
                    XCTAssertTrue(page.contains("data-key=\"requests.total.natural_person\" class=\"mark-error\""))
                    XCTAssertTrue(page.contains("<pre class=\"original\">"))
                    XCTAssertFalse(page.contains("<script>alert"))
                }
                try await client.execute(uri: "/reports/999", method: .get) { response in
                    XCTAssertEqual(response.status, .notFound)
                }
            }
        }
    }

    func testDownloadsAndOriginal() async throws {
        try await withLibrary { store, ids in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                for (format, type) in [
                    ("json", "application/json"), ("html", "text/html"), ("md", "text/markdown"), ("csv", "text/csv"),
                    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                ] {
                    try await client.execute(uri: "/reports/\(ids[0])/download/\(format)", method: .get) { response in
                        XCTAssertEqual(response.status, .ok, format)
                        XCTAssertTrue(response.headers[.contentType]?.hasPrefix(type) ?? false, format)
                        XCTAssertGreaterThan(response.body.readableBytes, 100, format)
                    }
                }
                try await client.execute(uri: "/reports/\(ids[0])/original", method: .get) { response in
                    XCTAssertTrue(String(buffer: response.body).hasPrefix("辽阳市2019年度政府信息公开工作报告"))
                }
                try await client.execute(uri: "/reports/\(ids[0])/download/pdfx", method: .get) { response in
                    XCTAssertEqual(response.status, .notFound)
                }
            }
        }
    }

    func testAgencyPageAndComparison() async throws {
        try await withLibrary { store, ids in
            // A second year of 辽阳市, whose 上年结转 does not follow from 2019.
            let seed = try String(
                contentsOf: Self.fixtures.appendingPathComponent("seeds/001_c6d2da25662234b0.txt"), encoding: .utf8)
            let next = seed.replacingOccurrences(of: "辽阳市2019年度", with: "辽阳市2020年度")
                .replacingOccurrences(of: "二、上年结转政府信息公开申请数量\n\n0", with: "二、上年结转政府信息公开申请数量\n\n3")
            _ = try await store.importFile(bytes: Array(next.utf8), name: "2020.txt")
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                try await client.execute(uri: "/agencies/%E8%BE%BD%E9%98%B3%E5%B8%82", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    let page = String(buffer: response.body)
                    XCTAssertTrue(page.contains("<svg class=\"chart\""))
                    XCTAssertTrue(page.contains("2019") && page.contains("2020"))
                    XCTAssertTrue(page.contains("continuity.carry-over"), "the continuity finding across the two years")
                }
                try await client.execute(uri: "/compare?a=\(ids[0])&b=\(ids[1])", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    let page = String(buffer: response.body)
                    XCTAssertTrue(page.contains("处不同"))
                    XCTAssertTrue(page.contains("<tr class=\"differs\">"))
                }
                try await client.execute(uri: "/compare?a=1", method: .get) { response in
                    XCTAssertEqual(response.status, .badRequest)
                }
            }
        }
    }

    func testExportOfAFilteredSelection() async throws {
        try await withLibrary { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                try await client.execute(uri: "/export.csv?errors=1", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    let bytes = Array(Data(buffer: response.body))
                    XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
                    let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
                    XCTAssertEqual(lines.count, 1 + 198, "one report of 198 cells")
                    XCTAssertTrue(lines.contains { $0.hasSuffix("requests.total.natural_person,65") })
                }
                try await client.execute(uri: "/export.xlsx", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    XCTAssertEqual(Array(Data(buffer: response.body).prefix(2)), [0x50, 0x4B])
                }
            }
        }
    }

    func testJSONAPIAndOpenAPI() async throws {
        try await withLibrary { store, ids in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                try await client.execute(uri: "/api/reports?errors=1", method: .get) { response in
                    let page = try XCTUnwrap(
                        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    XCTAssertEqual(page["total"] as? Int, 1)
                    let list = try XCTUnwrap(page["reports"] as? [[String: Any]])
                    XCTAssertEqual(list.count, 1)
                    XCTAssertEqual(list.first?["reviewState"] as? String, "unreviewed")
                    XCTAssertEqual(list.first?["id"] as? Int, ids[1])
                    XCTAssertGreaterThan(list.first?["errors"] as? Int ?? 0, 0)
                }
                try await client.execute(uri: "/api/reports/\(ids[0])", method: .get) { response in
                    let object = try XCTUnwrap(
                        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let report = try XCTUnwrap(object["report"] as? [String: Any])
                    XCTAssertEqual(report["agency"] as? String, "辽阳市")
                    XCTAssertEqual(
                        ((report["requests"] as? [String: Any])?["new"] as? [String: Any])?["natural_person"] as? Int, 64)
                    XCTAssertNotNil(object["findings"] as? [Any])
                }
                try await client.execute(uri: "/api/reports/999", method: .get) { response in
                    XCTAssertEqual(response.status, .notFound)
                }
                try await client.execute(uri: "/api/agencies", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    XCTAssertTrue(String(buffer: response.body).hasPrefix("{\"agencies\":["))
                }
                try await client.execute(uri: "/openapi.json", method: .get) { response in
                    let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let paths = try XCTUnwrap(doc["paths"] as? [String: Any])
                    // The document and the router agree: every machine-facing route is described,
                    // and everything described is routed.
                    let documented = Set(
                        paths.flatMap { path, methods in
                            ((methods as? [String: Any])?.keys.map { "\($0.uppercased()) \(path)" }) ?? []
                        })
                    let routed = Set(
                        WebApp.router(store: store).routes.map { "\($0.method) \($0.path)" }
                            .map { $0.replacingOccurrences(of: #":(\w+)"#, with: "{$1}", options: .regularExpression) }
                            .filter {
                                $0.contains(" /api/") || $0.contains(" /export.") || $0.hasSuffix(" /healthz")
                                    || $0.hasSuffix(" /metrics")
                            })
                    XCTAssertGreaterThanOrEqual(routed.count, 11, "\(routed)")
                    XCTAssertEqual(documented.subtracting(routed), [], "described but not routed")
                    XCTAssertEqual(routed.subtracting(documented), [], "routed but not described")
                    XCTAssertTrue(documented.contains("POST /api/reports"), "the upload")
                }
            }
        }
    }
}
