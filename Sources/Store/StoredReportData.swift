import AnnualReport
import Foundation
import ReportWriter
import SQLKit

/// The beginning of a stored original, for showing beside the tables.
public struct OriginalExcerpt: Sendable {
    /// The file name it was imported under.
    public let name: String
    /// What it is (`text`, `pdf`, `docx`, …), as sniffed at import.
    public let kind: String
    /// Its first bytes when it is text; nil for other kinds (they are downloaded, not shown).
    public let text: [UInt8]?
}

extension ReportStore {
    /// A stored report as read at import, from its stored JSON: pages, downloads and comparisons are
    /// made from this, never by reading the original again.
    public func parsedReport(id: Int) async throws -> Report? {
        guard let json = try await reportJSON(id: id) else { return nil }
        return try ReportJSON.report(fromJSON: json, origin: "report \(id)")
    }

    /// The name and kind of a report's original and, for text, its first `limit` bytes: only those
    /// bytes leave the database.
    public func originalExcerpt(reportID: Int, limit: Int = 400_000) async throws -> OriginalExcerpt? {
        guard
            let row = try await db.raw(
                "SELECT sources.name AS name, sources.kind AS kind, sources.sha256 AS sha FROM reports JOIN sources ON sources.sha256 = reports.source_sha256 WHERE reports.id = \(bind: reportID)"
            ).first()
        else { return nil }
        let name = try row.decode(column: "name", as: String.self)
        let kind = try row.decode(column: "kind", as: String.self)
        guard kind == "text" else { return OriginalExcerpt(name: name, kind: kind, text: nil) }
        let sha = try row.decode(column: "sha", as: String.self)
        let prefix: SQLQueryString =
            isPostgres
            ? "SELECT substring(content from 1 for CAST(\(bind: limit) AS INTEGER)) AS head FROM sources WHERE sha256 = \(bind: sha)"
            : "SELECT substr(content, 1, \(bind: limit)) AS head FROM sources WHERE sha256 = \(bind: sha)"
        let head = try await db.raw(prefix).first()?.decode(column: "head", as: Data.self)
        return OriginalExcerpt(name: name, kind: kind, text: head.map { [UInt8]($0) })
    }
}
