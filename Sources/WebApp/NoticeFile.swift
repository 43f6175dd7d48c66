import Foundation
import Hummingbird
import Store

/// A notice's file in a URL (`3.pdf`, `3.docx`, `3.html`) and its response.
enum NoticeFile {
    static let types = [
        "pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "html": "text/html; charset=utf-8",
    ]

    /// The event number and format of `:file`; 404 for anything else.
    static func parse(_ context: AppContext) throws -> (seq: Int, format: String) {
        let file = try context.parameters.require("file")
        let parts = file.split(separator: ".")
        guard parts.count == 2, let seq = Int(parts[0]), (1...100_000).contains(seq), types[String(parts[1])] != nil else {
            throw HTTPError(.notFound, message: "没有这份告知书")
        }
        return (seq, String(parts[1]))
    }

    static func response(store: ReportStore, notice: StoredNotice, format: String) async throws -> Response {
        guard let bytes = try await store.noticeFile(caseID: notice.caseID, seq: notice.seq, format: format),
            let type = types[format]
        else {
            throw HTTPError(.notFound, message: format == "pdf" ? "PDF 尚在生成，请稍后再试或下载 Word 版" : "没有这份告知书")
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        if format != "html" {
            let name = WebApp.percentEncoded("\(notice.title)-\(notice.caseID)-\(notice.seq).\(format)")
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(name)"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
