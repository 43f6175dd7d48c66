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
/// Raised when what the reader makes of a file changes (2: places in the published document,
/// OCR-made text reviewed, leading zeros doubted).
public let readerVersion = "2"

/// What happened to one file given to `import`.
public enum ImportOutcome: Sendable {
    /// Parsed, checked and stored as a new report.
    case imported(id: Int)
    /// The same content is stored already (content-addressed): nothing was added.
    case duplicate(id: Int)
    /// The file could not be read; nothing was stored.
    case failed(ReadError)
}

/// A stored finding, with the reviewer's decision when there is one.
public struct StoredFinding: Sendable, Codable, Equatable {
    /// The finding's number within its report, in the order the checks reported them.
    public let seq: Int
    public let check: String
    public let severity: String
    public let message: String
    /// Canonical keys of the cells concerned.
    public let cells: [String]
    public let source: String?
    public var review: FindingReview?
}

/// A stored report as the library lists it.
public struct StoredReport: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let agency: String?
    /// The register agency the report is linked to (nil until its name is matched).
    public let agencyID: Int?
    /// The region of that agency, and its path of ids.
    public let region: String?
    public let regionPath: String?
    public let year: Int?
    public let format: String
    public let errors: Int
    public let warnings: Int
    public let notices: Int
    public let uncertain: Int
    /// Published after the statutory deadline.
    public let late: Bool
    public let reviewState: String
    public let readerVersion: String
}

