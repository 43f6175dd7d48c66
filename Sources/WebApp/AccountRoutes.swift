import Foundation
import Hummingbird
import Store

/// Sign-in and sign-out, accounts (admins) and the audit log (reviewers).
enum AccountRoutes {
    static func add(to router: Router<BasicRequestContext>, store: ReportStore) {
        router.get("/login") { request, _ -> Response in
            let token = RandomToken.hex()
            var response = WebApp.html(
                AccountPages.signIn(
                    token: token, next: safeNext(request.uri.queryParameters.get("next")),
                    failed: request.uri.queryParameters.get("failed") == "1"))
            response.setCookie(Auth.cookie(Auth.signInCookie, token, maxAge: 3600))
            return response
        }
        router.post("/login") { request, _ -> Response in
            let form = try await Form.read(request)
            guard let cookie = request.cookies[Auth.signInCookie]?.value, let sent = form["csrf"],
                Auth.constantTimeEqual(cookie, sent)
            else { throw HTTPError(.forbidden, message: "CSRF 校验失败：请从登录页重新登录") }
            let next = safeNext(form["next"])
            guard let user = try await store.authenticate(name: form["name"] ?? "", password: form["password"] ?? "") else {
                try await store.log(user: form["name"] ?? "", action: "sign-in-failed", target: form["name"] ?? "", detail: "")
                throw Redirect(
                    to: "/login?failed=1&next=" + WebApp.percentEncoded(next))
            }
            let token = try await store.startSession(for: user)
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(Auth.cookie(Auth.sessionCookie, token, maxAge: Int(ReportStore.sessionLifetime)))
            response.setCookie(Auth.cookie(Auth.signInCookie, "", maxAge: 0))
            return response
        }
        router.post("/logout") { request, _ -> Response in
            let (session, _) = try await Auth.postedForm(request, store)
            if let token = request.cookies[Auth.sessionCookie]?.value { try await store.endSession(token: token) }
            try await store.log(user: session.user.name, action: "sign-out", target: session.user.name, detail: "")
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(Auth.cookie(Auth.sessionCookie, "", maxAge: 0))
            return response
        }
        router.get("/admin/users") { request, _ -> Response in
            let session = try await Auth.require(request, store, role: .admin)
            return WebApp.html(
                AccountPages.users(try await store.users(), message: request.uri.queryParameters.get("message"), session: session)
            )
        }
        router.post("/admin/users") { request, _ -> Response in
            let (session, form) = try await Auth.postedForm(request, store, role: .admin)
            let message: String
            do {
                let user = try await store.addUser(
                    name: form["name"] ?? "", password: form["password"] ?? "",
                    role: Role(rawValue: form["role"] ?? "") ?? .reviewer,
                    by: session.user.name)
                message = "已创建 \(user.name)（\(user.role.label)）"
            } catch let error as AccountError {
                message = error.description
            }
            throw Redirect(
                to: "/admin/users?message=" + WebApp.percentEncoded(message))
        }
        router.get("/audit") { request, _ -> Response in
            let session = try await Auth.require(request, store)
            return WebApp.html(AccountPages.audit(try await store.auditLog(), session: session))
        }
    }

    /// Only a path on this site may follow sign-in (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
