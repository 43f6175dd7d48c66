import Foundation
import Hummingbird
import Store

/// What the service itself answers: the stylesheet, the API's description, metrics and health.
enum ServiceRoutes {
    static func collection(store: ReportStore, metrics: ServiceMetrics) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.get("/style.css") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Page.style)))
        }
        router.get("/openapi.json") { _, _ -> Response in WebApp.json(OpenAPIDocument.json) }
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            let text = try await metrics.exposition(store: store)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        // For load balancers and monitors: 200 when the database answers, 503 when it does not.
        router.get("/healthz") { _, _ -> Response in
            do {
                try await store.ping()
                return WebApp.json(#"{"status":"ok","database":"ok","reader":"\#(readerVersion)"}"#)
            } catch {
                var response = WebApp.json(#"{"status":"unavailable","database":"not answering"}"#)
                response.status = .serviceUnavailable
                return response
            }
        }
        return router
    }
}
