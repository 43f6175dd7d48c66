import AnnualReport
import Foundation
import Hummingbird
import HummingbirdTesting
import WebApp
import XCTest

@testable import Store

/// The register, the name review step and the region dashboard with its summed tables, over HTTP on
/// SQLite and PostgreSQL.
final class RegionDashboardTests: XCTestCase {
    /// The shipped register and the five seeds: 2019 辽中区国资局 (a name the register knows only as
    /// 国有资产监督管理局) and 辽阳市 (registered as 辽阳市人民政府); 2020 辽中区统计局 and
    /// 沈阳市工业和信息化局; one seed without an agency.
    private func withRegion(_ body: (ReportStore) async throws -> Void) async throws {
        try await Libraries.each { store, _ in
            let register = String(decoding: try Libraries.fixture("register.csv"), as: UTF8.self)
            let added = try await store.loadRegister(csv: register)
            XCTAssertEqual(added.agencies, 11)
            XCTAssertEqual(added.regions, 10)
            let again = try await store.loadRegister(csv: register)
            XCTAssertEqual(again.agencies, 0, "loading twice adds nothing")
            for seed in try FileManager.default.contentsOfDirectory(
                atPath: Libraries.fixtures.appendingPathComponent("seeds").path
            ).sorted() {
                _ = try await store.importFile(bytes: try Libraries.fixture("seeds/\(seed)"), name: seed)
            }
            try await body(store)
        }
    }

    func testABadRegisterLineIsNamedAndNothingIsLoaded() async throws {
        try await Libraries.each { store, _ in
            let csv = "省,市,县,乡镇,机关,类型\n辽宁省,沈阳市,,,沈阳市人民政府,政府\n辽宁省,,辽中区,,某局,部门\n"
            do {
                _ = try await store.loadRegister(csv: csv)
                XCTFail("a gap in the region columns was accepted")
            } catch let error as RegisterError {
                XCTAssertEqual(error.line, 3)
            }
            let bad = "省,市,县,乡镇,机关,类型\n辽宁省,沈阳市,,,沈阳市人民政府,机构\n"
            do {
                _ = try await store.loadRegister(csv: bad)
                XCTFail("an unknown type was accepted")
            } catch let error as RegisterError {
                XCTAssertTrue(error.description.contains("line 2"))
            }
            let regions = try await store.regionCount()
            XCTAssertEqual(regions, 0, "all or nothing")
        }
    }