/// Parsed and checked reports with their originals: in an embedded SQLite file by default (nothing
/// to install), or in PostgreSQL. One SQL layer (SQLKit) for both; the few differences of dialect are
/// named here.
public actor ReportStore {
    private enum Connection {
        case sqlite(SQLiteConnection)
        case postgres(ReconnectingPostgres)

        var database: any SQLDatabase {
            switch self {
            case .sqlite(let c): c.sql()
            case .postgres(let c): c
            }
        }

        func close() async throws {
            switch self {
            case .sqlite(let c): try await c.close().get()
            case .postgres(let c): try await c.close()
            }
        }
    }

    private let connection: Connection
    private let readers: [Connection]
    /// The writer, taking turns, and the readers beside it (see `TakingTurns`).
    let db: TakingTurns
    /// Connections that only read, beside the writer.
    static let readerCount = 3
    let isPostgres: Bool
    var nameIndex: (register: [Agency], index: AgencyName.Index)?
    /// Summed tables by region path and year, with the library version they were summed at.
    var totalsMemo: [String: (version: Int, totals: RegionTotals)] = [:]

    private init(connection: Connection, readers: [Connection]) {
        self.connection = connection
        self.readers = readers
        let readerDatabases = readers.map(\.database)
        db = TakingTurns(connection.database, readers: readerDatabases)
        if case .postgres = connection { isPostgres = true } else { isPostgres = false }
    }

    /// Opens (creating when needed) `DIR/gongkai.sqlite` and upgrades its schema in place.
    public static func open(dataDirectory: String) async throws -> ReportStore {
        // The library holds password hashes and every original: readable by its owner only. SQLite
        // gives its -wal and -shm files the database file's permissions.
        try FileManager.default.createDirectory(
            atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("gongkai.sqlite").path
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let writer = try await SQLiteConnection.open(storage: .file(path: path))
        var readers: [Connection] = []
        do {
            try await Self.configure(writer.sql())
            for _ in 0..<Self.readerCount {
                let reader = try await SQLiteConnection.open(storage: .file(path: path))
                readers.append(.sqlite(reader))
                try await reader.sql().raw("PRAGMA busy_timeout = 5000").run()
                try await reader.sql().raw("PRAGMA query_only = 1").run()
            }
        } catch {
            for case .sqlite(let reader) in readers { try? await reader.close().get() }
            try? await writer.close().get()
            throw error
        }
        let store = ReportStore(connection: .sqlite(writer), readers: readers)
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// Opens a PostgreSQL database (`postgres://user:password@host:port/database?sslmode=disable`)
    /// and upgrades its schema in place; several processes may share it.
    public static func open(databaseURL: String) async throws -> ReportStore {
        try DatabaseURL.checkScheme(databaseURL)
        var connections: [ReconnectingPostgres] = []
        do {
            let configuration = try SQLPostgresConfiguration(url: databaseURL).coreConfiguration
            let logger = Logger(label: "gongkai.store")
            for id in 1...(1 + Self.readerCount) {
                connections.append(
                    ReconnectingPostgres(
                        first: try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger),
                        configuration: configuration, logger: logger))
            }
        } catch {
            for c in connections { try? await c.close() }
            throw DatabaseURL.explained(error, url: databaseURL)
        }
        let store = ReportStore(
            connection: .postgres(connections[0]), readers: connections.dropFirst().map { .postgres($0) })
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw DatabaseURL.explained(error, url: databaseURL)
        }
        return store
    }

    /// Opens PostgreSQL when `database` is given (only `postgres://` and `postgresql://` URLs are
    /// accepted), else SQLite in `dataDirectory`.
    public static func open(database: String?, dataDirectory: String) async throws -> ReportStore {
        if let database, !database.isEmpty { return try await open(databaseURL: database) }
        return try await open(dataDirectory: dataDirectory)
    }

    /// Closes the database.
    public func close() async throws {
        for reader in readers { try? await reader.close() }
        try await connection.close()
    }

    private static func configure(_ db: any SQLDatabase) async throws {
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA journal_mode = WAL").run()
        try await db.raw("PRAGMA busy_timeout = 5000").run()
        // In WAL mode a commit survives a crash of the process (not of the machine) without an fsync.
        try await db.raw("PRAGMA synchronous = NORMAL").run()
        // A larger page cache than the 2 MB default: the indexes of a big library stay in memory.
        try await db.raw("PRAGMA cache_size = -65536").run()
    }

    /// Applies the migrations the database lacks — on PostgreSQL under an advisory lock, so that two
    /// servers starting together migrate once.
    func migrate() async throws {
        try await db.exclusively { try await migrateHoldingTheWriter() }
    }

    private func migrateHoldingTheWriter() async throws {
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
        let known = Migration.all.map(\.version).max() ?? 0
        if let newest = applied.max(), newest > known {
            throw OpenError(
                description:
                    "the library's schema is version \(newest), newer than this Gongkai knows (\(known)): it was written by a newer release; upgrade gongkai rather than let this one change it"
            )
        }
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

    /// Drops every table, destroying all data (tests and the load script start from an empty database).
    public func dropEverything() async throws {
        let tables = [
            "case_attachments", "digests", "outbox", "notice_numbers", "notice_patterns", "case_notices", "case_personal",
            "case_events", "cases",
            "calendar_years",
            "job_files", "jobs", "audit_log", "finding_reviews",
            "sessions", "users", "region_totals", "library_version",
            "findings", "cells",
            "reports",
            "agency_names", "agencies", "regions", "sources", "gongkai_migrations",
        ]
        for table in tables {
            try await db.raw(SQLQueryString("DROP TABLE IF EXISTS \(unsafeRaw: table)\(unsafeRaw: isPostgres ? " CASCADE" : "")"))
                .run()
        }
    }

    /// Asks the database for an answer (health checks).
    public func ping() async throws {
        _ = try await db.raw("SELECT 1 AS one").first()
    }

    /// The schema versions applied.
    public func schemaVersions() async throws -> [Int] {
        try await db.raw("SELECT version FROM gongkai_migrations ORDER BY version").all().map {
            try $0.decode(column: "version", as: Int.self)
        }
    }

    /// Runs `body` in a transaction. The store has one connection and the actor is re-entered at
    /// every await, so transactions take turns: a second one waits until the first has ended rather
    /// than mixing its statements into it.
    func transaction(_ body: () async throws -> Void) async throws {
        // Inside a transaction already: part of it.
        if TakingTurns.inTransaction { return try await body() }
        try await db.exclusively {
            try await TakingTurns.$inTransaction.withValue(true) { try await transactionHoldingTheWriter(body) }
        }
    }

    private func transactionHoldingTheWriter(_ body: () async throws -> Void) async throws {
        try await db.raw(isPostgres ? "BEGIN" : "BEGIN IMMEDIATE").run()
        if case .postgres(let c) = connection { await c.pin() }
        do {
            try await body()
            try await db.raw("COMMIT").run()
        } catch {
            try? await db.raw("ROLLBACK").run()
            if case .postgres(let c) = connection { await c.unpin() }
            throw error
        }
        if case .postgres(let c) = connection { await c.unpin() }
    }

    static func now() -> String { timestamp(Date()) }

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
            guard case .success(let prepared) = await PreparedReport.prepare(bytes: bytes, name: name, sha: sha) else {
                failed += 1
                continue
            }
            try await transaction {
                try await self.db.raw("DELETE FROM cells WHERE report_id = \(bind: id)").run()
                try await self.db.raw("DELETE FROM findings WHERE report_id = \(bind: id)").run()
                try await self.update(id: id, with: prepared)
            }
            reread += 1
        }
        try await libraryChanged()
        return (reread, failed)
    }

    /// The stored reports a filter selects, newest year first.
    public func reports(_ filter: ReportFilter = ReportFilter()) async throws -> [StoredReport] {
        var query = SQLQueryString(
            "SELECT reports.id, sources.name, reports.agency, agency_id, regions.name AS region, reports.region_path, year, format, errors, warnings, notices, uncertain, late, review_state, reader_version FROM reports JOIN sources ON sources.sha256 = reports.source_sha256 LEFT JOIN agencies ON agencies.id = reports.agency_id LEFT JOIN regions ON regions.id = agencies.region_id WHERE "
        )
        query.appendInterpolation(condition(filter))
        // Listing one agency's reports, its own index finds them; "+year" keeps the planner from
        // scanning the listing index in order instead.
        let narrow = filter.id != nil || filter.agencyID != nil || filter.agency != nil
        query.appendLiteral(narrow ? " ORDER BY +year DESC, reports.id" : " ORDER BY year DESC, reports.agency, reports.id")
        if let limit = filter.limit {
            query.appendLiteral(" LIMIT ")
            query.appendInterpolation(bind: limit)
            query.appendLiteral(" OFFSET ")
            query.appendInterpolation(bind: filter.offset)
        }
        return try await db.raw(query).all().map { row in
            StoredReport(
                id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                agency: try row.decode(column: "agency", as: String?.self),
                agencyID: try row.decode(column: "agency_id", as: Int?.self),
                region: try row.decode(column: "region", as: String?.self),
                regionPath: try row.decode(column: "region_path", as: String?.self),
                year: try row.decode(column: "year", as: Int?.self),
                format: try row.decode(column: "format", as: String.self), errors: try row.decode(column: "errors", as: Int.self),
                warnings: try row.decode(column: "warnings", as: Int.self),
                notices: try row.decode(column: "notices", as: Int.self),
                uncertain: try row.decode(column: "uncertain", as: Int.self),
                late: try row.decode(column: "late", as: Int.self) != 0,
                reviewState: try row.decode(column: "review_state", as: String.self),
                readerVersion: try row.decode(column: "reader_version", as: String.self))
        }
    }

    /// How many reports a filter selects (its limit and offset aside).
    public func countReports(_ filter: ReportFilter = ReportFilter()) async throws -> Int {
        var query = SQLQueryString(
            "SELECT COUNT(*) AS n FROM reports LEFT JOIN agencies ON agencies.id = reports.agency_id WHERE ")
        query.appendInterpolation(condition(filter))
        return try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func condition(_ filter: ReportFilter) -> SQLQueryString {
        var query = SQLQueryString("1 = 1")
        func and(_ part: SQLQueryString) {
            query.appendLiteral(" AND ")
            query.appendInterpolation(part)
        }
        if let id = filter.id { and("reports.id = \(bind: id)") }
        if let year = filter.year { and("year = \(bind: year)") }
        if let agency = filter.agency { and("reports.agency = \(bind: agency)") }
        if let agencyID = filter.agencyID { and("reports.agency_id = \(bind: agencyID)") }
        if let search = filter.search, !search.isEmpty { and("reports.agency LIKE \(bind: "%" + search + "%")") }
        if let path = filter.regionPath { and(subtree("reports.region_path", path)) }
        if filter.unmatched { and("reports.agency_id IS NULL") }
        if let format = filter.format { and("format = \(bind: format)") }
        if let kind = filter.kind { and("agencies.kind = \(bind: kind.rawValue)") }
        if filter.withErrors { and("errors > 0") }
        if filter.withWarnings { and("warnings > 0") }
        if filter.late { and("late = 1") }
        if let state = filter.reviewState { and("review_state = \(bind: state.rawValue)") }
        return query
    }

    /// A stored report exactly as `gongkai parse --json` prints it.
    public func reportJSON(id: Int) async throws -> String? {
        try await db.raw("SELECT report_json FROM reports WHERE id = \(bind: id)").first()?.decode(
            column: "report_json", as: String.self)
    }

    /// One stored report's listing, or nil.
    public func report(id: Int) async throws -> StoredReport? {
        try await reports(ReportFilter(id: id)).first
    }

    /// A stored report's findings, in the order the checks reported them.
    public func findings(reportID: Int) async throws -> [StoredFinding] {
        let reviews = try await findingReviews(reportID: reportID)
        var findings = try await db.raw(
            "SELECT seq, check_id, severity, message, cells, source FROM findings WHERE report_id = \(bind: reportID) ORDER BY seq"
        ).all().map { row in
            let cells = try row.decode(column: "cells", as: String.self)
            return StoredFinding(
                seq: try row.decode(column: "seq", as: Int.self),
                check: try row.decode(column: "check_id", as: String.self),
                severity: try row.decode(column: "severity", as: String.self),
                message: try row.decode(column: "message", as: String.self),
                cells: cells.isEmpty ? [] : cells.split(separator: ",").map(String.init),
                source: try row.decode(column: "source", as: String?.self))
        }
        for i in findings.indices { findings[i].review = reviews[findings[i].fingerprint] }
        return findings
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
    public func cellRows(_ filter: ReportFilter) async throws -> [(
        agency: String?, year: Int?, format: ReportFormat, key: String, value: CellNumber?
    )] {
        var result: [(agency: String?, year: Int?, format: ReportFormat, key: String, value: CellNumber?)] = []
        for stored in try await reports(filter) {
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
