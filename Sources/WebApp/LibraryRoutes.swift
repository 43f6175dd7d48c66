import AnnualReport
import Foundation
import Hummingbird
import ReportWriter
import Store

/// The library's public face: the list, a report with its downloads and original, the agencies,
/// comparisons, the report API and the exports.
enum LibraryRoutes {
    /// The most reports one export may hold (about 2 million cells).
    static let exportLimit = 10_000

    static func collection(store: ReportStore) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.get("/") { request, context -> Response in
            let filter = try await LibraryFilter.from(request, store)
            let reports = try await store.reports(filter.paged)
            let total = try await store.countReports(filter.filter)
            var regions: [Region] = []
            for top in try await store.regions(parentID: 0) {
                regions.append(top)
                regions += try await store.regions(parentID: top.id)
            }
            return WebApp.html(
                LibraryPages.library(
                    reports, total: total, filter: filter, regions: regions, session: context.session))
        }
        router.get("/reports/:id") { request, context -> Response in
            let id = try QueryNumber.id(context)
            guard let stored = try await store.report(id: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
            return WebApp.html(
                LibraryPages.report(
                    stored, report: try await store.parsedReport(id: id), findings: try await store.findings(reportID: id),
                    original: try await store.originalExcerpt(reportID: id),
                    history: try await store.auditLog(reportID: id), session: context.session))
        }
        router.get("/reports/:id/original") { _, context -> Response in
            let id = try QueryNumber.id(context)
            guard let original = try await store.original(reportID: id) else {
                throw HTTPError(.notFound, message: "no report \(id)")
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] =
                "attachment; filename*=UTF-8''\(WebApp.percentEncoded(URL(fileURLWithPath: original.name).lastPathComponent))"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: original.bytes)))
        }
        router.get("/reports/:id/download/:format") { _, context -> Response in
            let id = try QueryNumber.id(context)
            let format = try context.parameters.require("format")
            guard let report = try await store.parsedReport(id: id) else {
                throw HTTPError(.notFound, message: "no report \(id)")
            }
            let document = ReportDocument(report)
            let (bytes, type): ([UInt8], String)
            switch format {
            case "json":
                (bytes, type) = (Array(ReportJSON.serialized(report).utf8), "application/json; charset=utf-8")
            case "html": (bytes, type) = (Array(HTMLWriter.render(document).utf8), "text/html; charset=utf-8")
            case "md": (bytes, type) = (Array(MarkdownWriter.render(document).utf8), "text/markdown; charset=utf-8")
            case "csv": (bytes, type) = (CSVWriter.render(document), "text/csv; charset=utf-8")
            case "xlsx":
                (bytes, type) = (
                    try XLSXWriter.render(document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                )
            case "docx":
                (bytes, type) = (
                    try WordWriter.render(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                )
            default: throw HTTPError(.notFound, message: "no download format \(format); use json, html, md, csv, xlsx or docx")
            }
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.contentDisposition] = "attachment; filename=\"report-\(id).\(format)\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/api/reports") { request, context -> Response in
            var filter = try await LibraryFilter.from(request, store).filter
            filter.limit = try QueryNumber.get(request, "limit", in: 1...10_000) ?? 1000
            filter.offset = try QueryNumber.get(request, "offset", in: 0...Int(Int32.max)) ?? 0
            let page = APIPage(
                total: try await store.countReports(filter), offset: filter.offset, limit: filter.limit ?? 0,
                reports: try await store.reports(filter))
            return try WebApp.encoded(page)
        }
        router.get("/api/reports/:id") { _, context -> Response in
            let id = try QueryNumber.id(context)
            guard let report = try await store.reportJSON(id: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
            let findings = String(decoding: try WebApp.encoder.encode(try await store.findings(reportID: id)), as: UTF8.self)
            return WebApp.json("{\"report\":\(report),\"findings\":\(findings)}")
        }
        for format in ["csv", "xlsx"] {
            router.get(RouterPath("/export.\(format)")) { request, context -> Response in
                let filter = try await LibraryFilter.from(request, store).filter
                // A selection is built in memory: bounded, so that no request can exhaust the server.
                let selected = try await store.countReports(filter)
                guard selected <= exportLimit else {
                    throw HTTPError(
                        .badRequest,
                        message: "所选 \(selected) 份报告超过一次导出的上限 \(exportLimit) 份：请按年度、地区或机关缩小范围")
                }
                let rows = try await store.cellRows(filter).map {
                    r in
                    CellTable.row(
                        agency: r.agency, year: r.year, format: r.format, cell: r.format.index(of: r.key) ?? 0, value: r.value)
                }
                var headers = HTTPFields()
                let bytes: [UInt8]
                if format == "csv" {
                    bytes = CSVWriter.render(rows: rows)
                    headers[.contentType] = "text/csv; charset=utf-8"
                } else {
                    bytes = try XLSXWriter.render(rows: rows)
                    headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                }
                headers[.contentDisposition] = "attachment; filename=\"gongkai-export.\(format)\""
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        router.get("/agencies/id/:id") { request, context -> Response in
            let id = try QueryNumber.id(context)
            guard let agency = try await store.agency(id: id) else { throw HTTPError(.notFound, message: "名录中没有机关 \(id)") }
            let stored = try await store.reports(ReportFilter(agencyID: id))
            return try await agencyPage(agency.name, stored, store: store, session: context.session)
        }
        router.get("/agencies/:name") { request, context -> Response in
            let raw = try context.parameters.require("name")
            let name = raw.removingPercentEncoding ?? raw
            let stored = try await store.reports(ReportFilter(agency: name))
            guard !stored.isEmpty else { throw HTTPError(.notFound, message: "no reports of \(name)") }
            return try await agencyPage(name, stored, store: store, session: context.session)
        }
        router.get("/compare") { request, context -> Response in
            guard let a = try QueryNumber.get(request, "a", in: QueryNumber.ids),
                let b = try QueryNumber.get(request, "b", in: QueryNumber.ids)
            else {
                throw HTTPError(.badRequest, message: "give two report ids: /compare?a=1&b=2")
            }
            var sides: [(StoredReport, Report)] = []
            for id in [a, b] {
                guard let stored = try await store.report(id: id), let report = try await store.parsedReport(id: id) else {
                    throw HTTPError(.notFound, message: "no report \(id)")
                }
                sides.append((stored, report))
            }
            return WebApp.html(AgencyPages.compare(sides[0], sides[1]))
        }
        return router
    }

    /// An agency's page: every year of its reports, oldest first, with the continuity findings.
    static func agencyPage(_ name: String, _ stored: [StoredReport], store: ReportStore, session: Session?) async throws
        -> Response
    {
        var years: [(stored: StoredReport, report: Report)] = []
        var continuity: [StoredFinding] = []
        for s in stored.sorted(by: { ($0.year ?? 0) < ($1.year ?? 0) }) {
            if let report = try await store.parsedReport(id: s.id) { years.append((s, report)) }
            // The cross-year findings were stored with each later report when it (or its neighbour) arrived.
            continuity += try await store.findings(reportID: s.id).filter { $0.check.hasPrefix("continuity.") }
        }
        return WebApp.html(AgencyPages.agency(name, years: years, continuity: continuity, session: session))
    }

    /// A page of the report list in the API.
    struct APIPage: Encodable {
        let total: Int
        let offset: Int
        let limit: Int
        let reports: [StoredReport]
    }

}
