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
            ]),
        Migration(
            version: 2,
            statements: [
                // The region tree; `path` is the chain of ids ("/1/5/23/"), so a subtree is a prefix.
                """
                CREATE TABLE regions (
                    id {id},
                    name TEXT NOT NULL,
                    level TEXT NOT NULL,
                    parent_id INTEGER NOT NULL DEFAULT 0,
                    path TEXT NOT NULL DEFAULT '',
                    UNIQUE (parent_id, name)
                )
                """,
                "CREATE INDEX regions_path ON regions (path)",
                """
                CREATE TABLE agencies (
                    id {id},
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    region_id INTEGER NOT NULL REFERENCES regions(id),
                    region_path TEXT NOT NULL
                )
                """,
                "CREATE INDEX agencies_region ON agencies (region_path)",
                // Every name an agency is known by (its own, and the ones reviewers matched to it).
                "CREATE TABLE agency_names (name TEXT PRIMARY KEY, agency_id INTEGER NOT NULL REFERENCES agencies(id))",
                "ALTER TABLE reports ADD COLUMN agency_id INTEGER REFERENCES agencies(id)",
                "ALTER TABLE reports ADD COLUMN region_path TEXT",
                "ALTER TABLE reports ADD COLUMN late INTEGER NOT NULL DEFAULT 0",
                "CREATE INDEX reports_region_year ON reports (region_path, year)",
                "CREATE INDEX reports_agency_id ON reports (agency_id, year)",
                """
                CREATE TABLE users (
                    id {id},
                    name TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE sessions (
                    token_sha256 TEXT PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    csrf TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                )
                """,
                // A reviewer's decision on a finding, keyed by what the finding says so that it
                // survives a reparse that finds the same thing again.
                """
                CREATE TABLE finding_reviews (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    user_name TEXT NOT NULL,
                    decided_at TEXT NOT NULL,
                    PRIMARY KEY (report_id, fingerprint)
                )
                """,
                """
                CREATE TABLE audit_log (
                    id {id},
                    at TEXT NOT NULL,
                    user_name TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NOT NULL
                )
                """,
                // Summed tables of a region and year, computed on first view and dropped whenever a
                // report under the region changes.
                """
                CREATE TABLE region_totals (
                    region_path TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT,
                    reports INTEGER NOT NULL,
                    PRIMARY KEY (region_path, year, key)
                )
                """,
            ]),
        Migration(
            version: 3,
            statements: [
                // The library's default order, so that its first page is read from the index, not sorted.
                "CREATE INDEX reports_listing ON reports (year DESC, agency, id)",
                // A region's year: who reported, late, with errors — answered from the index alone.
                "CREATE INDEX reports_year_region ON reports (year, region_path, agency_id, late, errors)",
            ]),
        Migration(
            version: 4,
            statements: [
                // A disabled account cannot sign in and its sessions end.
                "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0",
                "CREATE INDEX sessions_user ON sessions (user_id)",
                // Anonymous pages never write: the summed tables are kept in each server's memory,
                // tagged with this number, which every change to the reports' cells or links raises.
                "DROP TABLE region_totals",
                "CREATE TABLE library_version (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO library_version (id, n) VALUES (1, 0)",
            ]),
        Migration(
            version: 5,
            statements: [
                // An upload as a durable job: its files are stored first, then read in batches by
                // whichever server claims it; one cut off by a crash is taken up again.
                """
                CREATE TABLE jobs (
                    id {id},
                    kind TEXT NOT NULL,
                    state TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    heartbeat_at TEXT,
                    worker TEXT,
                    finished_at TEXT,
                    error TEXT
                )
                """,
                "CREATE INDEX jobs_state ON jobs (state, id)",
                """
                CREATE TABLE job_files (
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    content {blob} NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    report_id INTEGER,
                    error TEXT,
                    PRIMARY KEY (job_id, seq)
                )
                """,
            ]),
        Migration(
            version: 6,
            statements: [
                // Years of the working calendar added by an administrator, in CalendarText's form;
                // they override the shipped years of the same number.
                """
                CREATE TABLE calendar_years (
                    year INTEGER PRIMARY KEY,
                    text TEXT NOT NULL,
                    imported_by TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                )
                """,
                // A disclosure request. Its events are the truth; state, receipt, due date and outcome
                // are kept here, recomputed at every event, for the worklist and table 三.
                """
                CREATE TABLE cases (
                    id {id},
                    tracking_code TEXT NOT NULL UNIQUE,
                    agency TEXT NOT NULL,
                    applicant_type TEXT NOT NULL,
                    applicant_name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    delivery TEXT NOT NULL,
                    fee_waiver INTEGER NOT NULL DEFAULT 0,
                    channel TEXT NOT NULL,
                    received TEXT NOT NULL,
                    state TEXT NOT NULL,
                    due TEXT,
                    closed_on TEXT,
                    outcome TEXT,
                    waits_until TEXT,
                    assigned_to TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX cases_worklist ON cases (agency, state, due)",
                "CREATE INDEX cases_received ON cases (agency, received)",
                """
                CREATE TABLE case_events (
                    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    time TEXT,
                    parameter TEXT,
                    approved_by TEXT,
                    note TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    PRIMARY KEY (case_id, seq)
                )
                """,
                // The applicant's personal data, apart: seen only by the agency's officers, every
                // view audited, never exported, deleted after `purge_after`.
                """
                CREATE TABLE case_personal (
                    case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
                    id_type TEXT NOT NULL,
                    id_number TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    email TEXT NOT NULL,
                    address TEXT NOT NULL,
                    postcode TEXT NOT NULL,
                    purge_after TEXT
                )
                """,
                // The notices (告知书) the events sent: the letter as Word and as the HTML it prints
                // from; the PDF is printed later, off the request path.
                """
                CREATE TABLE case_notices (
                    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    number TEXT NOT NULL,
                    title TEXT NOT NULL,
                    addressee TEXT NOT NULL,
                    html TEXT NOT NULL,
                    docx {blob} NOT NULL,
                    pdf {blob},
                    pdf_error TEXT,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (case_id, seq)
                )
                """,
                "CREATE INDEX case_notices_unprinted ON case_notices (pdf_error, case_id)",
                // Each agency's 文号 pattern ({year}, {n}) and the last number it gave in a year.
                "CREATE TABLE notice_patterns (agency TEXT PRIMARY KEY, pattern TEXT NOT NULL)",
                "CREATE TABLE notice_numbers (agency TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (agency, year))",
                // An agency officer's agency: the cases (and applicants' personal data) it may see;
                // the address its daily digest goes to.
                "ALTER TABLE users ADD COLUMN agency TEXT",
                "ALTER TABLE users ADD COLUMN email TEXT",
                // Mail waiting to go, sent, or given up on: notices to applicants, officers' digests.
                """
                CREATE TABLE outbox (
                    id {id},
                    case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    link TEXT,
                    created_at TEXT NOT NULL,
                    next_attempt_at TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    sent_at TEXT,
                    error TEXT
                )
                """,
                "CREATE INDEX outbox_waiting ON outbox (sent_at, next_attempt_at)",
                "CREATE TABLE digests (user_id INTEGER NOT NULL, day TEXT NOT NULL, PRIMARY KEY (user_id, day))",
                // Documents the applicant uploaded (an identity document): personal data, like case_personal.
                """
                CREATE TABLE case_attachments (
                    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    content {blob} NOT NULL,
                    uploaded_at TEXT NOT NULL,
                    PRIMARY KEY (case_id, seq)
                )
                """,
            ]),
    ]
}
