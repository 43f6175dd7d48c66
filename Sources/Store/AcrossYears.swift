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
        guard !arrivals.isEmpty else { return }
        // Every stored report of these agencies, in one query: which years each has, by id.
        // (By year and agency, so that the listing index finds them.)
        let years = Set(arrivals.flatMap { [$0.year - 1, $0.year, $0.year + 1] }).sorted()
        var query = SQLQueryString("SELECT id, agency, year FROM reports WHERE year IN (")
        query.appendInterpolation(list(years))
        query.appendLiteral(") AND agency IN (")
        query.appendInterpolation(list(Array(Set(arrivals.map(\.agency))).sorted()))
        query.appendLiteral(") ORDER BY id")
        var ids: [String: [Int]] = [:]
        for row in try await db.raw(query).all() {
            guard let year = try row.decode(column: "year", as: Int?.self) else { continue }
            ids["\(year)|\(try row.decode(column: "agency", as: String.self))", default: []].append(
                try row.decode(column: "id", as: Int.self))
        }
        // Reports with cross-year findings stored now: those must be replaced, even by none.
        let touched = Set(arrivals.flatMap { a in [a.year, a.year + 1].flatMap { ids["\($0)|\(a.agency)"] ?? [] } })
        var withFindings = Set<Int>()
        if !touched.isEmpty {
            var existing = SQLQueryString(
                "SELECT DISTINCT report_id FROM findings WHERE seq >= \(bind: Self.acrossYearsSeq) AND report_id IN (")
            existing.appendInterpolation(list(touched.sorted()))
            existing.appendLiteral(")")
            withFindings = Set(try await db.raw(existing).all().map { try $0.decode(column: "report_id", as: Int.self) })
        }
        var decoded = known
        var done = Set<String>()
        for a in arrivals {
            for year in [a.year, a.year + 1] where done.insert("\(year)|\(a.agency)").inserted {
                guard let current = ids["\(year)|\(a.agency)"] else { continue }
                var previous: Report?
                if let previousID = ids["\(year - 1)|\(a.agency)"]?.last {
                    previous = try await report(previousID, cache: &decoded)
                }
                for id in current {
                    guard previous != nil || withFindings.contains(id), let this = try await report(id, cache: &decoded) else {
                        continue
                    }
                    let findings = previous.map { prior in CheckCatalogue.series.flatMap { $0.run(prior, this) } } ?? []
                    guard !findings.isEmpty || withFindings.contains(id) else { continue }
                    try await replaceAcrossYears(reportID: id, with: findings)
                }
            }
        }
    }

    /// A stored report from `cache`, or read back from its JSON (and kept there).
    private func report(_ id: Int, cache: inout [Int: Report]) async throws -> Report? {
        if let r = cache[id] { return r }
        guard let json = try await reportJSON(id: id) else { return nil }
        let r = try ReportJSON.report(fromJSON: json, origin: "report \(id)")
        cache[id] = r
        return r
    }

    private func replaceAcrossYears(reportID: Int, with findings: [Finding]) async throws {
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
