import AnnualReport
import Casework
import Foundation
import Hummingbird
import Store

/// The public applicant portal: no account, a double-submit cookie against cross-site posts, and
/// rate limits per address and per applicant.
enum PortalRoutes {
    static let cookieName = "gongkai_portal"

    struct Limits: Sendable {
        /// Requests filed per address per hour.
        let perAddress = RateLimiter(limit: 10, window: 3600)
        /// Requests filed per applicant (name and identity number) per day.
        let perApplicant = RateLimiter(limit: 5, window: 86_400)
        /// Unknown tracking codes looked up per address per ten minutes.
        let lookups = RateLimiter(limit: 30, window: 600)
    }

    /// The key an address is limited by: an IPv6 address by its /64 (one subscriber's whole block),
    /// an IPv4 address as it is.
    static func addressKey(_ address: String) -> String {
        guard address.contains(":") else { return address }
        return address.split(separator: ":", omittingEmptySubsequences: false).prefix(4).joined(separator: ":") + "::/64"
    }

    static func collection(store: ReportStore, clock: CaseClock, behindProxy: Bool) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        let limits = Limits()
        @Sendable func withToken(_ page: (String) -> HTML) -> Response {
            let token = RandomToken.hex()
            var response = WebApp.html(page(token))
            response.setCookie(Auth.cookie(cookieName, token, maxAge: 3600, secure: behindProxy))
            return response
        }
        @Sendable func checkToken(_ request: Request, _ form: Form) throws {
            guard let expected = request.cookies[cookieName]?.value, let sent = form["csrf"],
                Auth.constantTimeEqual(expected, sent)
            else {
                throw HTTPError(.forbidden, message: "校验失败：请从本站页面重新提交")
            }
        }
        @Sendable func throttled(_ seconds: Int?) throws {
            guard let seconds else { return }
            throw HTTPError(
                .tooManyRequests, headers: [.retryAfter: String(seconds)], message: "提交过于频繁，请 \((seconds + 59) / 60) 分钟后再试")
        }

