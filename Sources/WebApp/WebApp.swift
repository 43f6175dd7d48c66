import AnnualReport
import Foundation
import Hummingbird
import ReportChecks
import ReportSources
import ReportWriter
import Store

/// The web application over a report library: server-rendered pages (they work without JavaScript)
/// and a JSON API described at `/openapi.json`.
public enum WebApp {
    /// The router with every route, for a server or for tests.
    public static func router(store: ReportStore) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ -> Response in
            let filter = Self.filter(request)
            let reports = try await store.reports(year: filter.year, agency: filter.agency, withErrors: filter.errorsOnly)
            return html(LibraryPages.library(reports, filter: filter))
        }
        router.get("/reports/:id") { _, context -> Response in
            let id = try context.parameters.require("id", as: Int.self)
            guard let stored = try await store.report(id: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
            let original = try await store.original(reportID: id)
            let report = original.flatMap { try? ReportSources.read(bytes: $0.bytes, origin: $0.name) }
            return html(
                LibraryPages.report(stored, report: report, findings: try await store.findings(reportID: id), original: original))
        }
        router.get("/reports/:id/original") { _, context -> Response in
            let id = try context.parameters.require("id", as: Int.self)
            guard let original = try await store.original(reportID: id) else {
                throw HTTPError(.notFound, message: "no report \(id)")
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] =
                "attachment; filename*=UTF-8''\(percentEncoded(URL(fileURLWithPath: original.name).lastPathComponent))"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: original.bytes)))
        }
        router.get("/reports/:id/download/:format") { _, context -> Response in
            let id = try context.parameters.require("id", as: Int.self)
            let format = try context.parameters.require("format")
            guard let original = try await store.original(reportID: id) else {
                throw HTTPError(.notFound, message: "no report \(id)")
            }
            let report = try ReportSources.read(bytes: original.bytes, origin: original.name)
            let document = ReportDocument(report)
            let (bytes, type): ([UInt8], String)
            switch format {
            case "json":
                (bytes, type) = (Array(ReportJSON.value(of: report).serialized().utf8), "application/json; charset=utf-8")
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
        router.get("/api/reports") { request, _ -> Response in
            let filter = Self.filter(request)
            let reports = try await store.reports(year: filter.year, agency: filter.agency, withErrors: filter.errorsOnly)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return json(String(decoding: try encoder.encode(reports), as: UTF8.self))
        }
        router.get("/api/reports/:id") { _, context -> Response in
            let id = try context.parameters.require("id", as: Int.self)
            guard let report = try await store.reportJSON(id: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let findings = String(decoding: try encoder.encode(try await store.findings(reportID: id)), as: UTF8.self)
            return json("{\"report\":\(report),\"findings\":\(findings)}")
        }
        for format in ["csv", "xlsx"] {
            router.get(RouterPath("/export.\(format)")) { request, _ -> Response in
                let filter = Self.filter(request)
                let rows = try await store.cellRows(year: filter.year, agency: filter.agency, withErrors: filter.errorsOnly).map {
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
        router.get("/agencies/:name") { _, context -> Response in
            let raw = try context.parameters.require("name")
            let name = raw.removingPercentEncoding ?? raw
            let stored = try await store.reports(agency: name).sorted { ($0.year ?? 0) < ($1.year ?? 0) }
            guard !stored.isEmpty else { throw HTTPError(.notFound, message: "no reports of \(name)") }
            var years: [(stored: StoredReport, report: Report)] = []
            for s in stored {
                if let original = try await store.original(reportID: s.id),
                    let report = try? ReportSources.read(bytes: original.bytes, origin: original.name)
                {
                    years.append((s, report))
                }
            }
            let continuity = CheckCatalogue.check(years.map(\.report)).joined().filter { $0.id.hasPrefix("continuity.") }
            return html(AgencyPages.agency(name, years: years, continuity: Array(continuity)))
        }
        router.get("/compare") { request, _ -> Response in
            let query = request.uri.queryParameters
            guard let a = query.get("a", as: Int.self), let b = query.get("b", as: Int.self) else {
                throw HTTPError(.badRequest, message: "give two report ids: /compare?a=1&b=2")
            }
            var sides: [(StoredReport, Report)] = []
            for id in [a, b] {
                guard let stored = try await store.report(id: id), let original = try await store.original(reportID: id) else {
                    throw HTTPError(.notFound, message: "no report \(id)")
                }
                sides.append((stored, try ReportSources.read(bytes: original.bytes, origin: original.name)))
            }
            return html(AgencyPages.compare(sides[0], sides[1]))
        }
        router.get("/openapi.json") { _, _ -> Response in json(OpenAPIDocument.json) }
        return router
    }

    /// Serves the library on `host:port` until the process is stopped.
    public static func serve(store: ReportStore, host: String, port: Int) async throws {
        let app = Application(
            router: router(store: store), configuration: .init(address: .hostname(host, port: port), serverName: "gongkai"))
        try await app.runService()
    }

    static func filter(_ request: Request) -> LibraryPages.Filter {
        let query = request.uri.queryParameters
        let agency = query.get("agency").flatMap { $0.isEmpty ? nil : $0 }
        return LibraryPages.Filter(year: query.get("year", as: Int.self), agency: agency, errorsOnly: query.get("errors") == "1")
    }

    static func html(_ page: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func percentEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "report"
    }
}
