import AnnualReport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import XCTest

@testable import Store
@testable import WebApp

/// What an attacker or a careless client sends: every one of these once stopped the server, leaked
/// something or let a guess through.
final class HostileRequestTests: XCTestCase {
    private func withLibrary(_ body: (ReportStore, Int) async throws -> Void) async throws {
        try await Libraries.each { store, database in
            let seed = try Libraries.fixture("seeds/001_c6d2da25662234b0.txt")
            guard case .imported(let id) = try await store.importFile(bytes: seed, name: "001.txt") else {
                return XCTFail("not imported on \(database)")
            }
            try await store.addUser(name: "admin", password: "ad-passphrase-2026", role: .admin)
            try await store.addUser(name: "李审核", password: "rv-passphrase-2026", role: .reviewer)
            try await body(store, id)
        }
    }

    func testNumbersOutOfRangeAre400NeverATrap() async throws {
        try await withLibrary { store, id in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                for uri in [
                    "/?page=92233720368547760", "/?page=0", "/?page=-1", "/?year=99999999999999999999", "/?region=-5",
                    "/api/reports?offset=-1", "/api/reports?limit=0", "/api/reports?offset=9223372036854775807",
                    "/regions/0?year=92233720368547760", "/reports/99999999999999999999", "/reports/-1",
                    "/compare?a=1&b=x", "/api/regions/0?year=abc",
                ] {
                    try await client.execute(uri: uri, method: .get) { response in
                        XCTAssertEqual(response.status, .badRequest, uri)
                    }
                }
                try await client.execute(uri: "/?page=1000000", method: .get) { response in
                    XCTAssertEqual(response.status, .ok, "the last page allowed is served (empty)")
                }
                try await client.execute(uri: "/reports/\(id)", method: .get) { response in
                    XCTAssertEqual(response.status, .ok, "still serving")
                }
            }
        }
    }

    func testEveryResponseCarriesTheSecurityHeadersAndPagesErrAsPages() async throws {
        try await withLibrary { store, id in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                for uri in ["/", "/reports/\(id)", "/style.css", "/api/reports", "/no/such/page", "/reports/424242", "/?page=0"] {
                    try await client.execute(uri: uri, method: .get) { response in
                        let csp = response.headers[.contentSecurityPolicy] ?? ""
                        XCTAssertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), uri)
                        XCTAssertFalse(csp.contains("unsafe-inline"), "no inline script or style: \(uri)")
                        XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff", uri)
                        XCTAssertEqual(response.headers[HTTPField.Name("Referrer-Policy")!], "same-origin", uri)
                    }
                }
                try await client.execute(uri: "/reports/424242", method: .get) { response in
                    XCTAssertEqual(response.status, .notFound)
                    XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
                    XCTAssertTrue(String(buffer: response.body).contains("<h1>404"))
                }
                try await client.execute(uri: "/api/reports/424242", method: .get) { response in
                    XCTAssertEqual(response.status, .notFound)
                    XCTAssertTrue(String(buffer: response.body).hasPrefix("{\"error\""), "the API keeps JSON errors")
                }
                try await client.execute(uri: "/", method: .get) { response in
                    let page = String(buffer: response.body)
                    XCTAssertFalse(page.contains("<style>") || page.contains("<script"), "nothing inline the policy would block")
                    XCTAssertTrue(page.contains("<link rel=\"stylesheet\" href=\"/style.css\">"))
                }
            }
        }
    }

    func testHealthAndMetricsForTheOperator() async throws {
        try await withLibrary { store, id in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in
                    XCTAssertEqual(response.status, .ok)
                    XCTAssertTrue(String(buffer: response.body).contains("\"database\":\"ok\""))
                }
                for _ in 0..<3 { _ = try await client.execute(uri: "/reports/\(id)", method: .get) }
                _ = try await client.execute(uri: "/reports/424242", method: .get)
                var browser = Browser()
                _ = try await browser.signIn(client, "admin", "wrong-password")
                try await client.execute(uri: "/", method: .get) { response in
                    XCTAssertEqual(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty, false, "a request id to quote")
                }
                let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                for line in [
                    #"gongkai_http_requests_total{method="GET",route="/reports/{id}",status="200"} 3"#,
                    #"gongkai_http_requests_total{method="GET",route="/reports/{id}",status="404"} 1"#,
                    #"gongkai_sign_in_failures_total{channel="form",locked="no"} 1"#, "gongkai_reports 1",
                    "gongkai_http_request_duration_seconds_bucket",
                ] {
                    XCTAssertTrue(metrics.contains(line), "\(line) in\n\(metrics)")
                }
            }
        }
    }

    func testMarkupIsEscapedByDefaultAndNeverTwice() async throws {
        let evil = "<script>alert(1)</script>\" onload=\"x"
        let page: HTML = "<p title=\"\(evil)\">\(evil) \(42) \(HTML("<b>kept</b>"))</p>"
        XCTAssertEqual(
            page.text,
            "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x\">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x 42 <b>kept</b></p>"
        )
        try await withLibrary { store, id in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var root = Browser()
                _ = try await root.signIn(client, "admin", "ad-passphrase-2026")
                let agencies = try await store.agencies(under: nil)
                for uri in [
                    "/", "/?errors=1&year=2019", "/reports/\(id)", "/regions/0", "/compare?a=\(id)&b=\(id)", "/audit",
                    "/admin/users",
                    "/upload", "/review/names", "/account", "/agencies/id/\(agencies.first?.id ?? 0)",
                ] {
                    let page = String(buffer: try await root.get(client, uri).body)
                    for doubled in [
                        "&lt;a ", "&lt;span", "&lt;option", "&lt;td", "&lt;li", "&lt;p", "&amp;amp;", "&amp;lt;", "&amp;quot;",
                    ] {
                        XCTAssertFalse(page.contains(doubled), "\(uri): markup escaped as text (\(doubled))")
                    }
                }
            }
        }
    }

    func testOnlySameSitePathsFollowSignIn() {
        for hostile in [
            "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/\n/evil.example",
            "/ /evil.example",
            "/\u{202E}/evil", "", "evil", "/\u{0085}/evil.example",
        ] {
            XCTAssertEqual(AccountRoutes.safeNext(hostile), "/", hostile.debugDescription)
        }
        XCTAssertEqual(AccountRoutes.safeNext("/reports/3?x=1"), "/reports/3?x=1")
        XCTAssertEqual(AccountRoutes.safeNext("/agencies/淮安市"), "/agencies/%E6%B7%AE%E5%AE%89%E5%B8%82", "a header is ASCII")
    }

    func testTheOpenRedirectOfTheIssueGoesHome() async throws {
        try await withLibrary { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                let form = String(buffer: try await browser.get(client, "/login?next=/%09/evil.example").body)
                XCTAssertTrue(form.contains("name=\"next\" value=\"/\""))
                _ = try await browser.get(client, "/login")
                let response = try await browser.post(
                    client, "/login",
                    [
                        ("csrf", browser.cookies["gongkai_signin"] ?? ""), ("name", "admin"), ("password", "ad-passphrase-2026"),
                        ("next", "/\t/evil.example"),
                    ])
                XCTAssertEqual(response.headers[.location], "/")
            }
        }
    }

    func testSignInIsThrottledLockedAndAudited() async throws {
        try await withLibrary { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                for _ in 0..<5 {
                    let wrong = try await browser.signIn(client, "李审核", "not the password")
                    XCTAssertTrue(wrong.headers[.location]?.contains("failed=1") ?? false)
                }
                let locked = try await browser.signIn(client, "李审核", "rv-passphrase-2026")
                XCTAssertTrue(locked.headers[.location]?.contains("locked=") ?? false, "the right password waits out the lockout")
                XCTAssertNil(browser.cookies["gongkai_session"])
                let page = String(buffer: try await browser.get(client, locked.headers[.location] ?? "/login").body)
                XCTAssertTrue(page.contains("已暂时锁定"))
                // Another account is not locked by these failures.
                let admin = try await browser.signIn(client, "admin", "ad-passphrase-2026")
                XCTAssertEqual(admin.headers[.location], "/")

                // The API: a failed Basic attempt is audited; after the lockout, 429.
                let basic = { (name: String, password: String) -> HTTPFields in
                    [.authorization: "Basic " + Data("\(name):\(password)".utf8).base64EncodedString()]
                }
                for _ in 0..<5 {
                    try await client.execute(
                        uri: "/api/reports?name=x.txt", method: .post, headers: basic("admin", "guess"),
                        body: ByteBuffer(string: "x")
                    ) { XCTAssertEqual($0.status, .unauthorized) }
                }
                try await client.execute(
                    uri: "/api/reports?name=x.txt", method: .post, headers: basic("admin", "ad-passphrase-2026"),
                    body: ByteBuffer(string: "x")
                ) { response in
                    XCTAssertEqual(response.status, .tooManyRequests)
                    XCTAssertNotNil(response.headers[.retryAfter])
                }
                // A megabyte of user name is logged as 64 characters.
                let huge = String(repeating: "名", count: 300_000)
                _ = try await browser.signIn(client, huge, "whatever")
            }
            let log = try await store.auditLog(limit: 100)
            XCTAssertEqual(log.filter { $0.action == "api-sign-in-failed" && $0.user == "admin" }.count, 5)
            XCTAssertEqual(log.filter { $0.action == "sign-in-failed" && $0.user == "李审核" }.count, 5)
            let longest = log.map { $0.user.count + $0.target.count + $0.detail.count }.max() ?? 0
            XCTAssertLessThan(longest, 400, "every audited field is bounded")
        }
    }

    func testGuessesSentSideBySideAreCountedAllTheSame() async throws {
        try await withLibrary { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                let auth: HTTPFields = [.authorization: "Basic " + Data("admin:guess-guess".utf8).base64EncodedString()]
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            try await client.execute(uri: "/api/jobs/1", method: .get, headers: auth, body: nil).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                XCTAssertLessThanOrEqual(statuses.filter { $0 == .unauthorized }.count, 5, "no more guesses than the limit")
                XCTAssertEqual(
                    statuses.filter { $0 == .tooManyRequests }.count, 12 - statuses.filter { $0 == .unauthorized }.count)
            }
        }
    }

    func testTheCurrentPasswordOnTheAccountPageIsThrottledToo() async throws {
        try await withLibrary { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var reviewer = Browser()
                _ = try await reviewer.signIn(client, "李审核", "rv-passphrase-2026")
                let csrf = try await reviewer.csrf(client, "/account")
                for _ in 0..<5 {
                    _ = try await reviewer.post(
                        client, "/account/password",
                        [("csrf", csrf), ("current", "guess-guess"), ("password", "new-passphrase-9")])
                }
                let locked = try await reviewer.post(
                    client, "/account/password",
                    [("csrf", csrf), ("current", "rv-passphrase-2026"), ("password", "new-passphrase-9")])
                XCTAssertTrue(locked.headers[.location]?.contains(WebApp.percentEncoded("尝试次数过多")) ?? false)
            }
            let unchanged = try await store.authenticate(name: "李审核", password: "rv-passphrase-2026")
            XCTAssertNotNil(unchanged, "the right current password did not get through the lock")
        }
    }

    func testAChartOfAHugeMisreadNumberDoesNotTrap() throws {
        let format = ReportFormat.layout(.v2021)
        var report = Report(origin: "huge", format: format)
        report.year = 2024
        let key = try XCTUnwrap(AgencyPages.series.first?.keys(format).first)
        report.cells[try XCTUnwrap(format.index(of: key))] = Cell(
            value: CellNumber(parsing: "9223372036854775807"), status: .read, source: nil)
        XCTAssertTrue(AgencyPages.chart([report]).text.contains("<svg"))
    }

    func testTheThrottleForgetsAfterTheWindowAndStaysBounded() async {
        let throttle = SignInThrottle(
            policy: .init(failuresPerAccount: 2, failuresPerAddress: 100, window: 60, lockout: 60, capacity: 10))
        let start = Date()
        let first = await throttle.failed(account: "a", address: "1", now: start)
        let second = await throttle.failed(account: "a", address: "1", now: start)
        XCTAssertFalse(first)
        XCTAssertTrue(second, "the second failure locks")
        let during = await throttle.wait(account: "a", address: "2", now: start.addingTimeInterval(30))
        let afterwards = await throttle.wait(account: "a", address: "2", now: start.addingTimeInterval(61))
        XCTAssertEqual(during, 30, "locked for the account, from any address")
        XCTAssertNil(afterwards)
        for n in 0..<1000 { _ = await throttle.failed(account: "name\(n)", address: "addr\(n)", now: start) }
        let flooded = await throttle.count
        XCTAssertLessThanOrEqual(flooded, 10, "forgotten, not grown without end")
    }

    func testAccountsCanBeDisabledRenamedSafelyAndTheirSessionsEnded() async throws {
        try await withLibrary { store, _ in
            for (name, why) in [
                ("adm\u{202E}in", "a right-to-left override"), ("ad\u{200B}min", "a zero-width space"), ("", "empty"),
                (String(repeating: "x", count: 65), "65 characters"),
            ] {
                do {
                    try await store.addUser(name: name, password: "a-long-passphrase", role: .reviewer)
                    XCTFail("accepted a name with \(why)")
                } catch is AccountError {}
            }
            do {
                try await store.addUser(name: "ａｄｍｉｎ", password: "a-long-passphrase", role: .reviewer)
                XCTFail("full-width ａｄｍｉｎ is admin, who exists")
            } catch let error as AccountError {
                XCTAssertTrue(error.description.contains("已存在"), error.description)
            }
            for weak in ["12345678", "1234567890", "aaaaaaaaaaaa", "mary-password-1"] {
                do {
                    try await store.addUser(name: "mary", password: weak, role: .reviewer)
                    XCTFail("accepted the password \(weak)")
                } catch is AccountError {}
            }
            let admin = try await store.authenticate(name: "ａｄｍｉｎ", password: "ad-passphrase-2026")
            XCTAssertEqual(admin?.name, "admin", "sign-in normalises the name as creation did")

            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var reviewer = Browser()
                _ = try await reviewer.signIn(client, "李审核", "rv-passphrase-2026")
                let status1 = try await reviewer.get(client, "/upload").status
                XCTAssertEqual(status1, .ok)
                var root = Browser()
                _ = try await root.signIn(client, "admin", "ad-passphrase-2026")
                let csrf = try await root.csrf(client, "/admin/users")
                let users = try await store.users()
                let id = try XCTUnwrap(users.first { $0.name == "李审核" }?.id)

                _ = try await root.post(client, "/admin/users/\(id)/disable", [("csrf", csrf)])
                let status2 = try await reviewer.get(client, "/upload").status
                XCTAssertEqual(status2, .seeOther, "a disabled account's session ended")
                var stranger = Browser()
                let refused = try await stranger.signIn(client, "李审核", "rv-passphrase-2026")
                XCTAssertEqual(refused.headers[.location]?.contains("failed=1"), true, "a disabled account cannot sign in")
                _ = try await root.post(client, "/admin/users/\(id)/enable", [("csrf", csrf)])
                _ = try await reviewer.signIn(client, "李审核", "rv-passphrase-2026")
                let status3 = try await reviewer.get(client, "/upload").status
                XCTAssertEqual(status3, .ok)

                _ = try await root.post(client, "/admin/users/\(id)/sessions", [("csrf", csrf)])
                let status4 = try await reviewer.get(client, "/upload").status
                XCTAssertEqual(status4, .seeOther, "sessions revoked")

                // One's own password: the current one is needed, the rule holds, and every session ends.
                _ = try await reviewer.signIn(client, "李审核", "rv-passphrase-2026")
                let own = try await reviewer.csrf(client, "/account")
                let wrong = try await reviewer.post(
                    client, "/account/password", [("csrf", own), ("current", "guess-guess"), ("password", "new-passphrase-9")])
                XCTAssertTrue(wrong.headers[.location]?.hasPrefix("/account?message=") ?? false)
                _ = try await reviewer.post(
                    client, "/account/password",
                    [("csrf", own), ("current", "rv-passphrase-2026"), ("password", "new-passphrase-9")])
                let status5 = try await reviewer.get(client, "/upload").status
                XCTAssertEqual(status5, .seeOther)
                let status6 = try await reviewer.signIn(client, "李审核", "new-passphrase-9").headers[.location]
                XCTAssertEqual(status6, "/")
            }
            let actions = Set(try await store.auditLog().map(\.action))
            XCTAssertTrue(actions.isSuperset(of: ["disable-user", "enable-user", "revoke-sessions", "change-password"]))
        }
    }

    func testCookiesAreSecureBehindAnHTTPSProxy() async throws {
        try await withLibrary { store, _ in
            for behindProxy in [false, true] {
                let app = Application(router: WebApp.router(store: store, configuration: .init(behindProxy: behindProxy)))
                try await app.test(.router) { client in
                    var browser = Browser()
                    let signedIn = try await browser.signIn(client, "admin", "ad-passphrase-2026")
                    let cookies = signedIn.headers[values: .setCookie].filter { $0.hasPrefix("gongkai_session=") }
                    XCTAssertEqual(cookies.count, 1)
                    XCTAssertEqual(cookies.allSatisfy { $0.contains("Secure") }, behindProxy, cookies.joined())
                    XCTAssertTrue(cookies.allSatisfy { $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
                }
            }
        }
    }

    func testTheAuditLogIsPaged() async throws {
        try await withLibrary { store, _ in
            for n in 0..<250 { try await store.log(user: "admin", action: "test", target: "entry \(n)", detail: "") }
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var root = Browser()
                _ = try await root.signIn(client, "admin", "ad-passphrase-2026")
                let first = String(buffer: try await root.get(client, "/audit").body)
                XCTAssertTrue(first.contains("entry 249") && !first.contains("entry 149<"))
                XCTAssertTrue(first.contains("href=\"/audit?page=2\""))
                let third = String(buffer: try await root.get(client, "/audit?page=3").body)
                XCTAssertTrue(third.contains("entry 0<") && !third.contains("entry 249"))
            }
        }
    }

    func testAnonymousPagesWriteNothing() async throws {
        try await withLibrary { store, id in
            let app = Application(router: WebApp.router(store: store))
            let before = try await store.rowCounts()
            try await app.test(.router) { client in
                for year in 2000..<2040 {
                    try await client.execute(uri: "/api/regions/0?year=\(year)", method: .get) { XCTAssertEqual($0.status, .ok) }
                    try await client.execute(uri: "/regions/0?year=\(year)", method: .get) { XCTAssertEqual($0.status, .ok) }
                }
                for uri in ["/", "/reports/\(id)", "/login", "/api/reports", "/export.csv"] {
                    try await client.execute(uri: uri, method: .get) { XCTAssertEqual($0.status, .ok, uri) }
                }
            }
            let after = try await store.rowCounts()
            XCTAssertEqual(before, after)
        }
    }

    func testPagesAndDownloadsComeFromTheStoredReportNeverTheOriginal() async throws {
        try await withLibrary { store, id in
            let app = Application(router: WebApp.router(store: store))
            let uris = ["/download/json", "/download/csv", "/download/md", "/download/html"].map { "/reports/\(id)" + $0 }
            let before = try await app.test(.router) { client in
                var bodies: [String: String] = [:]
                for uri in uris { bodies[uri] = String(buffer: try await client.execute(uri: uri, method: .get).body) }
                return bodies
            }
            // An original no reader could read: were any page to parse it again, it would fail or differ.
            try await store.db.raw("UPDATE sources SET content = \(bind: Data("%PDF-1.4 garbage".utf8))").run()
            try await app.test(.router) { client in
                for uri in uris {
                    let response = try await client.execute(uri: uri, method: .get)
                    XCTAssertEqual(response.status, .ok, uri)
                    XCTAssertEqual(String(buffer: response.body), before[uri], uri)
                }
                for uri in ["/reports/\(id)", "/compare?a=\(id)&b=\(id)", "/agencies/id/0", "/export.csv"] {
                    let response = try await client.execute(uri: uri, method: .get)
                    XCTAssertNotEqual(response.status, .internalServerError, uri)
                }
                let page = String(buffer: try await client.execute(uri: "/reports/\(id)", method: .get).body)
                XCTAssertTrue(page.contains("data-key=\"requests.total.natural_person\""), "the tables, from the stored report")
            }
        }
    }

    func testTheConnectionGuardsDropIdleAndExcessSockets() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-guard-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ReportStore.open(dataDirectory: folder)
        var configuration = WebApp.Configuration(connectionsPerAddress: 4)
        configuration.headDeadline = 2
        let app = WebApp.application(store: store, host: "127.0.0.1", port: 0, configuration: configuration)
        do {
            try await app.test(.live) { client in
                let port = try XCTUnwrap(client.port)
                // A socket that never sends a request is closed at the head deadline.
                let idle = try RawSocket(port: port)
                XCTAssertFalse(idle.closesWithin(seconds: 1), "open before the deadline")
                XCTAssertTrue(idle.closesWithin(seconds: 5), "a silent connection is dropped")
                try await Task.sleep(for: .milliseconds(300))
                // Four connections are held; the fifth from the same address is closed at once.
                var held = try (0..<4).map { _ in try RawSocket(port: port) }
                let fifth = try RawSocket(port: port)
                XCTAssertTrue(fifth.closesWithin(seconds: 1.5), "over the per-address cap")
                XCTAssertFalse(held[3].closesWithin(seconds: 0.01), "the first four are still open")
                held.removeAll()
                try await Task.sleep(for: .milliseconds(500))  // the server sees the closes and frees their places
                // The service answers a client that speaks in time.
                let visitor = try RawSocket(port: port)
                let answer = visitor.exchange("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer.prefix(80).description)
            }
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}

extension ReportStore {
    /// The number of rows of every table, to prove that a request wrote nothing.
    fileprivate func rowCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "sources", "reports", "cells", "findings", "users", "sessions", "audit_log", "finding_reviews", "regions", "agencies",
            "agency_names", "library_version",
        ] {
            counts[table] = try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")).first()?.decode(
                column: "n", as: Int.self)
        }
        counts["version"] = try await libraryVersion()
        return counts
    }
}
