import Foundation
import Hummingbird
import Store

/// Sign-in and sign-out, one's own password, accounts (admins) and the audit log (reviewers).
enum AccountRoutes {
    static func collection(store: ReportStore, signIn: SignIn, secureCookies: Bool) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        @Sendable func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
            Auth.cookie(name, value, maxAge: maxAge, secure: secureCookies)
        }
        router.get("/login") { request, context -> Response in
            let token = RandomToken.hex()
            let query = request.uri.queryParameters
            var response = WebApp.html(
                AccountPages.signIn(
                    token: token, next: safeNext(query.get("next")), failed: query.get("failed") == "1",
                    lockedSeconds: try QueryNumber.get(request, "locked", in: 1...86_400)))
            response.setCookie(cookie(Auth.signInCookie, token, maxAge: 3600))
            return response
        }
        router.post("/login") { request, context -> Response in
            let form = try await Form.read(request)
            guard let expected = request.cookies[Auth.signInCookie]?.value, let sent = form["csrf"],
                Auth.constantTimeEqual(expected, sent)
            else { throw HTTPError(.forbidden, message: "CSRF 校验失败：请从登录页重新登录") }
            let next = safeNext(form["next"])
            let outcome = try await signIn.attempt(
                name: form["name"] ?? "", password: form["password"] ?? "",
                from: context.clientAddress(request, behindProxy: signIn.behindProxy), via: "form")
            let user: User
            switch outcome {
            case .signedIn(let u): user = u
            case .refused: throw Redirect(to: "/login?failed=1&next=" + WebApp.percentEncoded(next))
            case .locked(let seconds): throw Redirect(to: "/login?locked=\(seconds)&next=" + WebApp.percentEncoded(next))
            }
            let token = try await store.startSession(for: user)
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(cookie(Auth.sessionCookie, token, maxAge: Int(ReportStore.sessionLifetime)))
            response.setCookie(cookie(Auth.signInCookie, "", maxAge: 0))
            return response
        }
        router.post("/logout") { request, context -> Response in
            let (session, _) = try await Auth.postedForm(request, context, officers: true)
            if let token = request.cookies[Auth.sessionCookie]?.value { try await store.endSession(token: token) }
            try await store.log(user: session.user.name, action: "sign-out", target: session.user.name, detail: "")
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(cookie(Auth.sessionCookie, "", maxAge: 0))
            return response
        }
        router.get("/account") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            return WebApp.html(AccountPages.account(message: request.uri.queryParameters.get("message"), session: session))
        }
        router.post("/account/password") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, officers: true)
            // The current password is a password guess like any other: throttled the same way.
            let address = context.clientAddress(request, behindProxy: signIn.behindProxy)
            if let wait = await signIn.throttle.wait(account: session.user.name, address: address) {
                throw Redirect(to: "/account?message=" + WebApp.percentEncoded("尝试次数过多，请 \((wait + 59) / 60) 分钟后再试"))
            }
            do {
                try await store.changePassword(
                    userID: session.user.id, current: form["current"] ?? "", new: form["password"] ?? "", by: session.user.name)
            } catch let error as AccountError {
                if error.isWrongPassword { _ = await signIn.throttle.failed(account: session.user.name, address: address) }
                throw Redirect(to: "/account?message=" + WebApp.percentEncoded(error.description))
            }
            // Every session ended with the change, this one too: sign in again with the new password.
            var response = Response(status: .seeOther, headers: [.location: "/login?next=%2Faccount"])
            response.setCookie(cookie(Auth.sessionCookie, "", maxAge: 0))
            return response
        }
        router.get("/admin/users") { request, context -> Response in
            let session = try Auth.require(request, context, role: .admin)
            return WebApp.html(
                AccountPages.users(try await store.users(), message: request.uri.queryParameters.get("message"), session: session)
            )
        }
        router.post("/admin/users") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, role: .admin)
            try await adminAction {
                let user = try await store.addUser(
                    name: form["name"] ?? "", password: form["password"] ?? "",
                    role: Role(rawValue: form["role"] ?? "") ?? .reviewer,
                    agency: form["agency"].flatMap { $0.isEmpty ? nil : $0 }, email: form["email"], by: session.user.name)
                return "已创建 \(user.name)（\(user.role.label)）"
            }
        }
        router.post("/admin/users/:id/:action") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, role: .admin)
            let id = try QueryNumber.id(context)
            let action = try context.parameters.require("action")
            try await adminAction {
                switch action {
                case "disable", "enable":
                    guard id != session.user.id else { return "不能停用自己的账号" }
                    try await store.setDisabled(userID: id, action == "disable", by: session.user.name)
                    return action == "disable" ? "已停用账号，其会话已全部结束" : "已启用账号"
                case "password":
                    try await store.changePassword(userID: id, current: nil, new: form["password"] ?? "", by: session.user.name)
                    return "已重设密码，其会话已全部结束"
                case "sessions":
                    try await store.revokeSessions(userID: id, by: session.user.name)
                    return "已结束该账号的全部会话"
                default: throw HTTPError(.notFound, message: "没有操作 \(action)")
                }
            }
        }
        router.get("/audit") { request, context -> Response in
            let session = try Auth.require(request, context)
            let page = try QueryNumber.get(request, "page", in: QueryNumber.pages) ?? 1
            let entries = try await store.auditLog(
                limit: AccountPages.auditPageSize, offset: (page - 1) * AccountPages.auditPageSize)
            return WebApp.html(AccountPages.audit(entries, page: page, total: try await store.auditCount(), session: session))
        }
        return router
    }

    /// Runs an admin's account change and returns to the accounts page saying what happened.
    private static func adminAction(_ body: () async throws -> String) async throws -> Never {
        let message: String
        do {
            message = try await body()
        } catch let error as AccountError {
            message = error.description
        }
        throw Redirect(to: "/admin/users?message=" + WebApp.percentEncoded(message))
    }

    /// Only a path on this site may follow sign-in (no open redirect). Browsers drop tabs and line
    /// breaks from a URL and read `\` as `/`, so `/\t/evil.example` would leave the site: a path
    /// with any control, format or space character or a backslash, or one starting `//`, is refused.
    /// Other non-ASCII text is percent-encoded, as a header must be ASCII.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048,
            next.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0 != "\\" && !$0.properties.isWhitespace
                    && ![.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
            })
        else { return "/" }
        return next.addingPercentEncoding(withAllowedCharacters: asciiPrintable) ?? "/"
    }

    private static let asciiPrintable = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))
}
