import AnnualReport
import Casework
import Foundation
import WebApp
import XCTest

@testable import Store

/// The outbox over SMTP, against the local SMTP server scripts/test starts (aiosmtpd, delivering to
/// a maildir): notices mailed to applicants, officers' daily digests, a server that is down.
final class MailTests: XCTestCase {
    private func server() throws -> (mail: MailConfiguration, maildir: URL) {
        let environment = ProcessInfo.processInfo.environment
        guard let address = environment["GONGKAI_TEST_SMTP"], let maildir = environment["GONGKAI_TEST_MAILDIR"],
            let mail = MailConfiguration(
                url: "smtp://\(address)", from: "gongkai@test.example", publicURL: "https://gongkai.example.gov.cn/")
        else {
            if environment["CI"] != nil {
                XCTFail("scripts/test starts an SMTP server and sets GONGKAI_TEST_SMTP and GONGKAI_TEST_MAILDIR")
            }
            throw XCTSkip("skipped: no SMTP server (scripts/test starts aiosmtpd and sets GONGKAI_TEST_SMTP)")
        }
        return (mail, URL(fileURLWithPath: maildir))
    }

    /// The messages delivered since `before`, as (recipient, subject, body), decoded.
    private func delivered(_ maildir: URL, after before: Set<String>) throws -> [(to: String, subject: String, body: String)] {
        let folder = maildir.appendingPathComponent("new")
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).subtracting(before)
        return try names.sorted().map { name in
            let raw = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).replacingOccurrences(
                of: "\r\n", with: "\n")
            let parts = raw.components(separatedBy: "\n\n")
            let headers = parts.first ?? ""
            func header(_ field: String) -> String {
                headers.split(separator: "\n").first { $0.hasPrefix(field + ": ") }.map { String($0.dropFirst(field.count + 2)) }
                    ?? ""
            }
            let subject = header("Subject").replacingOccurrences(of: "=?UTF-8?B?", with: "").replacingOccurrences(
                of: "?=", with: "")
            let body = parts.dropFirst().joined().replacingOccurrences(of: "\n", with: "")
            return (
                header("To"), String(decoding: Data(base64Encoded: subject) ?? Data(), as: UTF8.self),
                String(decoding: Data(base64Encoded: body) ?? Data(), as: UTF8.self)
            )
        }
    }

    private func existing(_ maildir: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)) ?? [])
    }

    func testNoticesAndDigestsGoOutOverSMTPAndAServerThatIsDownIsTriedAgain() async throws {
        let (mail, maildir) = try server()
        try await Libraries.each { store, database in
            let before = self.existing(maildir)
            try await store.addUser(
                name: "officer", password: "of-passphrase-2026", role: .officer, agency: "某市统计局",
                email: "officer@stats.example.gov.cn")
            let stored = try await store.fileCase(
                NewCase(
                    agency: "某市统计局", applicantType: .naturalPerson, applicantName: "张三", description: "统计公报原始数据",
                    delivery: "电子邮件",
                    channel: .inPerson, received: try XCTUnwrap(CalendarDate(iso: "2025-09-26")),
                    personal: ApplicantPersonal(email: "zhangsan@example.cn")), by: "officer")
            try await store.recordEvent(
                caseID: stored.id,
                CaseEvent(.correctionRequested(dueBy: nil), on: try XCTUnwrap(CalendarDate(iso: "2025-09-29"))), by: "officer")
            try await store.recordEvent(
                caseID: stored.id, CaseEvent(.correctionReceived, on: try XCTUnwrap(CalendarDate(iso: "2025-10-09"))),
                by: "officer")

            // A server that is down: the mail stays, with the reason, for a later try.
            let down = try XCTUnwrap(MailConfiguration(url: "smtp://127.0.0.1:1", from: "gongkai@test.example", publicURL: ""))
            let none = try await WebApp.sendWaitingMail(store: store, mail: down)
            XCTAssertEqual(none, 0)
            let waiting = try await store.outbox()
            XCTAssertEqual(
                waiting.count, 2, "acknowledgement and correction; the applicant needs no mail for receiving their own correction"
            )
            XCTAssertTrue(
                waiting.allSatisfy { $0.sentAt == nil && $0.attempts == 1 && ($0.error ?? "").contains("cannot connect") },
                database)
            try await store.db.raw("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z'").run()

            // The digest, once a day: the case is due 2025-11-05 and overdue on 2025-11-10.
            let today = try XCTUnwrap(CalendarDate(iso: "2025-11-10"))
            let queued = try await store.queueDigests(today: today)
            XCTAssertEqual(queued, 1)
            let again = try await store.queueDigests(today: today)
            XCTAssertEqual(again, 0, "one digest a day")

            let sent = try await WebApp.sendWaitingMail(store: store, mail: mail)
            XCTAssertEqual(sent, 3, database)
            let messages = try self.delivered(maildir, after: before)
            XCTAssertEqual(messages.count, 3, database)
            let correction = try XCTUnwrap(messages.first { $0.subject.contains("补正告知书") })
            XCTAssertEqual(correction.to, "<zhangsan@example.cn>")
            XCTAssertTrue(
                correction.body.contains("https://gongkai.example.gov.cn/track/\(stored.trackingCode)"), correction.body)
            let digest = try XCTUnwrap(messages.first { $0.to == "<officer@stats.example.gov.cn>" })
            XCTAssertTrue(digest.subject.contains("超期 1 件"), digest.subject)
            XCTAssertTrue(digest.body.contains("张三 答复期限 2025-11-05"), digest.body)
            let sentAll = try await store.outbox()
            XCTAssertTrue(sentAll.allSatisfy { $0.sentAt != nil && $0.error == nil })
        }
    }
}
