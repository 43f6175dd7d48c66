import AnnualReport
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ReportChecks
import ReportWriter
import Store

/// The web application over a report library: server-rendered pages (they work without JavaScript)
/// and a JSON API described at `/openapi.json`.
public enum WebApp {
    /// Limits of the service.
    public struct Configuration: Sendable {
        /// The largest upload accepted, in bytes (one request: a file, several, or a ZIP).
        public var maxUploadBytes = 200 << 20
        /// Behind an HTTPS reverse proxy: cookies are `Secure`, and the client's address is the last
        /// one the proxy appended to X-Forwarded-For.
        public var behindProxy = false
        /// Open connections one address may hold (behind a proxy, the proxy's: raise it there).
        public var connectionsPerAddress = 64
        /// Where `/metrics` counts.
        public var metrics = ServiceMetrics()
        /// Seconds a new connection has to send its first request's head.
        public var headDeadline: Double = 10
        /// Seconds a connection may stay quiet between requests.
        public var idleTimeout: Double = 30

        /// Limits and deployment.
        public init(maxUploadBytes: Int = 200 << 20, behindProxy: Bool = false, connectionsPerAddress: Int = 64) {
            self.maxUploadBytes = maxUploadBytes
            self.behindProxy = behindProxy
            self.connectionsPerAddress = connectionsPerAddress
        }
    }

