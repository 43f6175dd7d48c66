import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter
import SQLKit

/// A file read and checked, ready to store. Everything that takes the processor is done here, off
/// the store's actor, so that the files of a batch are prepared side by side.
struct PreparedReport: Sendable {
    /// Fault injection for the crash-recovery tests (`GONGKAI_FAULT_TRAP_MARKER`, at least 16
    /// characters): reading a file that contains the marker stops the process, as a trap in the
    /// reader would. Unset, as always outside those tests, it costs nothing.
    static let faultMarker: [UInt8]? = ProcessInfo.processInfo.environment["GONGKAI_FAULT_TRAP_MARKER"].flatMap {
        $0.utf8.count >= 16 ? Array($0.utf8) : nil
    }

    let sha: String
    let name: String
    let bytes: [UInt8]
    let kind: String
    let report: Report
    let json: String
    let errors: Int
    let warnings: Int
    let notices: Int
    let late: Int
    let cellRows: [[String?]]
    let findingRows: [[String?]]

    static func prepare(bytes: [UInt8], name: String, sha: String) async -> Result<PreparedReport, ReadError> {
        if let marker = faultMarker, bytes.count >= marker.count,
            bytes.indices.dropLast(marker.count - 1).contains(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        {
            fatalError("GONGKAI_FAULT_TRAP_MARKER: \(name) holds the marker; stopping as a reader trap would")
        }
        let report: Report
        do {
            report = try await ReportSources.read(bytes: bytes, origin: name)
        } catch let error as ReadError {
            return .failure(error)
        } catch {
            return .failure(ReadError(origin: name, problem: .unreadable("\(error)")))
        }
        let findings = CheckCatalogue.check(report)
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        let cells = report.cells.indices.map { i -> [String?] in
            [
                report.format.cells[i].key, report.cells[i].value?.description, report.cells[i].status.rawValue,
                report.cells[i].source?.description,
            ]
        }
        let findingRows = findings.enumerated().map { seq, finding -> [String?] in
            [
                String(seq), finding.id, finding.severity.rawValue, finding.message,
                finding.cells.map(\.key).joined(separator: ","),
                finding.source?.description,
            ]
        }
        return .success(
            PreparedReport(
                sha: sha, name: name, bytes: bytes, kind: SourceKind.sniff(bytes, name: name).rawValue, report: report,
                json: ReportJSON.serialized(report, pretty: false), errors: counts[.error] ?? 0,
                warnings: counts[.warning] ?? 0, notices: counts[.notice] ?? 0,
                late: findings.contains { $0.id == "publication.late" } ? 1 : 0, cellRows: cells, findingRows: findingRows))
    }
}

extension ReportStore {
    /// Reads, checks and stores one file. The same content twice is one report; a file that cannot
    /// be read stores nothing; a report is stored whole or not at all.
    public func importFile(bytes: [UInt8], name: String) async throws -> ImportOutcome {
        guard let outcome = try await importFiles([(bytes, name)]).first else { throw CocoaError(.coderInvalidValue) }
        return outcome
    }

