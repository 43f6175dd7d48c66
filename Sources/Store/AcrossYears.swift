import AnnualReport
import ReportChecks
import ReportWriter
import SQLKit

/// The checks across consecutive years (`continuity.*`) stored with the later report: run when a
/// report arrives, for it and for the next year's report of the same agency, whose findings change
/// with it. They count in the report's errors and warnings like the rest.
extension ReportStore {
    /// Stored cross-year findings are numbered from here, after the report's own.
    static let acrossYearsSeq = 10_000

    /// Refreshes the cross-year findings of the reports of these agencies and years, and of the year
    /// after each (inside the import's transaction). `known` holds reports already in memory by id,
    /// so that only their neighbours are read back from JSON.
    func refreshAcrossYears(_ arrivals: [(agency: String, year: Int)], known: [Int: Report] = [:]) async throws {
        var later = Set<String>()
        var pairs: [(agency: String, year: Int)] = []
        for a in arrivals {
            for year in [a.year, a.year + 1] where later.insert("\(year)|\(a.agency)").inserted { pairs.append((a.agency, year)) }
        }
        for (agency, year) in pairs {
            let current = try await reportsOf(agency: agency, year: year, known: known)
            guard !current.isEmpty else { continue }
            let previous = try await reportsOf(agency: agency, year: year - 1, known: known).last
            for (id, report) in current {
                let findings = previous.map { prior in CheckCatalogue.series.flatMap { $0.run(prior.report, report) } } ?? []
                try await replaceAcrossYears(reportID: id, with: findings)
            }
        }
    }

    /// The stored reports of an agency for a year, oldest first: from `known`, or read back from
    /// their JSON.
    private func reportsOf(agency: String, year: Int, known: [Int: Report]) async throws -> [(id: Int, report: Report)] {
        var out: [(id: Int, report: Report)] = []
        for row in try await db.raw(
            "SELECT id FROM reports WHERE agency = \(bind: agency) AND year = \(bind: year) ORDER BY id"
        ).all() {
            let id = try row.decode(column: "id", as: Int.self)
            if let report = known[id] {
                out.append((id, report))
            } else if let json = try await reportJSON(id: id) {
                out.append((id, try ReportJSON.report(fromJSON: json, origin: "report \(id)")))
            }
        }
        return out
    }

    private func replaceAcrossYears(reportID: Int, with findings: [Finding]) async throws {
        let existing =
            try await db.raw(
                "SELECT COUNT(*) AS n FROM findings WHERE report_id = \(bind: reportID) AND seq >= \(bind: Self.acrossYearsSeq)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        guard existing > 0 || !findings.isEmpty else { return }
        try await db.raw("DELETE FROM findings WHERE report_id = \(bind: reportID) AND seq >= \(bind: Self.acrossYearsSeq)").run()
        for (n, finding) in findings.enumerated() {
            try await db.raw(
                """
                INSERT INTO findings (report_id, seq, check_id, severity, message, cells, source)
                VALUES (\(bind: reportID), \(bind: Self.acrossYearsSeq + n), \(bind: finding.id), \(bind: finding.severity.rawValue),
                        \(bind: finding.message), \(bind: finding.cells.map(\.key).joined(separator: ",")), \(bind: finding.source?.description))
                """
            ).run()
        }
        try await db.raw(
            """
            UPDATE reports SET
                errors = (SELECT COUNT(*) FROM findings WHERE report_id = \(bind: reportID) AND severity = 'error'),
                warnings = (SELECT COUNT(*) FROM findings WHERE report_id = \(bind: reportID) AND severity = 'warning'),
                notices = (SELECT COUNT(*) FROM findings WHERE report_id = \(bind: reportID) AND severity = 'notice')
            WHERE id = \(bind: reportID)
            """
        ).run()
    }
}
