import AnnualReport
import Casework
import Foundation
import SQLKit

/// A mail in the outbox.
public struct OutboxMail: Sendable, Equatable {
    public let id: Int
    public let caseID: Int?
    public let recipient: String
    public let subject: String
    public let body: String
    /// A path on the public site the mail points to (the tracking page), joined to its address when sent.
    public let link: String?
    public let createdAt: String
    public let attempts: Int
    public let sentAt: String?
    public let error: String?
}

extension ReportStore {
    /// Tries before a mail is given up on.
    public static let mailAttempts = 5

    /// Puts a mail in the outbox; part of the caller's transaction when there is one.
    func enqueueMail(caseID: Int?, to recipient: String, subject: String, body: String, link: String?) async throws {
        let now = Self.now()
        try await db.raw(
            """
            INSERT INTO outbox (case_id, recipient, subject, body, link, created_at, next_attempt_at)
            VALUES (\(bind: caseID), \(bind: recipient), \(bind: Self.bounded(subject, 200)), \(bind: body), \(bind: link), \(bind: now), \(bind: now))
            """
        ).run()
    }

    /// Mail due to be tried now, oldest first.
    public func mailToSend(limit: Int) async throws -> [OutboxMail] {
        try await db.raw(
            "SELECT * FROM outbox WHERE sent_at IS NULL AND attempts < \(bind: Self.mailAttempts) AND next_attempt_at <= \(bind: Self.now()) ORDER BY id LIMIT \(bind: limit)"
        ).all().map(Self.outboxMail)
    }

    /// Claims a mail for sending for ten minutes; false when another server has just claimed or sent it.
    public func claimMail(id: Int) async throws -> Bool {
        let now = Self.now()
        let lease = Self.timestamp(Date().addingTimeInterval(600))
        return try await db.raw(
            "UPDATE outbox SET next_attempt_at = \(bind: lease) WHERE id = \(bind: id) AND sent_at IS NULL AND next_attempt_at <= \(bind: now) RETURNING id"
        ).first() != nil
    }

    /// The newest mail, sent or not (the admins' outbox page).
    public func outbox(limit: Int = 200) async throws -> [OutboxMail] {
        try await db.raw("SELECT * FROM outbox ORDER BY id DESC LIMIT \(bind: limit)").all().map(Self.outboxMail)
    }

    /// Records a try: sent, or failed with the reason and tried again later (1, 4, 9, 16 minutes on).
    public func recordMailAttempt(id: Int, error: String?) async throws {
        if let error {
            let row = try await db.raw("SELECT attempts FROM outbox WHERE id = \(bind: id)").first()
            let attempts = (try row?.decode(column: "attempts", as: Int.self) ?? 0) + 1
            let next = Self.timestamp(Date().addingTimeInterval(Double(attempts * attempts) * 60))
            try await db.raw(
                "UPDATE outbox SET attempts = \(bind: attempts), error = \(bind: Self.bounded(Self.maskingAddresses(error), 500)), next_attempt_at = \(bind: next) WHERE id = \(bind: id)"
            ).run()
        } else {
            try await db.raw(
                "UPDATE outbox SET sent_at = \(bind: Self.now()), attempts = attempts + 1, error = NULL WHERE id = \(bind: id)"
            ).run()
        }
    }

    /// `text` with every mail address in it masked (`zh***@example.cn`): SMTP servers quote the
    /// recipient in their refusals, and the outbox page must not show it.
    static func maskingAddresses(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            guard let at = word.firstIndex(of: "@") else { return String(word) }
            let local = word[..<at].drop { "<(\"'".contains($0) }
            return String(word[..<local.startIndex]) + local.prefix(2) + "***" + word[at...]
        }.joined(separator: " ")
    }

    /// Mails the applicant (where they gave an address) that a notice is waiting on the tracking page.
    func mailNotice(caseID: Int, title: String, number: String) async throws {
        guard let stored = try await caseRecord(id: caseID),
            let email = try await db.raw("SELECT email FROM case_personal WHERE case_id = \(bind: caseID)").first()?.decode(
                column: "email", as: String.self),
            MailAddress.isValid(email)
        else { return }
        try await enqueueMail(
            caseID: caseID, to: email, subject: "【政府信息公开】\(title)",
            body:
                "\(stored.applicantName)：\n\n\(stored.agency)就您的政府信息公开申请（查询码 \(stored.trackingCode)）发出了\(title)（\(number)）。请凭查询码查看和下载：",
            link: "/track/\(stored.trackingCode)")
    }

    /// Puts each officer's daily digest of due-soon and overdue cases in the outbox, once a day per
    /// officer with an address and something to say; returns how many were queued.
    @discardableResult
    public func queueDigests(today: CalendarDate) async throws -> Int {
        let officers = try await db.raw(
            "SELECT id, name, agency, email FROM users WHERE role = 'officer' AND disabled = 0 AND email IS NOT NULL AND email <> ''"
        ).all()
        var queued = 0
        for officer in officers {
            let id = try officer.decode(column: "id", as: Int.self)
            guard let agency = try officer.decode(column: "agency", as: String?.self),
                try await db.raw("SELECT user_id FROM digests WHERE user_id = \(bind: id) AND day = \(bind: today.description)")
                    .first() == nil
            else { continue }
            let overdue = try await worklist(agency: agency, filter: .overdue, today: today, limit: 500)
            let soon = try await worklist(agency: agency, filter: .dueSoon, today: today, limit: 500)
            try await transaction {
                try await self.db.raw("INSERT INTO digests (user_id, day) VALUES (\(bind: id), \(bind: today.description))").run()
                guard !overdue.isEmpty || !soon.isEmpty else { return }
                func lines(_ cases: [StoredCase]) -> String {
                    cases.map { c in
                        let waiting = c.waitsUntil.map { $0 < today ? "，等待至 \($0) 已过期" : "" } ?? ""
                        return "  · \(c.id) \(c.applicantName) 答复期限 \(c.due?.description ?? "—")\(waiting)"
                    }.joined(separator: "\n")
                }
                var body = "\(try officer.decode(column: "name", as: String.self))：\n\n\(agency) \(today) 的政府信息公开申请办理提醒。\n"
                if !overdue.isEmpty { body += "\n已超期 \(overdue.count) 件：\n" + lines(overdue) + "\n" }
                if !soon.isEmpty { body += "\n5 个工作日内到期 \(soon.count) 件：\n" + lines(soon) + "\n" }
                body += "\n办理台账："
                try await self.enqueueMail(
                    caseID: nil, to: try officer.decode(column: "email", as: String.self),
                    subject: "【办理提醒】超期 \(overdue.count) 件，即将到期 \(soon.count) 件", body: body, link: "/cases")
                queued += 1
            }
        }
        return queued
    }

    static func outboxMail(_ row: any SQLRow) throws -> OutboxMail {
        OutboxMail(
            id: try row.decode(column: "id", as: Int.self), caseID: try row.decode(column: "case_id", as: Int?.self),
            recipient: try row.decode(column: "recipient", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            body: try row.decode(column: "body", as: String.self), link: try row.decode(column: "link", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            sentAt: try row.decode(column: "sent_at", as: String?.self), error: try row.decode(column: "error", as: String?.self))
    }
}