    /// Reads, checks and stores files — prepared side by side, stored in one transaction — with an
    /// outcome for each, in order. The same content twice is one report (within the batch too); a
    /// file that cannot be read stores nothing and does not stop the rest.
    public func importFiles(_ files: [(bytes: [UInt8], name: String)]) async throws -> [ImportOutcome] {
        let shas = files.map { ContentHash.hex($0.bytes) }
        var known = try await storedIDs(Set(shas))
        var outcomes = [ImportOutcome?](repeating: nil, count: files.count)
        var first: [String: Int] = [:]
        for i in files.indices where known[shas[i]] == nil && first[shas[i]] == nil { first[shas[i]] = i }
        let prepared = await withTaskGroup(of: (Int, Result<PreparedReport, ReadError>).self) { group in
            for i in first.values {
                let file = files[i], sha = shas[i]
                group.addTask { (i, await PreparedReport.prepare(bytes: file.bytes, name: file.name, sha: sha)) }
            }
            var out: [(Int, Result<PreparedReport, ReadError>)] = []
            for await result in group { out.append(result) }
            return out.sorted { $0.0 < $1.0 }
        }
        var ready: [PreparedReport] = []
        for (i, result) in prepared {
            switch result {
            case .success(let report): ready.append(report)
            case .failure(let error): outcomes[i] = .failed(error)
            }
        }
        var stored = Set<String>()
        if !ready.isEmpty {
            do {
                try await transaction { try await self.insert(ready) }
                stored = Set(ready.map(\.sha))
            } catch {
                // Another process stored some of the same content meanwhile: store the rest one by one.
                for report in ready {
                    do {
                        try await transaction { try await self.insert([report]) }
                        stored.insert(report.sha)
                    } catch {
                        if try await storedIDs([report.sha]).isEmpty { throw error }
                    }
                }
            }
            known.merge(try await storedIDs(Set(ready.map(\.sha)))) { a, _ in a }
        }
        for i in files.indices where outcomes[i] == nil {
            guard let id = known[shas[i]] else { throw CocoaError(.coderInvalidValue) }
            outcomes[i] = first[shas[i]] == i && stored.contains(shas[i]) ? .imported(id: id) : .duplicate(id: id)
        }
        return outcomes.compactMap { $0 }
    }

