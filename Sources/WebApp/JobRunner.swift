import Logging
import Store

/// Takes up import jobs nobody is reading: those waiting when the server starts (a crash cut them
/// off) and any whose server went quiet since.
enum JobRunner {
    static func takeUpOrphans(store: ReportStore, metrics: ServiceMetrics, logger: Logger) async throws {
        for id in try await store.resumableImportJobs() where try await WebApp.runJob(id, store: store, metrics: metrics) {
            logger.info("took up import job \(id), left unfinished")
        }
    }
}
