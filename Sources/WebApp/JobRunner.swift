import Logging
import ServiceLifecycle
import Store

/// Takes up import jobs nobody is reading: those waiting when the server starts (a crash cut them
/// off) and any whose server went quiet since. Runs beside the HTTP server and stops with it.
struct JobRunner: Service {
    let store: ReportStore
    let metrics: ServiceMetrics
    let logger: Logger
    /// How often to look for orphaned jobs.
    var interval: Duration = .seconds(10)

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                for id in try await store.resumableImportJobs() where try await WebApp.runJob(id, store: store, metrics: metrics)
                {
                    logger.info("took up import job \(id), left unfinished")
                }
            } catch {
                logger.error("import jobs: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
