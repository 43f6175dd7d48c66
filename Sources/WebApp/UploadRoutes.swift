import Foundation
import Hummingbird
import Store

/// Uploads: in the browser (one file, several, a ZIP), through the API, and the register CSV.
enum UploadRoutes {
    static func collection(store: ReportStore, signIn: SignIn, configuration: WebApp.Configuration) -> RouteCollection<AppContext>
    {
        let router = RouteCollection(context: AppContext.self)
        router.get("/upload") { request, context -> Response in
            let session = try Auth.require(request, context)
            return WebApp.html(UploadPages.form(session: session, maxBytes: configuration.maxUploadBytes))
        }
        router.post("/upload") { request, context -> Response in
            let session = try Auth.require(request, context)
            let body = try await MultipartBody.read(request, limit: configuration.maxUploadBytes)
            try Auth.check(body["csrf"], session)
            let files = body.files("files")
            guard !files.isEmpty else { throw HTTPError(.badRequest, message: "没有选择文件") }
            let job = try await store.enqueueImport(uploaded(files), by: session.user.name)
            // Read in the background: the job page shows its progress, and a server that dies
            // meanwhile leaves the job for the next to take up.
            Task { try await WebApp.runJob(job, store: store, metrics: configuration.metrics) }
            throw Redirect(to: "/jobs/\(job)")
        }
        router.get("/jobs/:id") { request, context -> Response in
            let session = try Auth.require(request, context)
            let id = try QueryNumber.id(context)
            guard let job = try await store.importJob(id: id) else { throw HTTPError(.notFound, message: "没有导入任务 \(id)") }
            return WebApp.html(UploadPages.job(job, files: try await store.importJobFiles(id: id), session: session))
        }
        router.get("/api/jobs/:id") { request, context -> Response in
            _ = try await signIn.basicUser(request, context)
            let id = try QueryNumber.id(context)
            guard let job = try await store.importJob(id: id) else { throw HTTPError(.notFound, message: "no job \(id)") }
            return try WebApp.encoded(APIJob(job: job, files: try await store.importJobFiles(id: id)))
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
            let job = try await store.enqueueImport(uploaded(files), by: user.name)
            // The API answers with every file's outcome: read the job here (another server may have
            // taken it up first; then wait for it).
            while try await !WebApp.runJob(job, store: store, metrics: configuration.metrics),
                try await store.importJob(id: job)?.state != .done
            {
                try await Task.sleep(for: .milliseconds(100))
            }
            let results = try await store.importJobFiles(id: job)
            var response = try WebApp.encoded(results.map(APIResult.init))
            if results.contains(where: { $0.state == "imported" }) { response.status = .created }
            response.headers[.location] = "/api/jobs/\(job)"
            return response
        }
        router.post("/admin/register") { request, context -> Response in
            let session = try Auth.require(request, context, role: .admin)
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
        return router
    }

    /// The uploaded parts as files, each under its base name.
    static func uploaded(_ parts: [MultipartBody.Part]) -> [(bytes: [UInt8], name: String)] {
        parts.map { (bytes: $0.bytes, name: URL(fileURLWithPath: $0.filename ?? "upload").lastPathComponent) }
    }

    /// One file's result in the API.
    struct APIResult: Encodable {
        let name: String
        let status: String
        let id: Int?
        let error: String?

        init(_ file: JobFile) {
            (name, status, id, error) = (file.name, file.state, file.reportID, file.error)
        }
    }

    /// A job and its files in the API.
    struct APIJob: Encodable {
        let job: ImportJob
        let files: [APIResult]

        init(job: ImportJob, files: [JobFile]) {
            self.job = job
            self.files = files.map(APIResult.init)
        }
    }
}
