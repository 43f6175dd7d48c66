import Foundation
import Hummingbird
import MultipartKit

/// The parts of a multipart/form-data body: field name, file name (for files) and bytes.
struct MultipartBody {
    struct Part {
        let field: String
        let filename: String?
        let bytes: [UInt8]
    }

    let parts: [Part]

    /// The parts' value of a text field.
    subscript(_ field: String) -> String? {
        parts.first { $0.field == field && $0.filename == nil }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The uploaded files of a field.
    func files(_ field: String) -> [Part] { parts.filter { $0.field == field && $0.filename != nil } }

    /// Reads a multipart body of at most `limit` bytes; a larger one is refused with 413.
    static func read(_ request: Request, limit: Int) async throws -> MultipartBody {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = boundary(type)
        else { throw HTTPError(.badRequest, message: "请以 multipart/form-data 上传文件") }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw HTTPError(.contentTooLarge, message: "上传内容超过上限 \(WebApp.size(limit))：请分批上传")
        }
        return try parse(buffer, boundary: boundary)
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                // RFC 2046: 1–70 characters. An empty one would stop the process in MultipartKit's
                // parser (a precondition), so it never gets that far.
                let boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(boundary.count) ? boundary : nil
            }
        }
        return nil
    }

    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> MultipartBody {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        parser.onHeader = { headers.append(($0, $1)) }
        parser.onBody = { body.append(contentsOf: $0.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            if let field = parameter("name", of: disposition) {
                parts.append(Part(field: field, filename: parameter("filename", of: disposition), bytes: body))
            }
            headers = []
            body = []
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw HTTPError(.badRequest, message: "上传内容不是完整的 multipart/form-data：\(error)")
        }
        return MultipartBody(parts: parts)
    }

    /// A parameter of a Content-Disposition header (`name="files"; filename="报告.pdf"`).
    static func parameter(_ name: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
