import Foundation
import Store

/// Sends the outbox, and once a day (from 08:00 China time) queues each officer's digest of due-soon
/// and overdue requests. Without an SMTP server configured the mail waits in the outbox (the admins'
/// page shows it).
enum MailSender {
    /// One round: the day's digests, then whatever mail is due.
    static func round(store: ReportStore, mail: MailConfiguration?, clock: CaseClock) async throws {
        let now = try clock.now()
        if now.time.hour >= 8 { try await store.queueDigests(today: now.date) }
        if let mail { try await sendWaiting(store: store, mail: mail) }
    }

    /// Tries every mail that is due; returns how many went.
    @discardableResult
    static func sendWaiting(store: ReportStore, mail: MailConfiguration) async throws -> Int {
        var sent = 0
        for message in try await store.mailToSend(limit: 50) where try await store.claimMail(id: message.id) {
            let body = message.body + (message.link.map { "\n\(mail.publicURL)\($0)\n" } ?? "")
            let error = await Task.detached { () -> String? in
                do {
                    try SMTPClient.send(mail, to: message.recipient, subject: message.subject, body: body)
                    return nil
                } catch {
                    return "\(error)"
                }
            }.value
            try await store.recordMailAttempt(id: message.id, error: error)
            if error == nil { sent += 1 }
        }
        return sent
    }
}