    /// The router with every route, for a server or for tests.
    public static func router(store: ReportStore, configuration: Configuration = Configuration()) -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.add(middleware: RequestMetrics(metrics: configuration.metrics))
        router.add(middleware: ResponseHardening())
        router.get("/style.css") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Page.style)))
        }
        router.get("/") { request, _ -> Response in
            let filter = try await LibraryFilter.from(request, store)
            let reports = try await store.reports(filter.paged)
            let total = try await store.countReports(filter.filter)
            var regions: [Region] = []
            for top in try await store.regions(parentID: 0) {
                regions.append(top)
                regions += try await store.regions(parentID: top.id)
            }
            return html(
                LibraryPages.library(
                    reports, total: total, filter: filter, regions: regions, session: try await Auth.session(request, store)))
        }
        router.get("/reports/:id") { request, context -> Response in
            let id = try QueryNumber.id(context)
            guard let stored = try await store.report(id: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
            return html(
                LibraryPages.report(
                    stored, report: try await store.parsedReport(id: id), findings: try await store.findings(reportID: id),
                    original: try await store.originalExcerpt(reportID: id),
                    history: try await store.auditLog(reportID: id), session: try await Auth.session(request, store)))
        }
        let signIn = SignIn(
            store: store, throttle: SignInThrottle(), behindProxy: configuration.behindProxy, metrics: configuration.metrics)
        AccountRoutes.add(to: router, store: store, signIn: signIn, secureCookies: configuration.behindProxy)
        ReviewRoutes.add(to: router, store: store)
        UploadRoutes.add(to: router, store: store, signIn: signIn, configuration: configuration)
        RegionRoutes.add(to: router, store: store)
        router.get("/reports/:id/original") { _, context -> Response in
            let id = try QueryNumber.id(context)
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
            let id = try QueryNumber.id(context)
            let format = try context.parameters.require("format")
            guard let report = try await store.parsedReport(id: id) else {
                throw HTTPError(.notFound, message: "no report \(id)")
            }
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
            var filter = try await LibraryFilter.from(request, store).filter
            filter.limit = try QueryNumber.get(request, "limit", in: 1...10_000) ?? 1000
            filter.offset = try QueryNumber.get(request, "offset", in: 0...Int(Int32.max)) ?? 0
            let page = APIPage(
                total: try await store.countReports(filter), offset: filter.offset, limit: filter.limit ?? 0,
                reports: try await store.reports(filter))
            return try encoded(page)
        }
        router.get("/api/reports/:id") { _, context -> Response in
            let id = try QueryNumber.id(context)
            guard let report = try await store.reportJSON(id: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
            let findings = String(decoding: try encoder.encode(try await store.findings(reportID: id)), as: UTF8.self)
            return json("{\"report\":\(report),\"findings\":\(findings)}")
        }
        for format in ["csv", "xlsx"] {
            router.get(RouterPath("/export.\(format)")) { request, _ -> Response in
                let filter = try await LibraryFilter.from(request, store).filter
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
            return try await agencyPage(agency.name, stored, store: store, session: try await Auth.session(request, store))
        }
        router.get("/agencies/:name") { request, context -> Response in
            let raw = try context.parameters.require("name")
            let name = raw.removingPercentEncoding ?? raw
            let stored = try await store.reports(ReportFilter(agency: name))
            guard !stored.isEmpty else { throw HTTPError(.notFound, message: "no reports of \(name)") }
            return try await agencyPage(name, stored, store: store, session: try await Auth.session(request, store))
        }
        router.get("/compare") { request, _ -> Response in
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
            return html(AgencyPages.compare(sides[0], sides[1]))
        }
        router.get("/openapi.json") { _, _ -> Response in json(OpenAPIDocument.json) }
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            let text = try await configuration.metrics.exposition(store: store)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        // For load balancers and monitors: 200 when the database answers, 503 when it does not.
        router.get("/healthz") { _, _ -> Response in
            do {
                try await store.ping()
                return json(#"{"status":"ok","database":"ok","reader":"\#(readerVersion)"}"#)
            } catch {
                var response = json(#"{"status":"unavailable","database":"not answering"}"#)
                response.status = .serviceUnavailable
                return response
            }
        }
        return router
    }

    /// Serves the library on `host:port` until the process is stopped.
    public static func serve(store: ReportStore, host: String, port: Int, configuration: Configuration = Configuration())
        async throws
    {
        try await application(store: store, host: host, port: port, configuration: configuration).runService()
    }

    /// The server: the router behind connection guards (per-address cap, a deadline for the first
    /// request's head, an idle timeout).
    public static func application(store: ReportStore, host: String, port: Int, configuration: Configuration = Configuration())
        -> some ApplicationProtocol
    {
        let counts = ConnectionGuard.Counts()
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                ConnectionGuard(
                    counts: counts, perAddress: configuration.connectionsPerAddress,
                    headDeadline: .milliseconds(Int64(configuration.headDeadline * 1000)))
            ],
            idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))
        return Application(
            router: router(store: store, configuration: configuration), server: .http1(configuration: http),
            configuration: .init(address: .hostname(host, port: port), serverName: "gongkai"),
            services: [JobRunner(store: store, metrics: configuration.metrics, logger: Logger(label: "gongkai.jobs"))])
    }

    /// Reads an import job if this server can claim it, and counts it in the metrics when it ran.
    static func runJob(_ id: Int, store: ReportStore, metrics: ServiceMetrics) async throws -> Bool {
        guard try await store.runImportJob(id: id) else { return false }
        if let job = try await store.importJob(id: id) { metrics.finished(job) }
        return true
    }

    /// An agency's page: every year of its reports, oldest first, with the continuity findings.
    static func agencyPage(_ name: String, _ stored: [StoredReport], store: ReportStore, session: Session?) async throws
        -> Response
    {
        var years: [(stored: StoredReport, report: Report)] = []
        for s in stored.sorted(by: { ($0.year ?? 0) < ($1.year ?? 0) }) {
            if let report = try await store.parsedReport(id: s.id) { years.append((s, report)) }
        }
        let continuity = CheckCatalogue.check(years.map(\.report)).joined().filter { $0.id.hasPrefix("continuity.") }
        return html(AgencyPages.agency(name, years: years, continuity: Array(continuity), session: session))
    }

    /// A page of the report list in the API.
    struct APIPage: Encodable {
        let total: Int
        let offset: Int
        let limit: Int
        let reports: [StoredReport]
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encoded(_ value: some Encodable) throws -> Response {
        json(String(decoding: try encoder.encode(value), as: UTF8.self))
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

    /// A size for a message: "64 KB", "200 MB".
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes >> 10) KB"
    }

    /// A value for a URL's query or a header parameter: everything but letters and digits encoded.
    static func percentEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
