import Foundation
import Hummingbird
import HummingbirdTesting
import WebApp
import XCTest

@testable import Store

/// Accounts, sessions, CSRF, roles, decisions on findings, review states and the audit log, over
/// HTTP on SQLite and PostgreSQL.
final class ReviewWorkflowTests: XCTestCase {
    private func withReviewers(_ body: (ReportStore, Int) async throws -> Void) async throws {
        try await Libraries.each { store, _ in
            try await store.addUser(name: "admin", password: "ad-passphrase-2026", role: .admin)
            try await store.addUser(name: "李审核", password: "rv-passphrase-2026", role: .reviewer)
            let seed = try String(decoding: Libraries.fixture("seeds/001_c6d2da25662234b0.txt"), as: UTF8.self)
            let broken = seed.replacingOccurrences(of: "(七)总计\n\n64", with: "(七)总计\n\n65")
            guard case .imported(let id) = try await store.importFile(bytes: Array(broken.utf8), name: "broken.txt") else {
                return XCTFail("not imported")
            }
            try await body(store, id)
        }
    }

    func testPasswordsAreHashedWithAKDF() async throws {
        try await withReviewers { store, _ in
            let hashes = try await store.db.raw("SELECT password_hash FROM users").all().map {
                try $0.decode(column: "password_hash", as: String.self)
            }
            XCTAssertEqual(hashes.count, 2)
            for hash in hashes {
                XCTAssertTrue(hash.hasPrefix("pbkdf2-sha256$210000$"), hash)
                XCTAssertFalse(hash.contains("passphrase"))
            }
            XCTAssertNotEqual(hashes[0].split(separator: "$")[2], hashes[1].split(separator: "$")[2], "a salt per password")
            let admin = try await store.authenticate(name: "admin", password: "ad-passphrase-2026")
            XCTAssertEqual(admin?.role, .admin)
            let wrong = try await store.authenticate(name: "admin", password: "admin-passphrasE")
            let nobody = try await store.authenticate(name: "nobody", password: "ad-passphrase-2026")
            XCTAssertNil(wrong)
            XCTAssertNil(nobody)
            do {
                try await store.addUser(name: "short", password: "1234567", role: .reviewer)
                XCTFail("a 7-character password was accepted")
            } catch let error as AccountError {
                XCTAssertTrue(error.description.contains("10"))
            }
        }
    }

