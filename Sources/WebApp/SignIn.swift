import Foundation
import Hummingbird
import Store

/// Password sign-in, for the form and for the API's Basic credentials: the name normalised as at
/// creation, attempts throttled per account and per address with lockout, every failure audited
/// (with the name cut to a bound).
struct SignIn: Sendable {
    let store: ReportStore
    let throttle: SignInThrottle
    let behindProxy: Bool
    let metrics: ServiceMetrics

    enum Outcome: Sendable {
        case signedIn(User)
        case refused
        case locked(seconds: Int)
    }

    /// Checks a name and password sent by `address` through `channel` ("form" or "api").
    func attempt(name: String, password: String, from address: String, via channel: String) async throws -> Outcome {
        let account = AccountName.normalized(name) ?? String(name.prefix(64))
        // Checked and counted in one step, before the hash is checked, so that attempts sent side by
        // side cannot all pass the check; a right password takes its count back.
        let (wait, locked) = await throttle.admit(account: account, address: address)
        if let wait { return .locked(seconds: wait) }
        if let user = try await store.authenticate(name: name, password: password) {
            await throttle.succeeded(account: account, address: address)
            return .signedIn(user)
        }
        metrics.signInFailed(channel: channel, locked: locked)
        try await store.log(
            user: account, action: channel == "api" ? "api-sign-in-failed" : "sign-in-failed", target: account,
            detail: "来自 \(address)" + (locked ? "；已锁定" : ""))
        return .refused
    }

    /// The account of an API request with HTTP Basic credentials (the API takes no cookies, so it
    /// needs no CSRF token); 401 when they are wrong, 429 while locked.
    func basicUser(_ request: Request, _ context: AppContext, officers: Bool = false) async throws -> User {
        let unauthorized = HTTPError(
            .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"gongkai\""], message: "需要审核员账号（HTTP Basic）")
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "), header.utf8.count <= 4096,
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        else { throw unauthorized }
        let outcome = try await attempt(
            name: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]),
            from: context.clientAddress(request, behindProxy: behindProxy), via: "api")
        switch outcome {
        case .signedIn(let user):
            if user.role == .officer, !officers { throw HTTPError(.forbidden, message: "办理人员账号只能办理本机关的政府信息公开申请") }
            return user
        case .refused: throw unauthorized
        case .locked(let seconds):
            throw HTTPError(
                .tooManyRequests, headers: [.retryAfter: String(seconds)], message: "登录失败次数过多，请 \(seconds) 秒后再试")
        }
    }
}
