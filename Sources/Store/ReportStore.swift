import AnnualReport
import Foundation
import PostgresKit
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter
import SQLKit
import SQLiteKit

/// The version of the reader that parsed a stored report; `reparse` brings older ones up to date.
public let readerVersion = "1"

/// What happened to one file given to `import`.
public enum ImportOutcome: Sendable {
    /// Parsed, checked and stored as a new report.
    case imported(id: Int)
    /// The same content is stored already (content-addressed): nothing was added.
    case duplicate(id: Int)
    /// The file could not be read; nothing was stored.
    case failed(ReadError)
}

/// A stored finding.
public struct StoredFinding: Sendable, Codable, Equatable {
    public let check: String
    public let severity: String
    public let message: String
    /// Canonical keys of the cells concerned.
    public let cells: [String]
    public let source: String?
}

/// A stored report as the library lists it.
public struct StoredReport: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let agency: String?
    public let year: Int?
    public let format: String
    public let errors: Int
    public let warnings: Int
    public let notices: Int
    public let uncertain: Int
    public let reviewState: String
    public let readerVersion: String
}

/// Parsed and checked reports with their originals: in an embedded SQLite file by default (nothing
/// to install), or in PostgreSQL. One SQL layer (SQLKit) for both; the few differences of dialect are
/// named here.
public actor ReportStore {
    private enum Connection {
        case sqlite(SQLiteConnection)
        case postgres(PostgresConnection)
    }

    private let connection: Connection
    private let db: any SQLDatabase
    private let isPostgres: Bool

    private init(connection: Connection) {
        self.connection = connection
        switch connection {
        case .sqlite(let c):
            db = c.sql()
            isPostgres = false
        case .postgres(let c):
            db = c.sql()
            isPostgres = true
        }
    }

    /// Opens (creating when needed) `DIR/gongkai.sqlite` and upgrades its schema in place.
    public static func open(dataDirectory: String) async throws -> ReportStore {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("gongkai.sqlite").path
        let store = ReportStore(connection: .sqlite(try await SQLiteConnection.open(storage: .file(path: path))))
        try await store.configure()
        try await store.migrate()
        return store
    }

    /// Opens a PostgreSQL database (`postgres://user:password@host:port/database?sslmode=disable`)
    /// and upgrades its schema in place; several processes may share it.
    public static func open(databaseURL: String) async throws -> ReportStore {
        let configuration = try SQLPostgresConfiguration(url: databaseURL)
        let connection = try await PostgresConnection.connect(
            configuration: configuration.coreConfiguration, id: 1, logger: Logger(label: "gongkai.store"))
        let store = ReportStore(connection: .postgres(connection))
        try await store.migrate()
        return store
    }

    /// Opens PostgreSQL when `database` is a `postgres://` URL, else SQLite in `dataDirectory`.
    public static func open(database: String?, dataDirectory: String) async throws -> ReportStore {
        if let database, database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            return try await open(databaseURL: database)
        }
        return try await open(dataDirectory: dataDirectory)
    }

    /// Closes the database.
    public func close() async throws {
        switch connection {
        case .sqlite(let c): try await c.close().get()
        case .postgres(let c): try await c.close()
        }
    }

    private func configure() async throws {
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA journal_mode = WAL").run()
        try await db.raw("PRAGMA busy_timeout = 5000").run()
    }

    /// Applies the migrations the database lacks — on PostgreSQL under an advisory lock, so that two
    /// servers starting together migrate once.
    func migrate() async throws {
        guard isPostgres else { return try await applyMigrations() }
        try await db.raw("SELECT pg_advisory_lock(2019711)").run()
        do {
            try await applyMigrations()
        } catch {
            try? await db.raw("SELECT pg_advisory_unlock(2019711)").run()
            throw error
        }
        try await db.raw("SELECT pg_advisory_unlock(2019711)").run()
    }

    private func applyMigrations() async throws {
        try await db.raw("CREATE TABLE IF NOT EXISTS gongkai_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            .run()
        let applied = Set(
            try await db.raw("SELECT version FROM gongkai_migrations").all().map {
                try $0.decode(column: "version", as: Int.self)
            })
        for migration in Migration.all where !applied.contains(migration.version) {
            try await transaction {
                for statement in migration.statements {
                    let sql = statement.replacingOccurrences(
                        of: "{id}", with: self.isPostgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY"
                    )
                    .replacingOccurrences(of: "{blob}", with: self.isPostgres ? "BYTEA" : "BLOB")
                    try await self.db.raw(SQLQueryString(sql)).run()
                }
                try await self.db.raw(
                    "INSERT INTO gongkai_migrations (version, applied_at) VALUES (\(bind: migration.version), \(bind: Self.now()))"
                ).run()
            }
        }
    }

    /// Drops every table (tests start from an empty database).
    func dropEverything() async throws {
        for table in ["findings", "cells", "reports", "sources", "gongkai_migrations"] {
            try await db.raw(SQLQueryString("DROP TABLE IF EXISTS \(table)")).run()
        }
    }

    /// The schema versions applied.
    public func schemaVersions() async throws -> [Int] {
        try await db.raw("SELECT version FROM gongkai_migrations ORDER BY version").all().map {
            try $0.decode(column: "version", as: Int.self)
        }
    }

    private func transaction(_ body: () async throws -> Void) async throws {
        try await db.raw(isPostgres ? "BEGIN" : "BEGIN IMMEDIATE").run()
        do {
            try await body()
            try await db.raw("COMMIT").run()
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    private static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// Reads, checks and stores one file. The same content twice is one report; a file that cannot
    /// be read stores nothing; a report is stored whole or not at all.
    public func importFile(bytes: [UInt8], name: String) async throws -> ImportOutcome {
        let sha = SHA256.hex(bytes)
        if let existing = try await db.raw("SELECT id FROM reports WHERE source_sha256 = \(bind: sha)").first() {
            return .duplicate(id: try existing.decode(column: "id", as: Int.self))
        }
        let report: Report
        do {
            report = try ReportSources.read(bytes: bytes, origin: name)
        } catch let error as ReadError {
            return .failed(error)
        }
        let findings = CheckCatalogue.check(report)
        var id = 0
        do {
            try await storeNew(report, findings: findings, bytes: bytes, name: name, sha: sha, id: &id)
        } catch {
            // Another process stored the same content meanwhile: it is one report.
            if let existing = try await db.raw("SELECT id FROM reports WHERE source_sha256 = \(bind: sha)").first() {
                return .duplicate(id: try existing.decode(column: "id", as: Int.self))
            }
            throw error
        }
        return .imported(id: id)
    }

    private func storeNew(_ report: Report, findings: [Finding], bytes: [UInt8], name: String, sha: String, id: inout Int)
        async throws
    {
        var newID = 0
        try await transaction {
            try await self.db.raw(
                """
                INSERT INTO sources (sha256, name, kind, size, content, imported_at)
                VALUES (\(bind: sha), \(bind: name), \(bind: SourceKind.sniff(bytes, name: name).rawValue), \(bind: bytes.count), \(bind: Data(bytes)), \(bind: Self.now()))
                """
            ).run()
            newID = try await self.insertReport(report, findings: findings, sha: sha)
        }
        id = newID
    }

    private func insertReport(_ report: Report, findings: [Finding], sha: String) async throws -> Int {
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        let json = ReportJSON.value(of: report).serialized(pretty: false)
        guard
            let row = try await db.raw(
                """
                INSERT INTO reports (source_sha256, agency, year, format, variant, published, title, reader_version, report_json,
                                     errors, warnings, notices, uncertain, parsed_at)
                VALUES (\(bind: sha), \(bind: report.agency), \(bind: report.year), \(bind: report.format.version.rawValue),
                        \(bind: report.format.variant.rawValue), \(bind: report.published?.description), \(bind: report.title),
                        \(bind: readerVersion), \(bind: json), \(bind: counts[.error] ?? 0), \(bind: counts[.warning] ?? 0),
                        \(bind: counts[.notice] ?? 0), \(bind: report.uncertainCells.count), \(bind: Self.now()))
                RETURNING id
                """
            ).first()
        else { throw CocoaError(.coderInvalidValue) }
        let id = try row.decode(column: "id", as: Int.self)
        try await insertCells(report, id: id)
        try await insertFindings(findings, id: id)
        return id
    }

    /// Replaces a stored report's parsed data in place: its id (and review state) stay.
    private func updateReport(id: Int, _ report: Report, findings: [Finding]) async throws {
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        let json = ReportJSON.value(of: report).serialized(pretty: false)
        try await db.raw(
            """
            UPDATE reports SET agency = \(bind: report.agency), year = \(bind: report.year),
                format = \(bind: report.format.version.rawValue), variant = \(bind: report.format.variant.rawValue),
                published = \(bind: report.published?.description), title = \(bind: report.title), reader_version = \(bind: readerVersion),
                report_json = \(bind: json), errors = \(bind: counts[.error] ?? 0), warnings = \(bind: counts[.warning] ?? 0),
                notices = \(bind: counts[.notice] ?? 0), uncertain = \(bind: report.uncertainCells.count), parsed_at = \(bind: Self.now())
            WHERE id = \(bind: id)
            """
        ).run()
        try await insertCells(report, id: id)
        try await insertFindings(findings, id: id)
    }

    private func insertCells(_ report: Report, id: Int) async throws {
        let rows = report.cells.indices.map { i in
            (
                report.format.cells[i].key, report.cells[i].value?.description, report.cells[i].status.rawValue,
                report.cells[i].source?.description
            )
        }
        for batch in stride(from: 0, to: rows.count, by: 100) {
            var query = SQLQueryString("INSERT INTO cells (report_id, key, value, status, source) VALUES ")
            for (n, row) in rows[batch..<min(rows.count, batch + 100)].enumerated() {
                if n > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(unsafeRaw: "(")
                query.appendInterpolation(bind: id)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: row.0)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: row.1)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: row.2)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: row.3)
                query.appendLiteral(")")
            }
            try await db.raw(query).run()
        }
    }

    private func insertFindings(_ findings: [Finding], id: Int) async throws {
        for (seq, finding) in findings.enumerated() {
            let cells = finding.cells.map(\.key).joined(separator: ",")
            try await db.raw(
                """
                INSERT INTO findings (report_id, seq, check_id, severity, message, cells, source)
                VALUES (\(bind: id), \(bind: seq), \(bind: finding.id), \(bind: finding.severity.rawValue), \(bind: finding.message),
                        \(bind: cells), \(bind: finding.source?.description))
                """
            ).run()
        }
    }

    /// Re-reads every stored original with this reader and replaces its cells and findings; returns
    /// how many were re-read and how many the reader can no longer read (those keep their old data).
    public func reparse(onlyOlder: Bool = false) async throws -> (reread: Int, failed: Int) {
        let rows = try await db.raw(
            "SELECT reports.id AS id, reports.reader_version AS version, sources.name AS name, sources.sha256 AS sha FROM reports JOIN sources ON sources.sha256 = reports.source_sha256 ORDER BY reports.id"
        ).all()
        var reread = 0, failed = 0
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            if onlyOlder, try row.decode(column: "version", as: String.self) == readerVersion { continue }
            let name = try row.decode(column: "name", as: String.self)
            let sha = try row.decode(column: "sha", as: String.self)
            guard let content = try await db.raw("SELECT content FROM sources WHERE sha256 = \(bind: sha)").first() else {
                continue
            }
            let bytes = [UInt8](try content.decode(column: "content", as: Data.self))
            guard let report = try? ReportSources.read(bytes: bytes, origin: name) else {
                failed += 1
                continue
            }
            let findings = CheckCatalogue.check(report)
            try await transaction {
                try await self.db.raw("DELETE FROM cells WHERE report_id = \(bind: id)").run()
                try await self.db.raw("DELETE FROM findings WHERE report_id = \(bind: id)").run()
                try await self.updateReport(id: id, report, findings: findings)
            }
            reread += 1
        }
        return (reread, failed)
    }

    /// The stored reports, filtered, newest year first.
    public func reports(id: Int? = nil, year: Int? = nil, agency: String? = nil, withErrors: Bool = false) async throws
        -> [StoredReport]
    {
        var query = SQLQueryString(
            "SELECT reports.id, sources.name, agency, year, format, errors, warnings, notices, uncertain, review_state, reader_version FROM reports JOIN sources ON sources.sha256 = reports.source_sha256 WHERE 1 = 1"
        )
        if let id { query.appendInterpolation(unsafeRaw: " AND reports.id = "); query.appendInterpolation(bind: id) }
        if let year { query.appendInterpolation(unsafeRaw: " AND year = "); query.appendInterpolation(bind: year) }
        if let agency { query.appendInterpolation(unsafeRaw: " AND agency = "); query.appendInterpolation(bind: agency) }
        if withErrors { query.appendInterpolation(unsafeRaw: " AND errors > 0") }
        query.appendInterpolation(unsafeRaw: " ORDER BY year DESC, agency, reports.id")
        return try await db.raw(query).all().map { row in
            StoredReport(
                id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                agency: try row.decode(column: "agency", as: String?.self), year: try row.decode(column: "year", as: Int?.self),
                format: try row.decode(column: "format", as: String.self), errors: try row.decode(column: "errors", as: Int.self),
                warnings: try row.decode(column: "warnings", as: Int.self),
                notices: try row.decode(column: "notices", as: Int.self),
                uncertain: try row.decode(column: "uncertain", as: Int.self),
                reviewState: try row.decode(column: "review_state", as: String.self),
                readerVersion: try row.decode(column: "reader_version", as: String.self))
        }
    }

    /// A stored report exactly as `gongkai parse --json` prints it.
    public func reportJSON(id: Int) async throws -> String? {
        try await db.raw("SELECT report_json FROM reports WHERE id = \(bind: id)").first()?.decode(
            column: "report_json", as: String.self)
    }

    /// One stored report's listing, or nil.
    public func report(id: Int) async throws -> StoredReport? {
        try await reports(id: id).first
    }

    /// A stored report's findings, in the order the checks reported them.
    public func findings(reportID: Int) async throws -> [StoredFinding] {
        try await db.raw(
            "SELECT check_id, severity, message, cells, source FROM findings WHERE report_id = \(bind: reportID) ORDER BY seq"
        ).all().map { row in
            let cells = try row.decode(column: "cells", as: String.self)
            return StoredFinding(
                check: try row.decode(column: "check_id", as: String.self),
                severity: try row.decode(column: "severity", as: String.self),
                message: try row.decode(column: "message", as: String.self),
                cells: cells.isEmpty ? [] : cells.split(separator: ",").map(String.init),
                source: try row.decode(column: "source", as: String?.self))
        }
    }

    /// The original file of a stored report: its name and bytes.
    public func original(reportID: Int) async throws -> (name: String, bytes: [UInt8])? {
        guard
            let row = try await db.raw(
                "SELECT sources.name AS name, sources.content AS content FROM reports JOIN sources ON sources.sha256 = reports.source_sha256 WHERE reports.id = \(bind: reportID)"
            ).first()
        else { return nil }
        return (try row.decode(column: "name", as: String.self), [UInt8](try row.decode(column: "content", as: Data.self)))
    }

    /// Every cell of the reports a filter selects, for export: agency, year, layout, key, value.
    public func cellRows(year: Int? = nil, agency: String? = nil, withErrors: Bool = false) async throws -> [(
        agency: String?, year: Int?, format: ReportFormat, key: String, value: CellNumber?
    )] {
        var result: [(agency: String?, year: Int?, format: ReportFormat, key: String, value: CellNumber?)] = []
        for stored in try await reports(year: year, agency: agency, withErrors: withErrors) {
            guard let row = try await db.raw("SELECT variant FROM reports WHERE id = \(bind: stored.id)").first(),
                let version = FormatVersion(rawValue: stored.format)
            else { continue }
            let variant = FormatVariant(rawValue: try row.decode(column: "variant", as: String.self)) ?? .standard
            let format = ReportFormat.layout(version, variant)
            var values: [String: String?] = [:]
            for cell in try await db.raw("SELECT key, value FROM cells WHERE report_id = \(bind: stored.id)").all() {
                values[try cell.decode(column: "key", as: String.self)] = try cell.decode(column: "value", as: String?.self)
            }
            for cell in format.cells {
                let value = (values[cell.key] ?? nil).flatMap { CellNumber(parsing: $0[...]) }
                result.append((stored.agency, stored.year, format, cell.key, value))
            }
        }
        return result
    }

    /// The value of one stored cell (nil when blank or not found).
    public func cellValue(reportID: Int, key: String) async throws -> String? {
        try await db.raw("SELECT value FROM cells WHERE report_id = \(bind: reportID) AND key = \(bind: key)").first()?
            .decode(column: "value", as: String?.self)
    }

    /// How many findings of a check are stored.
    public func findingCount(check: String) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM findings WHERE check_id = \(bind: check)").first()?.decode(
            column: "n", as: Int.self) ?? 0
    }
}