        router.get("/apply") { request, context -> Response in
            let agencies = try await store.agencies(under: nil).map(\.name)
            return withToken { PortalPages.apply(token: $0, agencies: agencies, problem: nil) }
        }
        router.post("/apply") { request, context -> Response in
            // The form is multipart when the applicant attaches an identity document.
            var form: Form
            var document: (name: String, bytes: [UInt8])?
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                let body = try await MultipartBody.read(request, limit: ReportStore.largestAttachment + (1 << 20))
                form = Form()
                for part in body.parts where part.filename == nil {
                    form.fields[part.field, default: []].append(String(decoding: part.bytes, as: UTF8.self))
                }
                if let file = body.files("identity").first, !file.bytes.isEmpty { document = (file.filename ?? "证件", file.bytes) }
            } else {
                form = try await Form.read(request)
            }
            try checkToken(request, form)
            let address = addressKey(context.clientAddress(request, behindProxy: behindProxy))
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let idNumber = (form["id_number"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            try throttled(await limits.perAddress.admit(["address:\(address)"]))
            try throttled(await limits.perApplicant.admit(["applicant:\(name.prefix(200))|\(idNumber.prefix(200))"]))
            let type: ApplicantType =
                form["kind"] == "organisation"
                ? ApplicantType(rawValue: form["org_type"] ?? "") ?? .otherOrganisation : .naturalPerson
            let now = try clock.now()
            let new = NewCase(
                agency: form["agency"] ?? "", applicantType: type, applicantName: name, description: form["description"] ?? "",
                delivery: String((form["delivery"] ?? PortalPages.deliveries[0]).prefix(100)),
                feeWaiver: form["fee_waiver"] == "1",
                channel: .online, received: now.date, time: now.time,
                personal: ApplicantPersonal(
                    idType: form["id_type"] ?? "", idNumber: idNumber, phone: form["phone"] ?? "", email: form["email"] ?? "",
                    address: form["address"] ?? "", postcode: form["postcode"] ?? ""))
            var filed = new
            filed.document = document
            do {
                // With a register, only its agencies take requests (a made-up name would open a series of its own).
                let register = try await store.agencies(under: nil).map(\.name)
                if !register.isEmpty, !register.contains(filed.agency) { throw CaseError(description: "请从列表中选择受理机关") }
                let stored = try await store.fileCase(filed, by: "applicant")
                throw Redirect(to: "/track/\(stored.trackingCode)?new=1")
            } catch let error as CaseError {
                let agencies = try await store.agencies(under: nil).map(\.name)
                var response = withToken { PortalPages.apply(token: $0, agencies: agencies, problem: error.description) }
                response.status = .badRequest
                return response
            }
        }
        router.get("/track") { request, context -> Response in
            if let code = request.uri.queryParameters.get("code")?.trimmingCharacters(in: .whitespaces).uppercased(),
                !code.isEmpty
            {
                throw Redirect(to: "/track/" + WebApp.percentEncoded(String(code.prefix(32))))
            }
            return WebApp.html(PortalPages.lookup(failed: false))
        }
        router.get("/track/:code") { request, context -> Response in
            let code = try context.parameters.require("code")
            guard let stored = try await store.caseRecord(trackingCode: code) else {
                try throttled(await limits.lookups.admit(["lookup:\(context.clientAddress(request, behindProxy: behindProxy))"]))
                var response = WebApp.html(PortalPages.lookup(failed: true))
                response.status = .notFound
                return response
            }
            let events = try await store.caseEvents(id: stored.id, forApplicant: true)
            let deadline = try await CaseRoutes.deadline(store, stored.id, forApplicant: true)
            let notices = try await store.notices(caseID: stored.id)
            let isNew = request.uri.queryParameters.get("new") == "1"
            return withToken {
                PortalPages.status(stored, events: events, notices: notices, deadline: deadline, token: $0, isNew: isNew)
            }
        }
        router.get("/track/:code/notices/:file") { request, context -> Response in
            let code = try context.parameters.require("code")
            guard let stored = try await store.caseRecord(trackingCode: code) else {
                throw HTTPError(.notFound, message: "没有这个查询码的申请")
            }
            let (seq, format) = try NoticeFile.parse(context)
            guard let notice = try await store.notices(caseID: stored.id).first(where: { $0.seq == seq }),
                notice.kind.isForApplicant
            else {
                throw HTTPError(.notFound, message: "没有这份告知书")
            }
            return try await NoticeFile.response(store: store, notice: notice, format: format)
        }
        router.post("/track/:code/correction") { request, context -> Response in
            let code = try context.parameters.require("code")
            let form = try await Form.read(request)
            try checkToken(request, form)
            try throttled(await limits.perAddress.admit(["address:\(context.clientAddress(request, behindProxy: behindProxy))"]))
            guard let stored = try await store.caseRecord(trackingCode: code) else {
                throw HTTPError(.notFound, message: "没有这个查询码的申请")
            }
            let text = (form["correction"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= 2000 else { throw HTTPError(.badRequest, message: "补正内容为 1–2000 字") }
            // Received, like the request itself, the day both sides confirm: the next working day when
            // it arrives after hours or on a day off.
            let now = try clock.now()
            let calendar = try await store.workingCalendar()
            var day = now.date
            if !calendar.kind(of: day).isWorking || now.time >= DeadlineRules().officeCloses {
                day = calendar.workingDay(after: day) ?? day
            }
            do {
                try await store.recordEvent(
                    caseID: stored.id, CaseEvent(.correctionReceived, on: day), note: text, by: "applicant", notAfter: day)
            } catch let error as CaseError {
                throw HTTPError(.conflict, message: error.description)
            }
            throw Redirect(to: "/track/\(stored.trackingCode)")
        }
        return router
    }
}
