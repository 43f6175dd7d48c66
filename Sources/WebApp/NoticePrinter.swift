import Foundation
import ReportSources
import Store

/// Prints the notices' PDFs off the request path: an event stores its notice as Word and HTML at
/// once, and this service, beside the HTTP server, prints what is waiting through headless Chromium
/// (or LibreOffice). A notice that cannot be printed keeps the reason; its Word file still serves.
enum NoticePrinter {
    /// Prints up to `limit` waiting notices; returns how many were tried.
    @discardableResult
    static func printWaiting(store: ReportStore, limit: Int) async throws -> Int {
        let waiting = try await store.unprintedNotices(limit: limit)
        for notice in waiting {
            let result: Result<[UInt8], any Error>
            do {
                result = .success(
                    try await PDFPrinter.pdf(
                        html: notice.html, docx: { notice.docx }, origin: "notice \(notice.caseID)-\(notice.seq)"))
            } catch {
                result = .failure(error)
            }
            try await store.storeNoticePDF(caseID: notice.caseID, seq: notice.seq, result: result)
        }
        return waiting.count
    }
}
