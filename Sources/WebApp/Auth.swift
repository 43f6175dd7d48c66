import Foundation
import Hummingbird
import Store

/// Sessions and CSRF: a signed-in reviewer carries a session cookie (only its hash is stored), and
/// every form carries the session's CSRF token, checked before anything changes. The sign-in form,
/// sent before there is a session, is protected by a double-submit cookie instead.
enum Auth {
    /// Fills `context.session` from the session cookie, for every route after it.
    struct SessionMiddleware: RouterMiddleware {
        typealias Context = AppContext
        let store: ReportStore

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
            -> Response
        {
            var context = context
            if let token = request.cookies[Auth.sessionCookie]?.value, !token.isEmpty, token.utf8.count <= 256 {
                context.session = try await store.session(token: token)
            }
            return try await next(request, context)
        }
    }

    static let sessionCookie = "gongkai_session"
    static let signInCookie = "gongkai_signin"

    /// The session of a request that needs one, with the role it needs; else a redirect to sign in
    /// (pages) or 403 (a reviewer asking for an admin page, an agency officer outside the casework
    /// and its own account).
    static func require(_ request: Request, _ context: AppContext, role: Role? = nil, officers: Bool = false) throws -> Session {
        guard let session = context.session else {
            throw Redirect(to: "/login?next=" + WebApp.percentEncoded(request.uri.path))
        }
        if role == .admin, session.user.role != .admin { throw HTTPError(.forbidden, message: "需要管理员权限") }
        if session.user.role == .officer, !officers { throw HTTPError(.forbidden, message: "办理人员账号只能办理本机关的政府信息公开申请") }
        return session
    }

    /// A form posted by a signed-in user, after its CSRF token has been checked.
    static func postedForm(_ request: Request, _ context: AppContext, role: Role? = nil, officers: Bool = false) async throws -> (
        Session, Form
    ) {
        let session = try require(request, context, role: role, officers: officers)
        let form = try await Form.read(request)
        try check(form["csrf"], session)
        return (session, form)
    }

    static func check(_ token: String?, _ session: Session) throws {
        guard let token, constantTimeEqual(token, session.csrf) else {
            throw HTTPError(.forbidden, message: "CSRF 校验失败：请从本站页面重新提交表单")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A cookie scripts cannot read; `secure` (behind an HTTPS proxy) keeps it off plain HTTP.
    static func cookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// A redirect after a form (303 See Other) or to the sign-in page.
struct Redirect: HTTPResponseError {
    let location: String
    init(to location: String) { self.location = location }

    var status: HTTPResponse.Status { .seeOther }
    var headers: HTTPFields { [.location: location] }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers)
    }
}

/// The fields of an application/x-www-form-urlencoded body.
struct Form {
    var fields: [String: [String]] = [:]

    subscript(_ name: String) -> String? { fields[name]?.first }

    /// Reads a form body of at most 1 MB.
    static func read(_ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return parse(String(buffer: buffer))
    }

    static func parse(_ body: String) -> Form {
        var form = Form()
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            form.fields[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return form
    }
}
