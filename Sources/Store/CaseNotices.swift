import AnnualReport
import Casework
import Foundation
import ReportWriter
import SQLKit

/// A notice as the case page lists it.
public struct StoredNotice: Sendable, Equatable {
    public let caseID: Int
    /// The event that sent it.
    public let seq: Int
    public let kind: NoticeKind
    public let number: String
    public let title: String
    public let addressee: String
    /// Whether its PDF has been printed.
    public let hasPDF: Bool
    /// Why printing the PDF failed, if it did.
    public let pdfError: String?
    public let createdAt: String
}

extension ReportStore {
    /// The 文号 pattern agencies use unless they set their own: `{agency}`, `{year}` and `{n}` filled in.
    public static let defaultNoticePattern = "{agency}依申请公开〔{year}〕{n}号"

    /// Sets an agency's 文号 pattern (it must hold `{n}`), logged.
    public func setNoticePattern(agency: String, pattern: String, by user: String) async throws {
        guard pattern.contains("{n}"), pattern.count <= 100 else { throw CaseError(description: "文号格式须含 {n}，最长 100 字") }
        try await transaction {
            try await self.db.raw("DELETE FROM notice_patterns WHERE agency = \(bind: agency)").run()
            try await self.db.raw("INSERT INTO notice_patterns (agency, pattern) VALUES (\(bind: agency), \(bind: pattern))")
                .run()
            try await self.log(user: user, action: "set-notice-pattern", target: agency, detail: pattern)
        }
    }

    /// The notices of a case, in the order sent.
    public func notices(caseID: Int) async throws -> [StoredNotice] {
        try await db.raw(
            "SELECT case_id, seq, kind, number, title, addressee, pdf IS NOT NULL AS has_pdf, pdf_error, created_at FROM case_notices WHERE case_id = \(bind: caseID) ORDER BY seq"
        ).all().map(Self.storedNotice)
    }

    /// A notice's file: `docx`, `pdf` (nil until printed) or `html`.
    public func noticeFile(caseID: Int, seq: Int, format: String) async throws -> [UInt8]? {
        let column: SQLQueryString
        switch format {
        case "docx": column = "docx"
        case "pdf": column = "pdf"
        case "html": column = "html"
        default: return nil
        }
        guard
            let row = try await db.raw(
                "SELECT \(column) AS file FROM case_notices WHERE case_id = \(bind: caseID) AND seq = \(bind: seq)"
            ).first()
        else { return nil }
        if format == "html" { return try row.decode(column: "file", as: String?.self).map { Array($0.utf8) } }
        return try row.decode(column: "file", as: Data?.self).map { [UInt8]($0) }
    }

    /// Notices still to print to PDF (oldest first), with the HTML and Word they print from.
    public func unprintedNotices(limit: Int) async throws -> [(caseID: Int, seq: Int, html: String, docx: [UInt8])] {
        try await db.raw(
            "SELECT case_id, seq, html, docx FROM case_notices WHERE pdf IS NULL AND pdf_error IS NULL ORDER BY created_at, case_id, seq LIMIT \(bind: limit)"
        ).all().map {
            (
                try $0.decode(column: "case_id", as: Int.self), try $0.decode(column: "seq", as: Int.self),
                try $0.decode(column: "html", as: String.self), [UInt8](try $0.decode(column: "docx", as: Data.self))
            )
        }
    }

    /// Stores a notice's printed PDF, or why it could not be printed.
    public func storeNoticePDF(caseID: Int, seq: Int, result: Result<[UInt8], any Error>) async throws {
        switch result {
        case .success(let pdf):
            try await db.raw(
                "UPDATE case_notices SET pdf = \(bind: Data(pdf)) WHERE case_id = \(bind: caseID) AND seq = \(bind: seq)"
            ).run()
        case .failure(let error):
            try await db.raw(
                "UPDATE case_notices SET pdf_error = \(bind: Self.bounded("\(error)", 500)) WHERE case_id = \(bind: caseID) AND seq = \(bind: seq)"
            ).run()
        }
    }

    /// Writes the notice an event sends, numbered in the agency's series; part of the event's transaction.
    func issueNotice(caseID: Int, seq: Int, event: CaseEvent, note: String, deadline: Deadline) async throws {
        guard NoticeKind(for: event.kind) != nil, let stored = try await caseRecord(id: caseID) else { return }
        let number = try await nextNoticeNumber(agency: stored.agency, year: event.date.year)
        let facts = NoticeFacts(
            agency: stored.agency, applicantName: stored.applicantName, trackingCode: stored.trackingCode,
            description: stored.description,
            delivery: stored.delivery, event: event, note: note, deadline: deadline, number: number)
        guard let letter = Letter(notice: facts), let kind = NoticeKind(for: event.kind) else { return }
        try await db.raw(
            """
            INSERT INTO case_notices (case_id, seq, kind, number, title, addressee, html, docx, created_at)
            VALUES (\(bind: caseID), \(bind: seq), \(bind: kind.rawValue), \(bind: number), \(bind: letter.title), \(bind: letter.addressee), \(bind: LetterWriter.html(letter)), \(bind: Data(try LetterWriter.word(letter))), \(bind: Self.now()))
            """
        ).run()
        if kind.isForApplicant { try await mailNotice(caseID: caseID, title: letter.title, number: number) }
    }

    private func nextNoticeNumber(agency: String, year: Int) async throws -> String {
        let pattern =
            try await db.raw("SELECT pattern FROM notice_patterns WHERE agency = \(bind: agency)").first()?.decode(
                column: "pattern", as: String.self)
            ?? Self.defaultNoticePattern
        // One statement takes the next number, so that two servers on one database never give the same.
        guard
            let row = try await db.raw(
                """
                INSERT INTO notice_numbers (agency, year, last) VALUES (\(bind: agency), \(bind: year), 1)
                ON CONFLICT (agency, year) DO UPDATE SET last = notice_numbers.last + 1 RETURNING last
                """
            ).first()
        else { throw CaseError(description: "告知书未能编号") }
        let next = try row.decode(column: "last", as: Int.self)
        return pattern.replacingOccurrences(of: "{agency}", with: agency).replacingOccurrences(of: "{year}", with: "\(year)")
            .replacingOccurrences(of: "{n}", with: "\(next)")
    }

    static func storedNotice(_ row: any SQLRow) throws -> StoredNotice {
        guard let kind = NoticeKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw CaseError(description: "a stored notice cannot be read")
        }
        return StoredNotice(
            caseID: try row.decode(column: "case_id", as: Int.self), seq: try row.decode(column: "seq", as: Int.self), kind: kind,
            number: try row.decode(column: "number", as: String.self), title: try row.decode(column: "title", as: String.self),
            addressee: try row.decode(column: "addressee", as: String.self),
            hasPDF: try row.decode(column: "has_pdf", as: Bool.self),
            pdfError: try row.decode(column: "pdf_error", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }
}