    /// The ids of the reports stored with these contents.
    private func storedIDs(_ shas: Set<String>) async throws -> [String: Int] {
        guard !shas.isEmpty else { return [:] }
        var query = SQLQueryString("SELECT id, source_sha256 FROM reports WHERE source_sha256 IN (")
        query.appendInterpolation(list(shas.sorted()))
        query.appendLiteral(")")
        var out: [String: Int] = [:]
        for row in try await db.raw(query).all() {
            out[try row.decode(column: "source_sha256", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        return out
    }

    /// `?, ?, ?` binding each value.
    func list(_ values: [some Encodable & Sendable]) -> SQLQueryString {
        var query = SQLQueryString("")
        for (n, value) in values.enumerated() {
            if n > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: value)
        }
        return query
    }

    /// Stores prepared reports (inside a transaction): originals, reports, cells and findings, a few
    /// statements for the whole batch.
    private func insert(_ batch: [PreparedReport]) async throws {
        let now = Self.now()
        var sources = SQLQueryString("INSERT INTO sources (sha256, name, kind, size, content, imported_at) VALUES ")
        for (n, p) in batch.enumerated() {
            if n > 0 { sources.appendLiteral(", ") }
            sources.appendInterpolation(
                "(\(bind: p.sha), \(bind: p.name), \(bind: p.kind), \(bind: p.bytes.count), \(bind: Data(p.bytes)), \(bind: now))"
                    as SQLQueryString)
        }
        try await db.raw(sources).run()
        let agencies = try await registeredAgencies(batch.compactMap(\.report.agency))
        var reports = SQLQueryString(
            """
            INSERT INTO reports (source_sha256, agency, year, format, variant, published, title, reader_version, report_json,
                                 errors, warnings, notices, uncertain, parsed_at, agency_id, region_path, late) VALUES
            """)
        for (n, p) in batch.enumerated() {
            let r = p.report
            let agency = r.agency.flatMap { agencies[AgencyName.normalized($0)] }
            if n > 0 { reports.appendLiteral(", ") }
            reports.appendInterpolation(
                """
                (\(bind: p.sha), \(bind: r.agency), \(bind: r.year), \(bind: r.format.version.rawValue), \(bind: r.format.variant.rawValue),
                 \(bind: r.published?.description), \(bind: r.title), \(bind: readerVersion), \(bind: p.json), \(bind: p.errors),
                 \(bind: p.warnings), \(bind: p.notices), \(bind: r.uncertainCells.count), \(bind: now), \(bind: agency?.id),
                 \(bind: agency?.regionPath), \(bind: p.late))
                """ as SQLQueryString)
        }
        try await db.raw(reports).run()
        try await insertRows(into: "cells", ["key", "value", "status", "source"], batch.map { ($0.sha, $0.cellRows) })
        try await insertRows(
            into: "findings", ["#seq", "check_id", "severity", "message", "cells", "source"],
            batch.map { ($0.sha, $0.findingRows) })
        let arrivals = batch.compactMap { p in p.report.agency.flatMap { a in p.report.year.map { (a, $0) } } }
        if !arrivals.isEmpty {
            let ids = try await storedIDs(Set(batch.map(\.sha)))
            let known = Dictionary(batch.compactMap { p in ids[p.sha].map { ($0, p.report) } }, uniquingKeysWith: { a, _ in a })
            try await refreshAcrossYears(arrivals, known: known)
        }
        try await libraryChanged()
    }

    /// Replaces a stored report's parsed data in place (inside a transaction, its cells and
    /// findings deleted): its id, review state and decisions stay.
    func update(id: Int, with p: PreparedReport) async throws {
        let r = p.report
        let agency = try await registeredAgency(for: r.agency)
        try await db.raw(
            """
            UPDATE reports SET agency = \(bind: r.agency), year = \(bind: r.year), late = \(bind: p.late),
                agency_id = \(bind: agency?.id), region_path = \(bind: agency?.regionPath),
                format = \(bind: r.format.version.rawValue), variant = \(bind: r.format.variant.rawValue),
                published = \(bind: r.published?.description), title = \(bind: r.title), reader_version = \(bind: readerVersion),
                report_json = \(bind: p.json), errors = \(bind: p.errors), warnings = \(bind: p.warnings),
                notices = \(bind: p.notices), uncertain = \(bind: r.uncertainCells.count), parsed_at = \(bind: Self.now())
            WHERE id = \(bind: id)
            """
        ).run()
        try await insertRows(into: "cells", ["key", "value", "status", "source"], [(p.sha, p.cellRows)])
        try await insertRows(
            into: "findings", ["#seq", "check_id", "severity", "message", "cells", "source"], [(p.sha, p.findingRows)])
        if let agency = r.agency, let year = r.year { try await refreshAcrossYears([(agency, year)], known: [id: r]) }
    }

    /// Inserts rows of reports in one statement: they travel as one JSON array in a single parameter,
    /// the database unpacks them (json_each, json_array_elements) and finds each report by the
    /// address of its original — binding every value one by one costs several times more. Columns
    /// named `#…` are integers.
    private func insertRows(into table: String, _ columns: [String], _ rows: [(sha: String, rows: [[String?]])]) async throws {
        let all = rows.flatMap { report in report.rows.map { [report.sha] + $0 } }
        guard !all.isEmpty else { return }
        let json = JSONValue.array(all.map { .array($0.map { $0.map(JSONValue.string) ?? .null }) }).serialized(pretty: false)
        func pick(_ i: Int) -> String { isPostgres ? "j.value->>\(i)" : "json_extract(j.value, '$[\(i)]')" }
        let picks = columns.indices.map { i in columns[i].hasPrefix("#") ? "CAST(\(pick(i + 1)) AS INTEGER)" : pick(i + 1) }
        let names = columns.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        var query = SQLQueryString(
            "INSERT INTO \(unsafeRaw: table) (report_id, \(unsafeRaw: names.joined(separator: ", "))) SELECT r.id, \(unsafeRaw: picks.joined(separator: ", ")) FROM "
        )
        if isPostgres {
            query.appendInterpolation("json_array_elements(CAST(\(bind: json) AS json)) AS j" as SQLQueryString)
        } else {
            query.appendInterpolation("json_each(\(bind: json)) AS j" as SQLQueryString)
        }
        query.appendInterpolation(" JOIN reports AS r ON r.source_sha256 = \(unsafeRaw: pick(0))" as SQLQueryString)
        try await db.raw(query).run()
    }
}
