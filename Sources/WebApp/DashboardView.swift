import Store

/// Everything a region's dashboard shows, loaded once: the page renders it as HTML and the API as
/// JSON, so the two never disagree.
struct DashboardView: Sendable {
    struct Child: Sendable, Encodable {
        let region: Region
        let summary: RegionSummary
    }

    let region: Region?
    let lineage: [Region]
    let year: Int
    let years: [Int]
    let summary: RegionSummary
    let children: [Child]
    /// The region's own agencies and their reports of the year (none for the whole register).
    let agencies: [AgencyYear]
    let missing: [Agency]
    let totals: RegionTotals
    /// Reports of the year whose agency name the register does not know.
    let unmatched: Int

    static func load(_ request: RegionRoutes.Dashboard, store: ReportStore, missingLimit: Int) async throws -> DashboardView {
        let (region, year) = (request.region, request.year)
        var children: [Child] = []
        for child in try await store.regions(parentID: region?.id ?? 0) {
            children.append(Child(region: child, summary: try await store.summary(of: child, year: year)))
        }
        var agencies: [AgencyYear] = [], lineage: [Region] = []
        if let region {
            agencies = try await store.agencyYears(in: region, year: year)
            lineage = try await store.lineage(of: region)
        }
        return DashboardView(
            region: region, lineage: lineage, year: year, years: request.years,
            summary: try await store.summary(of: region, year: year), children: children, agencies: agencies,
            missing: try await store.missingAgencies(under: region, year: year, limit: missingLimit),
            totals: try await store.totals(of: region, year: year),
            unmatched: try await store.countReports(ReportFilter(year: year, unmatched: true)))
    }

    /// The API's shape of it (`Dashboard` in /openapi.json).
    struct JSON: Encodable {
        let region: Region?
        let year: Int
        let summary: RegionSummary
        let children: [Child]
        let missing: [Agency]
        let reports: Int
        let totals: [String: String]
        let counts: [String: Int]
    }

    var json: JSON {
        JSON(
            region: region, year: year, summary: summary, children: children, missing: missing, reports: totals.reports,
            totals: totals.values.mapValues(\.description), counts: totals.counts)
    }
}
