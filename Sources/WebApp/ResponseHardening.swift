import HTTPTypes
import Hummingbird
import Logging

/// Every response leaves with the security headers, and an error on a page meant for people is a page
/// (the JSON API and its document keep JSON errors).
struct ResponseHardening: RouterMiddleware {
    typealias Context = AppContext

    /// No script at all, styles from this site, nothing framed, forms posted only here.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where !Self.isAPI(request.uri.path) {
            response = WebApp.html(Self.errorPage(error.status, message: error.body))
            response.status = error.status
            response.headers.append(contentsOf: error.headers)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error(
                "request failed", metadata: ["path": .string(request.uri.path), "error": .string(String(reflecting: error))])
            response =
                Self.isAPI(request.uri.path)
                ? WebApp.json(#"{"error":{"message":"internal error"}}"#)
                : WebApp.html(Self.errorPage(.internalServerError, message: nil))
            response.status = .internalServerError
        }
        for field in Self.securityHeaders { response.headers[field.name] = field.value }
        // The id the request's log lines carry, so that a user's report of a failure finds them.
        if let name = Self.requestID { response.headers[name] = context.id }
        return response
    }

    static let securityHeaders: [HTTPField] = [
        ("Content-Security-Policy", contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
    ].compactMap { name, value in HTTPField.Name(name).map { HTTPField(name: $0, value: value) } }

    static let requestID = HTTPField.Name("X-Request-Id")

    static func isAPI(_ path: String) -> Bool { path.hasPrefix("/api/") || path == "/openapi.json" }

    static func errorPage(_ status: HTTPResponse.Status, message: String?) -> HTML {
        Page.render(
            title: "\(status.code) \(status.reasonPhrase)",
            body: "<h1>\(status.code) \(status.reasonPhrase)</h1><p>\(message ?? "出错了。")</p><p><a href=\"/\">返回报告库</a></p>")
    }
}
