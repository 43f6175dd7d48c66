import Foundation
import Hummingbird
import Store

/// Uploads: in the browser (one file, several, a ZIP), through the API, and the register CSV.
enum UploadRoutes {
    static func add(to router: Router<AppContext>, store: ReportStore, signIn: SignIn, configuration: WebApp.Configuration) {
        router.get("/upload") { request, _ -> Response in
            let session = try await Auth.require(request, store)
            return WebApp.html(UploadPages.form(session: session, maxBytes: configuration.maxUploadBytes))
        }
        router.post("/upload") { request, _ -> Response in
            let session = try await Auth.require(request, store)
            let body = try await MultipartBody.read(request, limit: configuration.maxUploadBytes)
            try Auth.check(body["csrf"], session)
            let files = body.files("files")
            guard !files.isEmpty else { throw HTTPError(.badRequest, message: "没有选择文件") }
            let results = try await importAll(files, store: store, user: session.user.name)
            return WebApp.html(UploadPages.results(results, session: session))
        }
        // The API: the file as the body with ?name=, or multipart with one or more `files`.
        router.post("/api/reports") { request, context -> Response in
            let user = try await signIn.basicUser(request, context)
            let files: [MultipartBody.Part]
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                files = try await MultipartBody.read(request, limit: configuration.maxUploadBytes).files("files")
            } else {
                guard let name = request.uri.queryParameters.get("name"), !name.isEmpty else {
                    throw HTTPError(
                        .badRequest, message: "give the file name: POST /api/reports?name=报告.pdf with the file as the body")
                }
                let buffer: ByteBuffer
                do {
                    buffer = try await request.body.collect(upTo: configuration.maxUploadBytes)
                } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                    throw HTTPError(
                        .contentTooLarge, message: "the upload is over the \(WebApp.size(configuration.maxUploadBytes)) limit")
                }
                files = [MultipartBody.Part(field: "files", filename: name, bytes: Array(buffer.readableBytesView))]
            }
            guard !files.isEmpty else { throw HTTPError(.badRequest, message: "no file in the request") }
            let results = try await importAll(files, store: store, user: user.name)
            var response = try WebApp.encoded(results.map(APIResult.init))
            if results.contains(where: { if case .imported = $0.outcome { true } else { false } }) { response.status = .created }
            return response
        }
        router.post("/admin/register") { request, _ -> Response in
            let session = try await Auth.require(request, store, role: .admin)
            let body = try await MultipartBody.read(request, limit: configuration.maxUploadBytes)
            try Auth.check(body["csrf"], session)
            guard let file = body.files("file").first else { throw HTTPError(.badRequest, message: "没有选择文件") }
            let message: String
            do {
                let added = try await store.loadRegister(csv: String(decoding: file.bytes, as: UTF8.self))
                try await store.log(
                    user: session.user.name, action: "load-register", target: file.filename ?? "",
                    detail: "\(added.regions) regions, \(added.agencies) agencies")
                message = "新增 \(added.regions) 个地区、\(added.agencies) 个机关"
            } catch let error as RegisterError {
                message = "未导入：\(error.description)"
            }
            throw Redirect(
                to: "/admin/register?message=" + WebApp.percentEncoded(message))
        }
    }

    static func importAll(_ files: [MultipartBody.Part], store: ReportStore, user: String) async throws -> [UploadResult] {
        let results = try await store.importUploads(
            files.map { (bytes: $0.bytes, name: URL(fileURLWithPath: $0.filename ?? "upload").lastPathComponent) })
        let imported = results.filter { if case .imported = $0.outcome { true } else { false } }.count
        try await store.log(
            user: user, action: "upload", target: "\(files.count) files", detail: "\(results.count) reports read, \(imported) new"
        )
        return results
    }

    /// One file's result in the API.
    struct APIResult: Encodable {
        let name: String
        let status: String
        let id: Int?
        let error: String?

        init(_ result: UploadResult) {
            name = result.name
            switch result.outcome {
            case .imported(let id): (status, self.id, error) = ("imported", id, nil)
            case .duplicate(let id): (status, self.id, error) = ("duplicate", id, nil)
            case .failed(let e): (status, id, error) = ("failed", nil, e.description)
            }
        }
    }
}
