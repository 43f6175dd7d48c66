import Foundation
import Logging
import ReportSources
import ServiceLifecycle
import Store

/// Prints the notices' PDFs off the request path: an event stores its notice as Word and HTML at
/// once, and this service, beside the HTTP server, prints what is waiting through headless Chromium
/// (or LibreOffice). A notice that cannot be printed keeps the reason; its Word file still serves.
struct NoticePrinter: Service {
    let store: ReportStore
    let logger: Logger
    /// How often to look for notices to print.
    var interval: Duration = .seconds(2)

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await Self.printWaiting(store: store, limit: 10)
            } catch {
                logger.error("notice printing: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Prints up to `limit` waiting notices; returns how many were tried.
    @discardableResult
    static func printWaiting(store: ReportStore, limit: Int) async throws -> Int {
        let waiting = try await store.unprintedNotices(limit: limit)
        for notice in waiting {
            let result = await Task.detached {
                Result {
                    try PDFPrinter.pdf(html: notice.html, docx: { notice.docx }, origin: "notice \(notice.caseID)-\(notice.seq)")
                }
            }.value
            try await store.storeNoticePDF(caseID: notice.caseID, seq: notice.seq, result: result)
        }
        return waiting.count
    }
}
