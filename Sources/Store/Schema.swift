/// The database schema as numbered migrations. A database records the versions it has applied and
/// is upgraded in place by applying the ones it lacks, each in its own transaction. `{id}` and
/// `{blob}` stand for the dialect's auto-numbered key and binary types.
struct Migration: Sendable {
    let version: Int
    let statements: [String]

    static let all: [Migration] = [
        Migration(
            version: 1,
            statements: [
                """
                CREATE TABLE sources (
                    sha256 TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    content {blob} NOT NULL,
                    imported_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE reports (
                    id {id},
                    source_sha256 TEXT NOT NULL UNIQUE REFERENCES sources(sha256),
                    agency TEXT,
                    year INTEGER,
                    format TEXT NOT NULL,
                    variant TEXT NOT NULL,
                    published TEXT,
                    title TEXT,
                    reader_version TEXT NOT NULL,
                    report_json TEXT NOT NULL,
                    errors INTEGER NOT NULL,
                    warnings INTEGER NOT NULL,
                    notices INTEGER NOT NULL,
                    uncertain INTEGER NOT NULL,
                    review_state TEXT NOT NULL DEFAULT 'unreviewed',
                    parsed_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX reports_agency_year ON reports (agency, year)",
                "CREATE INDEX reports_year ON reports (year)",
                """
                CREATE TABLE cells (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    value TEXT,
                    status TEXT NOT NULL,
                    source TEXT,
                    PRIMARY KEY (report_id, key)
                )
                """,
                """
                CREATE TABLE findings (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    check_id TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    message TEXT NOT NULL,
                    cells TEXT NOT NULL,
                    source TEXT,
                    PRIMARY KEY (report_id, seq)
                )
                """,
                "CREATE INDEX findings_check ON findings (check_id)",
            ])
    ]
}
