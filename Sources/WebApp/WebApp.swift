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
        /// Where mail goes; nil keeps it in the outbox.
        public var mail: MailConfiguration?
        /// Whether this server prints the notices' PDFs in the background.
        public var printsNotices = true
        /// Today and the time for the casework (receipts, due-soon and overdue); tests fix it.
        public var clock = CaseClock.china

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
        router.add(middleware: Auth.SessionMiddleware(store: store))
        router.addRoutes(ServiceRoutes.collection(store: store, metrics: configuration.metrics))
        router.addRoutes(LibraryRoutes.collection(store: store))
        let signIn = SignIn(
            store: store, throttle: SignInThrottle(), behindProxy: configuration.behindProxy, metrics: configuration.metrics)
        router.addRoutes(AccountRoutes.collection(store: store, signIn: signIn, secureCookies: configuration.behindProxy))
        router.addRoutes(ReviewRoutes.collection(store: store))
        router.addRoutes(UploadRoutes.collection(store: store, signIn: signIn, configuration: configuration))
        router.addRoutes(RegionRoutes.collection(store: store))
        router.addRoutes(
            PortalRoutes.collection(store: store, clock: configuration.clock, behindProxy: configuration.behindProxy))
        router.addRoutes(
            CaseRoutes.collection(store: store, clock: configuration.clock, mailConfigured: configuration.mail != nil))
        router.addRoutes(CalendarRoutes.collection(store: store))
        router.addRoutes(CaseAPIRoutes.collection(store: store, signIn: signIn, clock: configuration.clock))
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
            services: services(store: store, configuration: configuration))
    }

    /// Prints the notices waiting for their PDF (what the server's printer does every few seconds);
    /// returns how many it tried.
    @discardableResult
    public static func printWaitingNotices(store: ReportStore, limit: Int = 1000) async throws -> Int {
        try await NoticePrinter.printWaiting(store: store, limit: limit)
    }

    /// Sends the mail that is due (what the server's sender does every few seconds); returns how many went.
    @discardableResult
    public static func sendWaitingMail(store: ReportStore, mail: MailConfiguration) async throws -> Int {
        try await MailSender.sendWaiting(store: store, mail: mail)
    }

    /// The work beside the HTTP server: orphaned import jobs, mail, personal data retention, and (unless
    /// turned off) printing notices.
    static func services(store: ReportStore, configuration: Configuration) -> [Periodic] {
        let logger = Logger(label: "gongkai.services")
        let clock = configuration.clock, metrics = configuration.metrics, mail = configuration.mail
        var services = [
            Periodic(name: "import jobs", interval: .seconds(10), logger: logger) {
                try await JobRunner.takeUpOrphans(store: store, metrics: metrics, logger: logger)
            },
            Periodic(name: "mail", interval: .seconds(15), logger: logger) {
                try await MailSender.round(store: store, mail: mail, clock: clock)
            },
            Periodic(name: "personal data retention", interval: .seconds(3600), logger: logger) {
                try await RetentionSweeper.round(store: store, clock: clock, logger: logger)
            },
        ]
        if configuration.printsNotices {
            services.append(
                Periodic(name: "notice printing", interval: .seconds(2), logger: logger) {
                    try await NoticePrinter.printWaiting(store: store, limit: 10)
                })
        }
        return services
    }

    /// Reads an import job if this server can claim it, and counts it in the metrics when it ran.
    static func runJob(_ id: Int, store: ReportStore, metrics: ServiceMetrics) async throws -> Bool {
        guard try await store.runImportJob(id: id) else { return false }
        if let job = try await store.importJob(id: id) { metrics.finished(job) }
        return true
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encoded(_ value: some Encodable) throws -> Response {
        json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func html(_ page: HTML) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.text)))
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
