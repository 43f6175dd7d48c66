import Foundation
import Hummingbird
import Prometheus
import Store

/// What `/metrics` shows Prometheus: requests by route and status with their latencies, uploads and
/// what became of their files, sign-in failures, and the library's size at the moment of the scrape.
public final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000].map {
        .milliseconds($0)
    }

    /// A registry of its own for each server (and each test).
    public init() {}

    func request(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "gongkai_http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
            help: "HTTP requests answered"
        ).increment()
        registry.makeDurationHistogram(
            name: "gongkai_http_request_duration_seconds", labels: [("route", route)], buckets: Self.latencyBuckets,
            help: "Time to answer a request"
        ).record(duration)
    }

    /// Counts a finished import job's files by outcome.
    func finished(_ job: ImportJob) {
        registry.makeCounter(name: "gongkai_import_jobs_total", help: "Import jobs finished").increment()
        for (outcome, n) in [("imported", job.imported), ("duplicate", job.duplicates), ("failed", job.failed)] {
            registry.makeCounter(
                name: "gongkai_import_files_total", labels: [("outcome", outcome)], help: "Files of finished import jobs"
            ).increment(by: Int64(n))
        }
    }

    func signInFailed(channel: String, locked: Bool) {
        registry.makeCounter(
            name: "gongkai_sign_in_failures_total", labels: [("channel", channel), ("locked", locked ? "yes" : "no")],
            help: "Failed sign-ins (form or API)"
        ).increment()
    }

    /// The exposition text, with the library's size read now.
    func exposition(store: ReportStore) async throws -> [UInt8] {
        registry.makeGauge(name: "gongkai_reports", help: "Reports in the library").set(
            Double(try await store.countReports()))
        registry.makeGauge(name: "gongkai_import_jobs_waiting", help: "Import jobs queued or running").set(
            Double(try await store.unfinishedImportJobs()))
        var out: [UInt8] = []
        registry.emit(into: &out)
        return out
    }
}

/// Records every request's route, status and latency.
struct RequestMetrics: RouterMiddleware {
    typealias Context = AppContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let route = { context.endpointPath ?? "unmatched" }
        do {
            let response = try await next(request, context)
            metrics.request(
                method: request.method.rawValue, route: route(), status: response.status.code, duration: .now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(method: request.method.rawValue, route: route(), status: status, duration: .now - start)
            throw error
        }
    }
}