    func testSignInIsNeededAndEveryFormChecksItsCSRFToken() async throws {
        try await withReviewers { store, id in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                // Public pages are read-only: no forms, and the forms' targets refuse strangers.
                let page = String(buffer: try await browser.get(client, "/reports/\(id)").body)
                XCTAssertFalse(page.contains("name=\"csrf\""))
                let anonymous = try await browser.post(client, "/reports/\(id)/state", [("state", "accepted")])
                XCTAssertEqual(anonymous.status, .seeOther)
                XCTAssertTrue(anonymous.headers[.location]?.hasPrefix("/login") ?? false)
                let upload = try await browser.get(client, "/upload")
                XCTAssertEqual(upload.headers[.location], "/login?next=%2Fupload")

                // Sign-in: a wrong password, then a forged form (no sign-in cookie), then right.
                let failed = try await browser.signIn(client, "李审核", "wrong password")
                XCTAssertTrue(failed.headers[.location]?.contains("failed=1") ?? false)
                var forger = Browser()
                let forged = try await forger.post(
                    client, "/login", [("csrf", "guess"), ("name", "李审核"), ("password", "rv-passphrase-2026")])
                XCTAssertEqual(forged.status, .forbidden)
                let signedIn = try await browser.signIn(client, "李审核", "rv-passphrase-2026")
                XCTAssertEqual(signedIn.status, .seeOther)
                XCTAssertNotNil(browser.cookies["gongkai_session"])
                XCTAssertTrue(
                    signedIn.headers[values: .setCookie].contains { $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })

                let reportPage = String(buffer: try await browser.get(client, "/reports/\(id)").body)
                let csrf = try XCTUnwrap(Browser.csrf(in: reportPage))
                XCTAssertTrue(reportPage.contains("李审核"))
                // Without the token, or with another, nothing changes.
                for token in [nil, "0123"] as [String?] {
                    var fields = [("state", "accepted"), ("comment", "ok")]
                    if let token { fields.append(("csrf", token)) }
                    let refused = try await browser.post(client, "/reports/\(id)/state", fields)
                    XCTAssertEqual(refused.status, .forbidden)
                }
                let unchanged = try await store.report(id: id)
                XCTAssertEqual(unchanged?.reviewState, "unreviewed")
                let accepted = try await browser.post(
                    client, "/reports/\(id)/state", [("state", "needs-correction"), ("comment", "请更正总计"), ("csrf", csrf)])
                XCTAssertEqual(accepted.status, .seeOther)
                let changed = try await store.report(id: id)
                XCTAssertEqual(changed?.reviewState, "needs-correction")

                // Roles: a reviewer cannot manage accounts.
                let forbidden = try await browser.post(
                    client, "/admin/users", [("name", "x"), ("password", "long enough"), ("csrf", csrf)])
                XCTAssertEqual(forbidden.status, .forbidden)
                let accounts = try await browser.get(client, "/admin/users")
                XCTAssertEqual(accounts.status, .forbidden)

                // Sign out ends the session on the server, not only in the browser.
                let token = try XCTUnwrap(browser.cookies["gongkai_session"])
                _ = try await browser.post(client, "/logout", [("csrf", csrf)])
                let ended = try await store.session(token: token)
                XCTAssertNil(ended)
            }
        }
    }

    func testAdminCreatesAccounts() async throws {
        try await withReviewers { store, _ in
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                _ = try await browser.signIn(client, "admin", "ad-passphrase-2026")
                let csrf = try await browser.csrf(client, "/admin/users")
                let created = try await browser.post(
                    client, "/admin/users",
                    [("name", "王五"), ("password", "another passphrase"), ("role", "reviewer"), ("csrf", csrf)])
                XCTAssertEqual(created.status, .seeOther)
                let names = try await store.users().map(\.name)
                XCTAssertTrue(names.contains("王五"))
                let again = try await browser.post(
                    client, "/admin/users", [("name", "王五"), ("password", "another passphrase"), ("csrf", csrf)])
                XCTAssertTrue(again.headers[.location]?.removingPercentEncoding?.contains("已存在") ?? false)
            }
        }
    }

    func testFindingsAreConfirmedOrDismissedWithACommentAndLogged() async throws {
        try await withReviewers { store, id in
            let findings = try await store.findings(reportID: id)
            let error = try XCTUnwrap(findings.first { $0.severity == "error" })
            let app = Application(router: WebApp.router(store: store))
            try await app.test(.router) { client in
                var browser = Browser()
                _ = try await browser.signIn(client, "李审核", "rv-passphrase-2026")
                let csrf = try await browser.csrf(client, "/reports/\(id)")
                let noComment = try await browser.post(
                    client, "/reports/\(id)/findings/\(error.seq)", [("decision", "dismissed"), ("comment", " "), ("csrf", csrf)])
                XCTAssertEqual(noComment.status, .badRequest)
                let dismissed = try await browser.post(
                    client, "/reports/\(id)/findings/\(error.seq)",
                    [("decision", "dismissed"), ("comment", "<b>原件如此</b>"), ("csrf", csrf)])
                XCTAssertEqual(dismissed.status, .seeOther)
                let page = String(buffer: try await browser.get(client, "/reports/\(id)").body)
                XCTAssertTrue(page.contains("驳回：李审核，&lt;b&gt;原件如此&lt;/b&gt;"), "the comment is shown escaped")
                for other in findings where other.severity == "error" && other.seq != error.seq {
                    _ = try await browser.post(
                        client, "/reports/\(id)/findings/\(other.seq)",
                        [("decision", "dismissed"), ("comment", "同上"), ("csrf", csrf)])
                }
                let cleared = String(buffer: try await browser.get(client, "/reports/\(id)").body)
                XCTAssertFalse(cleared.contains("class=\"mark-error\""), "dismissed findings no longer mark their cells")
                let missing = try await browser.post(
                    client, "/reports/\(id)/findings/999", [("decision", "confirmed"), ("comment", "x"), ("csrf", csrf)])
                XCTAssertEqual(missing.status, .notFound)

                // The decision survives a reparse that finds the same thing again.
                _ = try await store.reparse()
                let review = try await store.findings(reportID: id).first { $0.seq == error.seq }?.review
                XCTAssertEqual(review?.decision, .dismissed)
                XCTAssertEqual(review?.user, "李审核")

                let api = try await browser.get(client, "/api/reports/\(id)")
                XCTAssertTrue(String(buffer: api.body).contains("\"decision\":\"dismissed\""))
                let audit = String(buffer: try await browser.get(client, "/audit").body)
                XCTAssertTrue(audit.contains("dismissed-finding") && audit.contains("sign-in") && audit.contains("李审核"))
            }
            let log = try await store.auditLog(reportID: id)
            XCTAssertEqual(log.first?.action, "dismissed-finding")
        }
    }

    /// Two servers on one PostgreSQL database: a session started on one is valid on the other, and
    /// what one stores the other shows.
    func testTwoServersOnOnePostgreSQLWorkTogether() async throws {
        guard let url = ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES"] else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("scripts/test starts PostgreSQL in CI") }
            throw XCTSkip("skipped: no PostgreSQL (set GONGKAI_TEST_POSTGRES, as scripts/test does)")
        }
        let wipe = try await ReportStore.open(databaseURL: url)
        try await wipe.dropEverything()
        try await wipe.close()
        let first = try await ReportStore.open(databaseURL: url)
        let second = try await ReportStore.open(databaseURL: url)
        try await first.addUser(name: "reviewer", password: "rv-passphrase-2026", role: .reviewer)
        let seed = try Libraries.fixture("seeds/004_7f2f36b97c6d827f.txt")
        let appOne = Application(router: WebApp.router(store: first))
        let appTwo = Application(router: WebApp.router(store: second))
        let signedIn = try await appOne.test(.router) { client in
            var browser = Browser()
            _ = try await browser.signIn(client, "reviewer", "rv-passphrase-2026")
            return browser
        }
        try await appTwo.test(.router) { client in
            var browser = signedIn
            let csrf = try await browser.csrf(client, "/upload")
            let uploaded = try await browser.upload(
                client, "/upload", fields: [("csrf", csrf)], files: [("files", "004.txt", seed)])
            XCTAssertEqual(uploaded.status, .seeOther)
            let page = try await browser.finishedJob(client, after: uploaded)
            XCTAssertTrue(page.contains("新导入 <strong class=\"imported\">1</strong>"))
        }
        try await appOne.test(.router) { client in
            var browser = signedIn
            let page = String(buffer: try await browser.get(client, "/").body)
            XCTAssertTrue(page.contains("共 1 份报告") && page.contains("沈阳市工业和信息化局"))
        }
        try await first.close()
        try await second.close()
    }
}
