import AnnualReport
import Foundation
import SQLKit

/// Who in a region has reported for a year: counted by agency (an agency with two files for the
/// same year has reported once).
public struct RegionSummary: Sendable, Codable, Equatable {
    public let agencies: Int
    public let reported: Int
    public let late: Int
    public let withErrors: Int
    public var missing: Int { max(0, agencies - reported) }
}

/// A register agency and its reports of one year (none when it has not reported).
public struct AgencyYear: Sendable, Codable {
    public let agency: Agency
    public let reports: [StoredReport]
}

/// The summed tables of a region for a year: for every cell key, the sum over the region's
/// reports and how many of them had a value there (blank cells add nothing and are not zeros).
public struct RegionTotals: Sendable, Equatable {
    public let reports: Int
    public let values: [String: CellNumber]
    public let counts: [String: Int]
}

/// One agency's value behind a region total.
public struct TotalPart: Sendable, Codable, Equatable {
    public let reportID: Int
    public let agency: String
    public let value: String?
}

extension ReportStore {
    /// The years the library has reports for, newest first.
    public func years() async throws -> [Int] {
        try await db.raw("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC").all().map {
            try $0.decode(column: "year", as: Int.self)
        }
    }

    /// Who in `region` (nil: the whole register) has reported for `year`.
    public func summary(of region: Region?, year: Int) async throws -> RegionSummary {
        var agencies = SQLQueryString("SELECT COUNT(*) AS n FROM agencies WHERE ")
        agencies.appendInterpolation(subtree("region_path", region?.path))
        var reports = SQLQueryString(
            "SELECT COUNT(DISTINCT agency_id) AS reported, COUNT(DISTINCT CASE WHEN late = 1 THEN agency_id END) AS late, COUNT(DISTINCT CASE WHEN errors > 0 THEN agency_id END) AS errors FROM reports WHERE year = \(bind: year) AND "
        )
        reports.appendInterpolation(subtree("region_path", region?.path))
        let counts = try await db.raw(reports).first()
        return RegionSummary(
            agencies: try await db.raw(agencies).first()?.decode(column: "n", as: Int.self) ?? 0,
            reported: try counts?.decode(column: "reported", as: Int.self) ?? 0,
            late: try counts?.decode(column: "late", as: Int.self) ?? 0,
            withErrors: try counts?.decode(column: "errors", as: Int.self) ?? 0)
    }

    /// The agencies registered directly in `region` with their reports of `year`.
    public func agencyYears(in region: Region, year: Int) async throws -> [AgencyYear] {
        let agencies = try await db.raw(
            "SELECT id, name, kind, region_id, region_path FROM agencies WHERE region_id = \(bind: region.id) ORDER BY kind DESC, name"
        ).all().map(Self.agency)
        var byAgency: [Int: [StoredReport]] = [:]
        for agency in agencies {
            byAgency[agency.id] = try await self.reports(ReportFilter(year: year, agencyID: agency.id))
        }
        return agencies.map { AgencyYear(agency: $0, reports: byAgency[$0.id] ?? []) }
    }

    /// The agencies in or under `region` that have no report for `year`, at most `limit` of them.
    public func missingAgencies(under region: Region?, year: Int, limit: Int = 200) async throws -> [Agency] {
        var query = SQLQueryString("SELECT id, name, kind, region_id, region_path FROM agencies WHERE ")
        query.appendInterpolation(subtree("region_path", region?.path))
        query.appendInterpolation(
            " AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.agency_id = agencies.id AND reports.year = \(bind: year)) ORDER BY region_path, name LIMIT \(bind: limit)"
                as SQLQueryString)
        return try await db.raw(query).all().map(Self.agency)
    }

    /// The reports a region's totals count: one per agency and year, the latest imported.
    private func countedReports(_ region: Region?, year: Int) -> SQLQueryString {
        var query = SQLQueryString("SELECT MAX(id) FROM reports WHERE year = \(bind: year) AND ")
        query.appendInterpolation(subtree("region_path", region?.path))
        query.appendLiteral(" GROUP BY agency_id")
        return query
    }

    /// The summed tables of `region` (nil: the whole register) for `year`, from this process's
    /// memory while the library has not changed since they were summed. Reading them writes nothing.
    public func totals(of region: Region?, year: Int) async throws -> RegionTotals {
        let memoKey = "\(region?.path ?? "/")@\(year)"
        let version = try await libraryVersion()
        if let memo = totalsMemo[memoKey], memo.version == version { return memo.totals }
        let totals = try await sumTotals(of: region, year: year)
        if totalsMemo.count >= 4096 { totalsMemo = [:] }
        totalsMemo[memoKey] = (version, totals)
        return totals
    }

