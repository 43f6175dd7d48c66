import Foundation
import Hummingbird
import Store

/// The library's filter as the query string carries it: `year`, `q` (part of the agency name),
/// `agency` (exact), `region` (id), `format`, `kind`, `errors`, `warnings`, `late`, `unmatched`,
/// `state`, `page`.
struct LibraryFilter {
    var filter = ReportFilter()
    var region: Region?
    var page = 1
    static let pageSize = 100

    static func from(_ request: Request, _ store: ReportStore) async throws -> LibraryFilter {
        let query = request.uri.queryParameters
        func text(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        var out = LibraryFilter()
        out.filter.year = try QueryNumber.get(request, "year", in: QueryNumber.years)
        out.filter.search = text("q")
        out.filter.agency = text("agency")
        if let id = try QueryNumber.get(request, "region", in: QueryNumber.ids), id > 0 {
            guard let region = try await store.region(id: id) else { throw HTTPError(.notFound, message: "没有地区 \(id)") }
            out.region = region
            out.filter.regionPath = region.path
        }
        out.filter.format = text("format").flatMap { ["2019", "2021"].contains($0) ? $0 : nil }
        out.filter.kind = text("kind").flatMap(AgencyKind.init(rawValue:))
        out.filter.withErrors = query.get("errors") == "1"
        out.filter.withWarnings = query.get("warnings") == "1"
        out.filter.late = query.get("late") == "1"
        out.filter.unmatched = query.get("unmatched") == "1"
        out.filter.reviewState = text("state").flatMap(ReviewState.init(rawValue:))
        out.page = try QueryNumber.get(request, "page", in: QueryNumber.pages) ?? 1
        return out
    }

    /// The filter for one page of the list.
    var paged: ReportFilter {
        var f = filter
        f.limit = Self.pageSize
        f.offset = (page - 1) * Self.pageSize
        return f
    }

    /// The query string of the filter (without the page), escaped for an attribute.
    var query: HTML {
        var parts: [HTML] = []
        func add(_ name: String, _ value: String?) { if let value { parts.append("\(name)=\(query: value)") } }
        add("year", filter.year.map(String.init))
        add("q", filter.search)
        add("agency", filter.agency)
        add("region", region.map { String($0.id) })
        add("format", filter.format)
        add("kind", filter.kind?.rawValue)
        if filter.withErrors { parts.append("errors=1") }
        if filter.withWarnings { parts.append("warnings=1") }
        if filter.late { parts.append("late=1") }
        if filter.unmatched { parts.append("unmatched=1") }
        add("state", filter.reviewState?.rawValue)
        return parts.joined(separator: "&amp;")
    }
}