    func testReportsAreLinkedByNameAndUnclearNamesWaitForReview() async throws {
        try await withRegion { store in
            let linked = try await store.reports(ReportFilter(year: 2020)).filter { $0.agencyID != nil }.compactMap(\.agency)
            XCTAssertEqual(Set(linked), ["沈阳市辽中区统计局", "沈阳市工业和信息化局"])
            let names = try await store.unmatchedNames()
            XCTAssertEqual(Set(names.map(\.name)), ["沈阳市辽中区国资局", "辽阳市"])
            let liaoyang = try XCTUnwrap(names.first { $0.name == "辽阳市" })
            XCTAssertEqual(liaoyang.candidates.first?.agency.name, "辽阳市人民政府")
            let guozi = try XCTUnwrap(names.first { $0.name == "沈阳市辽中区国资局" })
            XCTAssertTrue(guozi.candidates.contains { $0.agency.name == "沈阳市辽中区国有资产监督管理局" })

            try await store.addUser(name: "reviewer", password: "rv-passphrase-2026", role: .reviewer)
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                let publicPage = String(buffer: try await browser.get(client, "/review/names").body)
                XCTAssertTrue(publicPage.contains("辽阳市") && !publicPage.contains("name=\"csrf\""))
                _ = try await browser.signIn(client, "reviewer", "rv-passphrase-2026")
                let page = String(buffer: try await browser.get(client, "/review/names").body)
                let csrf = try XCTUnwrap(Browser.csrf(in: page))
                let target = try XCTUnwrap(guozi.candidates.first { $0.agency.name == "沈阳市辽中区国有资产监督管理局" }).agency.id
                let matched = try await browser.post(
                    client, "/review/names", [("name", "沈阳市辽中区国资局"), ("agency", String(target)), ("csrf", csrf)])
                XCTAssertEqual(matched.status, .seeOther)
                let liaoning = try await Libraries.region(store, "辽宁省")
                let form = String(
                    buffer: try await browser.get(client, "/review/agencies/new?name=%E8%BE%BD%E9%98%B3%E5%B8%82").body)
                XCTAssertTrue(form.contains("<option value=\"\(liaoning.id)\">辽宁省（省级）</option>"), form)
                let created = try await browser.post(
                    client, "/review/agencies",
                    [("name", "辽阳市"), ("region", String(liaoning.id)), ("kind", "government"), ("csrf", csrf)])
                XCTAssertEqual(created.status, .seeOther)
            }
            let left = try await store.unmatchedNames()
            XCTAssertEqual(left.map(\.name), [])
            // The matched name is remembered: the same agency's next report is linked on import.
            let seed = String(decoding: try Libraries.fixture("seeds/000_310871bd08bd093a.txt"), as: UTF8.self)
                .replacingOccurrences(of: "2019", with: "2020")
            _ = try await store.importFile(bytes: Array(seed.utf8), name: "000-2020.txt")
            let next = try await store.reports(ReportFilter(year: 2020, agency: "沈阳市辽中区国资局")).first
            XCTAssertNotNil(next?.agencyID)
            let log = try await store.auditLog().map(\.action)
            XCTAssertTrue(log.contains("match-agency") && log.contains("add-agency"))
        }
    }

    func testDashboardCountsSumsAndDrillsDownToTheAgencies() async throws {
        try await withRegion { store in
            let app = Application(router: WebApp.router(store: store))
            let shenyang = try await Libraries.region(store, "辽宁省", "沈阳市")
            let reports = try await store.reports(ReportFilter(year: 2020, regionPath: shenyang.path))
            XCTAssertEqual(reports.count, 2)
            try await app.test(.router) { client in
                let page = String(buffer: try await client.execute(uri: "/regions/\(shenyang.id)?year=2020", method: .get).body)
                XCTAssertTrue(page.contains("沈阳市 2020 年度报告汇总"))
                XCTAssertTrue(page.contains("<strong>5</strong>在册机关"), "5 agencies in 沈阳市 and 辽中区")
                XCTAssertTrue(page.contains("<strong><a href=\"/?year=2020&amp;region=\(shenyang.id)\">2</a></strong>已发布报告"))
                XCTAssertTrue(page.contains("<strong><a href=\"#missing\">3</a></strong>未发布"))
                XCTAssertTrue(page.contains("沈阳市辽中区人民政府"), "a missing agency is listed")
                XCTAssertTrue(page.contains("<svg class=\"chart\""), "the chart of the sub-regions")

                // Every summed number is the sum of the two reports and links to its parts.
                var expected: [String: CellNumber] = [:]
                for stored in reports {
                    for key in ["requests.new.total", "requests.total.natural_person", "proactive.rules.published"] {
                        if let v = try await store.cellValue(reportID: stored.id, key: key).flatMap({
                            CellNumber(parsing: $0[...])
                        }) {
                            expected[key] = CellNumber.sum([expected[key], v].compactMap { $0 })
                        }
                    }
                }
                XCTAssertFalse(expected.isEmpty)
                for (key, value) in expected {
                    XCTAssertTrue(
                        page.contains(
                            "data-key=\"\(key)\"><a href=\"/regions/\(shenyang.id)/cells/\(key)?year=2020\">\(value)</a>")
                            || page.contains(
                                "data-key=\"\(key)\" class=\"partial\"><a href=\"/regions/\(shenyang.id)/cells/\(key)?year=2020\">\(value)</a>"
                            ),
                        "\(key) = \(value)")
                    let drill = String(
                        buffer: try await client.execute(uri: "/regions/\(shenyang.id)/cells/\(key)?year=2020", method: .get).body
                    )
                    XCTAssertTrue(drill.contains("<strong>\(value)</strong>"))
                    XCTAssertTrue(drill.contains("沈阳市辽中区统计局") && drill.contains("沈阳市工业和信息化局"))
                }

                let api = try await client.execute(uri: "/api/regions/\(shenyang.id)?year=2020", method: .get)
                let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
                XCTAssertEqual((object["summary"] as? [String: Any])?["reported"] as? Int, 2)
                XCTAssertEqual(object["reports"] as? Int, 2)
                XCTAssertEqual(
                    (object["totals"] as? [String: String])?["requests.new.total"], expected["requests.new.total"]?.description)
                XCTAssertEqual((object["missing"] as? [Any])?.count, 3)

                let root = try await client.execute(uri: "/regions/0?year=2019", method: .get)
                XCTAssertEqual(root.status, .ok)
                XCTAssertTrue(String(buffer: root.body).contains("机关名称未能与名录匹配"), "unmatched reports are pointed out")
                let unknown = try await client.execute(uri: "/regions/9999", method: .get)
                XCTAssertEqual(unknown.status, .notFound)
                let library = String(
                    buffer: try await client.execute(uri: "/?region=\(shenyang.id)&year=2020", method: .get).body)
                XCTAssertTrue(library.contains("共 2 份报告"))
            }

            // A new report under the region drops the cached totals of the region and those above it.
            let before = try await store.totals(of: shenyang, year: 2020)
            let seed = String(decoding: try Libraries.fixture("seeds/003_e5e51e0cfe3bc0cf.txt"), as: UTF8.self)
                .replacingOccurrences(of: "沈阳市辽中区统计局", with: "沈阳市辽中区人民政府")
            _ = try await store.importFile(bytes: Array(seed.utf8), name: "gov.txt")
            let after = try await store.totals(of: shenyang, year: 2020)
            XCTAssertEqual(after.reports, before.reports + 1)
        }
    }

    func testAdminLoadsTheRegisterThroughTheWebAndAgencyPagesAndPartsAreServed() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "admin", password: "ad-passphrase-2026", role: .admin)
            for seed in ["003_e5e51e0cfe3bc0cf", "004_7f2f36b97c6d827f"] {
                _ = try await store.importFile(bytes: try Libraries.fixture("seeds/\(seed).txt"), name: seed)
            }
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                _ = try await browser.signIn(client, "admin", "ad-passphrase-2026")
                let csrf = try await browser.csrf(client, "/admin/register")
                let bad = try await browser.upload(
                    client, "/admin/register", fields: [("csrf", csrf)],
                    files: [("file", "bad.csv", Array("省,市,县,乡镇,机关,类型\n辽宁省,,,,某局,机构\n".utf8))])
                XCTAssertTrue(bad.headers[.location]?.removingPercentEncoding?.contains("line 2") ?? false, database)
                let loaded = try await browser.upload(
                    client, "/admin/register", fields: [("csrf", csrf)],
                    files: [("file", "register.csv", try Libraries.fixture("register.csv"))])
                XCTAssertTrue(loaded.headers[.location]?.removingPercentEncoding?.contains("11 个机关") ?? false, database)
                let page = String(buffer: try await browser.get(client, "/admin/register").body)
                XCTAssertTrue(page.contains("10 个地区、11 个机关"))

                let registered = try await store.registeredAgency(for: "沈阳市辽中区统计局")
                let agency = try XCTUnwrap(registered)
                let agencyPage = String(buffer: try await browser.get(client, "/agencies/id/\(agency.id)").body)
                XCTAssertTrue(agencyPage.contains("沈阳市辽中区统计局") && agencyPage.contains("2020"))
                let shenyang = try await Libraries.region(store, "辽宁省", "沈阳市")
                let parts = try await browser.get(client, "/api/regions/\(shenyang.id)/cells/requests.new.total?year=2020")
                let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(buffer: parts.body)) as? [[String: Any]])
                XCTAssertEqual(Set(list.compactMap { $0["agency"] as? String }), ["沈阳市辽中区统计局", "沈阳市工业和信息化局"])
            }
        }
    }
}
