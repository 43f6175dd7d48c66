import Logging
import ServiceLifecycle
import Store

/// Deletes applicants' personal data (identity numbers, addresses, uploaded documents, mail
/// addresses in the outbox) once their case has been closed for the retention period; runs beside
/// the HTTP server, every hour.
struct RetentionSweeper: Service {
    let store: ReportStore
    let clock: CaseClock
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let purged = try await store.purgePersonalData(today: try clock.now().date)
                if purged > 0 {
                    logger.info(
                        "deleted the personal data of \(purged) cases closed over \(ReportStore.personalDataRetentionDays) days ago"
                    )
                }
            } catch {
                logger.error("personal data retention: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
