import Logging
import Store

/// Deletes applicants' personal data (identity numbers, addresses, uploaded documents, mail
/// addresses in the outbox) once their case has been closed for the retention period.
enum RetentionSweeper {
    static func round(store: ReportStore, clock: CaseClock, logger: Logger) async throws {
        let purged = try await store.purgePersonalData(today: try clock.now().date)
        if purged > 0 {
            logger.info(
                "deleted the personal data of \(purged) cases closed over \(ReportStore.personalDataRetentionDays) days ago")
        }
    }
}