    /// The number every change to the reports' cells or to their links to the register raises.
    func libraryVersion() async throws -> Int {
        try await db.raw("SELECT n FROM library_version WHERE id = 1").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks the library changed: every server's summed tables are summed again on their next view.
    func libraryChanged() async throws {
        try await db.raw("UPDATE library_version SET n = n + 1 WHERE id = 1").run()
    }

    private func sumTotals(of region: Region?, year: Int) async throws -> RegionTotals {
        var query = SQLQueryString(
            """
            SELECT cells.key AS key, COUNT(cells.value) AS n,
                   CAST(SUM(CASE WHEN cells.value LIKE '%.%' THEN NULL ELSE CAST(cells.value AS BIGINT) END) AS BIGINT) AS s,
                   SUM(CASE WHEN cells.value LIKE '%.%' THEN 1 ELSE 0 END) AS decimals
            FROM cells WHERE cells.report_id IN (
            """)
        query.appendInterpolation(countedReports(region, year: year))
        query.appendLiteral(") GROUP BY cells.key")
        var rows: [(key: String, value: String?, reports: Int)] = []
        for row in try await db.raw(query).all() {
            let key = try row.decode(column: "key", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            var value = try row.decode(column: "s", as: Int?.self).map(String.init)
            if try row.decode(column: "decimals", as: Int?.self) ?? 0 > 0 {
                value = try await exactSum(region, year: year, key: key)?.description
            }
            rows.append((key, n == 0 ? nil : value, n))
        }
        var countQuery = SQLQueryString("SELECT COUNT(*) AS n FROM (")
        countQuery.appendInterpolation(countedReports(region, year: year))
        countQuery.appendLiteral(") counted")
        let reports = try await db.raw(countQuery).first()?.decode(column: "n", as: Int.self) ?? 0
        rows.append(("*", nil, reports))
        return RegionTotals(
            reports: reports,
            values: Dictionary(
                uniqueKeysWithValues: rows.compactMap { r in r.value.flatMap { CellNumber(parsing: $0[...]) }.map { (r.key, $0) }
                }),
            counts: Dictionary(uniqueKeysWithValues: rows.filter { $0.key != "*" }.map { ($0.key, $0.reports) }))
    }

    private static func totals(_ rows: [any SQLRow]) throws -> RegionTotals {
        var values: [String: CellNumber] = [:], counts: [String: Int] = [:], reports = 0
        for row in rows {
            let key = try row.decode(column: "key", as: String.self)
            let n = try row.decode(column: "reports", as: Int.self)
            if key == "*" {
                reports = n
                continue
            }
            counts[key] = n
            if let v = try row.decode(column: "value", as: String?.self), let number = CellNumber(parsing: v[...]) {
                values[key] = number
            }
        }
        return RegionTotals(reports: reports, values: values, counts: counts)
    }

    private func exactSum(_ region: Region?, year: Int, key: String) async throws -> CellNumber? {
        let numbers = try await totalParts(of: region, year: year, key: key).compactMap {
            $0.value.flatMap { CellNumber(parsing: $0[...]) }
        }
        return numbers.isEmpty ? nil : CellNumber.sum(numbers)
    }

    /// The agencies' values behind one region total, largest first.
    public func totalParts(of region: Region?, year: Int, key: String) async throws -> [TotalPart] {
        var query = SQLQueryString(
            "SELECT reports.id AS id, reports.agency AS agency, cells.value AS value FROM cells JOIN reports ON reports.id = cells.report_id WHERE cells.key = \(bind: key) AND reports.id IN ("
        )
        query.appendInterpolation(countedReports(region, year: year))
        query.appendLiteral(")")
        let parts = try await db.raw(query).all().map { row in
            TotalPart(
                reportID: try row.decode(column: "id", as: Int.self),
                agency: try row.decode(column: "agency", as: String?.self) ?? "",
                value: try row.decode(column: "value", as: String?.self))
        }
        let keyed = parts.map { (part: $0, value: $0.value.flatMap { CellNumber(parsing: $0[...])?.doubleValue } ?? -1) }
        return keyed.sorted { $0.value != $1.value ? $0.value > $1.value : $0.part.agency < $1.part.agency }.map(\.part)
    }
}
