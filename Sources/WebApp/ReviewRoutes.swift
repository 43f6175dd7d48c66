import Foundation
import Hummingbird
import Store

/// The review workflow: decisions on findings, report states, and the agency-name review step.
enum ReviewRoutes {
    static func collection(store: ReportStore) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.post("/reports/:id/findings/:seq") { request, context -> Response in
            let id = try QueryNumber.id(context)
            let seq = try QueryNumber.id(context, "seq")
            let (session, form) = try await Auth.postedForm(request, context)
            guard let decision = FindingDecision(rawValue: form["decision"] ?? "") else {
                throw HTTPError(.badRequest, message: "decision 须为 confirmed 或 dismissed")
            }
            let comment = (form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !comment.isEmpty else { throw HTTPError(.badRequest, message: "请填写意见：确认或驳回都需要说明理由") }
            do {
                try await store.decide(reportID: id, seq: seq, decision: decision, comment: comment, by: session.user.name)
            } catch let error as AccountError {
                throw HTTPError(.notFound, message: error.description)
            }
            throw Redirect(to: "/reports/\(id)#f\(seq)")
        }
        router.post("/reports/:id/state") { request, context -> Response in
            let id = try QueryNumber.id(context)
            let (session, form) = try await Auth.postedForm(request, context)
            guard let state = ReviewState(rawValue: form["state"] ?? "") else {
                throw HTTPError(.badRequest, message: "state 须为 unreviewed、needs-correction 或 accepted")
            }
            do {
                try await store.setReviewState(reportID: id, state, comment: form["comment"] ?? "", by: session.user.name)
            } catch let error as AccountError {
                throw HTTPError(.notFound, message: error.description)
            }
            throw Redirect(to: "/reports/\(id)")
        }
        router.get("/review/names") { request, context -> Response in
            let session = context.session
            return WebApp.html(
                RegisterPages.names(
                    try await store.unmatchedNames(), total: try await store.unmatchedNameCount(), session: session))
        }
        router.post("/review/names") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context)
            guard let name = form["name"], let agency = form["agency"].flatMap(Int.init) else {
                throw HTTPError(.badRequest, message: "需要 name 和 agency")
            }
            do {
                try await store.match(name: name, to: agency, by: session.user.name)
            } catch let error as RegisterError {
                throw HTTPError(.notFound, message: error.description)
            }
            throw Redirect(to: "/review/names")
        }
        router.get("/review/agencies/new") { request, context -> Response in
            let session = try Auth.require(request, context)
            guard let name = request.uri.queryParameters.get("name"), !name.isEmpty else {
                throw HTTPError(.badRequest, message: "需要 name")
            }
            return WebApp.html(RegisterPages.newAgency(name: name, regions: try await store.allRegions(), session: session))
        }
        router.post("/review/agencies") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context)
            guard let name = form["name"], !name.isEmpty, let regionID = form["region"].flatMap(Int.init),
                let kind = AgencyKind(rawValue: form["kind"] ?? "")
            else { throw HTTPError(.badRequest, message: "需要 name、region 和 kind（government 或 department）") }
            guard try await store.region(id: regionID) != nil else { throw HTTPError(.notFound, message: "没有地区 \(regionID)") }
            let agency = try await store.agency(named: name, kind: kind, regionID: regionID)
            try await store.log(
                user: session.user.name, action: "add-agency", target: agency.name, detail: "region \(regionID) \(kind.rawValue)")
            try await store.match(name: name, to: agency.id, by: session.user.name)
            throw Redirect(to: "/review/names")
        }
        router.get("/admin/register") { request, context -> Response in
            let session = try Auth.require(request, context, role: .admin)
            return WebApp.html(
                RegisterPages.register(
                    regions: try await store.regionCount(), agencies: try await store.agencies(under: nil).count,
                    message: request.uri.queryParameters.get("message"), session: session))
        }
        return router
    }
}
