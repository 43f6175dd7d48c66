import AnnualReport
import Casework
import Foundation
import Hummingbird
import ReportWriter
import Store

/// The staff desk: worklist, intake, case pages, events, assignment, table 三 and its drill-down,
/// the CSV export. Every route needs a reviewer or admin session.
enum CaseRoutes {
    static let pageSize = 100

    static func collection(store: ReportStore, clock: CaseClock, mailConfigured: Bool) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.get("/admin/outbox") { request, context -> Response in
            let session = try Auth.require(request, context, role: .admin)
            return WebApp.html(CasePages.outbox(try await store.outbox(), configured: mailConfigured, session: session))
        }
        router.get("/cases") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            let query = try CaseQuery(request)
            let agency = scope(session.user) ?? query.agency
            let today = try clock.now().date
            let cases = try await store.worklist(
                agency: agency, filter: query.filter, today: today, limit: pageSize, offset: (query.page - 1) * pageSize)
            let soon = try await store.workingCalendar().nthWorkingDay(5, after: today)
            return WebApp.html(
                CasePages.worklist(
                    cases, filter: query.filter, agency: agency, agencies: try await caseAgencies(store, session.user),
                    today: today, message: request.uri.queryParameters.get("message").map { String($0.prefix(1500)) },
                    soon: soon,
                    page: query.page, pageSize: pageSize, session: session))
        }
        for format in ["csv", "xlsx"] {
            router.get("/cases.\(format)") { request, context -> Response in
                let session = try Auth.require(request, context, officers: true)
                let query = try CaseQuery(request)
                let cases = try await store.worklist(
                    agency: scope(session.user) ?? query.agency, filter: query.filter, today: try clock.now().date, limit: 100_000
                )
                let (header, rows) = exportRows(cases)
                var headers = HTTPFields()
                let bytes: [UInt8]
                if format == "csv" {
                    headers[.contentType] = "text/csv; charset=utf-8"
                    bytes = CSVWriter.table(header: header, rows: rows)
                } else {
                    headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    bytes = try XLSXWriter.table(sheet: "依申请公开台账", header: header, rows: rows)
                }
                headers[.contentDisposition] = "attachment; filename=\"cases.\(format)\""
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        router.get("/cases/new") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            return WebApp.html(
                CasePages.intake(
                    agencies: try await intakeAgencies(store, session.user), today: try clock.now().date, problem: nil,
                    session: session))
        }
        router.post("/cases") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, officers: true)
            guard let channel = Channel(rawValue: form["channel"] ?? ""),
                let type = ApplicantType(rawValue: form["applicant_type"] ?? ""),
                let received = CalendarDate(iso: form["received"] ?? "")
            else { throw HTTPError(.badRequest, message: "需要 channel、applicant_type 和 received（YYYY-MM-DD）") }
            let time = try form["time"].flatMap { text -> TimeOfDay? in
                guard !text.isEmpty else { return nil }
                guard let time = TimeOfDay(text: text) else { throw HTTPError(.badRequest, message: "时间须为 HH:MM") }
                return time
            }
            let new = NewCase(
                agency: scope(session.user) ?? form["agency"] ?? "", applicantType: type, applicantName: form["name"] ?? "",
                description: form["description"] ?? "",
                delivery: String((form["delivery"] ?? "").prefix(100)), feeWaiver: form["fee_waiver"] == "1", channel: channel,
                received: received, time: time,
                personal: ApplicantPersonal(
                    idType: form["id_type"] ?? "", idNumber: form["id_number"] ?? "", phone: form["phone"] ?? "",
                    email: form["email"] ?? "",
                    address: form["address"] ?? "", postcode: form["postcode"] ?? ""))
            do {
                let stored = try await store.fileCase(new, by: session.user.name, notAfter: try clock.now().date)
                throw Redirect(to: "/cases/\(stored.id)")
            } catch let error as CaseError {
                var response = WebApp.html(
                    CasePages.intake(
                        agencies: try await intakeAgencies(store, session.user), today: try clock.now().date,
                        problem: error.description,
                        session: session))
                response.status = .badRequest
                return response
            }
        }
        router.get("/cases/table") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            let year = try QueryNumber.get(request, "year", in: QueryNumber.years) ?? (try clock.now().date.year)
            let agency = scope(session.user) ?? request.uri.queryParameters.get("agency").flatMap { $0.isEmpty ? nil : $0 }
            return WebApp.html(
                CasePages.table(
                    try await store.requestsTable(agency: agency, year: year), year: year, agency: agency,
                    agencies: try await caseAgencies(store, session.user),
                    feesYuan: try await store.feesCollected(agency: agency, year: year), session: session))
        }
        router.get("/cases/cell") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            guard let year = try QueryNumber.get(request, "year", in: QueryNumber.years),
                let key = request.uri.queryParameters.get("key")
            else {
                throw HTTPError(.badRequest, message: "需要 year 和 key")
            }
            let agency = scope(session.user) ?? request.uri.queryParameters.get("agency").flatMap { $0.isEmpty ? nil : $0 }
            let table = try await store.requestsTable(agency: agency, year: year)
            guard let index = table.report.format.index(of: key), table.report.format.cells[index].table == .requests else {
                throw HTTPError(.notFound, message: "表三没有单元格 \(key.prefix(80))")
            }
            let ids = (table.casesByCell[key] ?? []).map { Int($0) }
            return WebApp.html(CasePages.cell(try await store.cases(ids: ids), key: key, year: year, session: session))
        }
        router.post("/cases/assign") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, officers: true)
            let officer = (form["officer"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let ids = (form.fields["ids"] ?? []).compactMap { Int($0) }.filter { QueryNumber.ids.contains($0) }
            guard !officer.isEmpty, !ids.isEmpty, ids.count <= 1000 else {
                throw HTTPError(.badRequest, message: "请选择 1–1000 件申请并填写承办人")
            }
            let visible = try await store.cases(ids: ids).filter { mayHandle(session.user, $0) }.map(\.id)
            try await store.assign(caseIDs: visible, to: officer, by: session.user.name)
            throw Redirect(to: "/cases")
        }
        router.post("/cases/close") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, officers: true)
            let ids = (form.fields["ids"] ?? []).compactMap { Int($0) }.filter { QueryNumber.ids.contains($0) }
            guard !ids.isEmpty, ids.count <= 1000, let date = CalendarDate(iso: form["date"] ?? "") else {
                throw HTTPError(.badRequest, message: "请选择 1–1000 件申请并填写日期")
            }
            let outcome = form["outcome"] ?? ""
            let kind: CaseEventKind
            do {
                kind = outcome == "withdrawn" ? .withdrawn : try CaseEventKind(name: "replied", parameter: outcome)
            } catch {
                throw HTTPError(.badRequest, message: "办理结果不正确")
            }
            let visible = try await store.cases(ids: ids).filter { mayHandle(session.user, $0) }.map(\.id)
            let refused = try await store.close(
                caseIDs: visible, with: kind, on: date, by: session.user.name, notAfter: try clock.now().date)
            var message = "已办结 \(visible.count - refused.count) 件"
            if !refused.isEmpty { message += "；未能办结：" + refused.map { "\($0.id)（\($0.reason)）" }.joined(separator: "；") }
            throw Redirect(to: "/cases?message=" + WebApp.percentEncoded(String(message.prefix(1500))))
        }
        router.get("/cases/:id") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            let id = try QueryNumber.id(context)
            let stored = try await visibleCase(store, id, session.user)
            let personal: PersonalView =
                !mayHandle(session.user, stored, personally: true)
                ? .notAllowed
                : request.uri.queryParameters.get("personal") == "1"
                    ? .shown(try await store.applicantPersonal(caseID: id, viewer: session.user.name)) : .onRequest
            return WebApp.html(
                CasePages.detail(
                    stored, events: try await store.caseEvents(id: id), notices: try await store.notices(caseID: id),
                    deadline: try await deadline(store, id), personal: personal,
                    attachments: try await store.attachments(caseID: id),
                    fees: FeeView(
                        requestNumber: try await store.requestNumberInMonth(caseID: id),
                        pages: try QueryNumber.get(request, "pages", in: 0...Fees.largestCount)),
                    audit: try await store.caseAudit(id: id),
                    problem: request.uri.queryParameters.get("problem").map { String($0.prefix(300)) },
                    today: try clock.now().date,
                    session: session))
        }
        router.get("/cases/:id/attachments/:seq") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            let stored = try await visibleCase(store, try QueryNumber.id(context), session.user)
            guard mayHandle(session.user, stored, personally: true) else {
                throw HTTPError(.forbidden, message: "申请人上传的材料仅受理机关的办理人员可以查看")
            }
            guard
                let file = try await store.attachment(
                    caseID: stored.id, seq: try QueryNumber.id(context, "seq"), viewer: session.user.name)
            else {
                throw HTTPError(.notFound, message: "没有这份材料")
            }
            var headers = HTTPFields()
            headers[.contentType] = file.type
            headers[.contentDisposition] = "attachment; filename*=UTF-8''" + WebApp.percentEncoded(file.name)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
        router.get("/cases/:id/notices/:file") { request, context -> Response in
            let session = try Auth.require(request, context, officers: true)
            let id = try QueryNumber.id(context)
            _ = try await visibleCase(store, id, session.user)
            let (seq, format) = try NoticeFile.parse(context)
            guard let notice = try await store.notices(caseID: id).first(where: { $0.seq == seq }) else {
                throw HTTPError(.notFound, message: "没有这份告知书")
            }
            return try await NoticeFile.response(store: store, notice: notice, format: format)
        }
        router.post("/cases/:id/events") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, officers: true)
            let id = try QueryNumber.id(context)
            _ = try await visibleCase(store, id, session.user)
            guard let date = CalendarDate(iso: form["date"] ?? "") else {
                throw HTTPError(.badRequest, message: "日期须为 YYYY-MM-DD")
            }
            let name = form["event"] ?? ""
            let value = name == "replied" ? form["reply"] : form["value"]
            let approvedBy = (form["approved_by"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                let kind = try CaseEventKind(name: name, parameter: value, approvedBy: approvedBy.isEmpty ? nil : approvedBy)
                if case .extensionApproved(_, nil) = kind { throw CaseError(description: "延期答复须填写批准人（条例第三十三条）") }
                try await store.recordEvent(
                    caseID: id, CaseEvent(kind, on: date), note: form["note"] ?? "", by: session.user.name,
                    notAfter: try clock.now().date)
            } catch let error as CaseEventTextError {
                throw Redirect(to: "/cases/\(id)?problem=" + WebApp.percentEncoded(error.description))
            } catch let error as CaseError {
                throw Redirect(to: "/cases/\(id)?problem=" + WebApp.percentEncoded(error.description))
            }
            throw Redirect(to: "/cases/\(id)")
        }
        return router
    }

    /// The cases as export rows: no personal data — applicants' names and what they asked, never
    /// their identity numbers, phones or addresses.
    static func exportRows(_ cases: [StoredCase]) -> (header: [String], rows: [[String]]) {
        let header = ["编号", "受理机关", "申请人类型", "申请人", "渠道", "收到日期", "答复期限", "状态", "办结日期", "办理结果", "承办人", "所需信息"]
        let rows = cases.map { c in
            [
                "\(c.id)", c.agency, c.applicantType.title, c.applicantName, CaseViews.channelLabel(c.channel),
                c.received.description,
                c.due?.description ?? "", CaseViews.stateLabel(c.state), c.closedOn?.description ?? "", c.outcome?.title ?? "",
                c.assignedTo ?? "", c.description,
            ]
        }
        return (header, rows)
    }

    /// A case's deadline; a 409 saying why when its recorded events no longer fit the calendar.
    static func deadline(_ store: ReportStore, _ id: Int, forApplicant: Bool = false) async throws -> Deadline {
        do {
            return try await store.caseDeadline(id: id, forApplicant: forApplicant)
        } catch let error as CaseError {
            throw HTTPError(.conflict, message: error.description)
        }
    }

    /// The agency a user's casework is limited to: an officer's own; nil for reviewers and admins.
    static func scope(_ user: User) -> String? { user.role == .officer ? user.agency ?? "" : nil }

    /// Whether a user may handle a case; `personally`: also see its applicant's personal data, which
    /// only the officers of the agency handling it may.
    static func mayHandle(_ user: User, _ stored: StoredCase, personally: Bool = false) -> Bool {
        guard let agency = scope(user) else { return !personally }
        return agency == stored.agency
    }

    /// The case if the user may see it; 404 otherwise (an officer learns nothing of other agencies' cases).
    static func visibleCase(_ store: ReportStore, _ id: Int, _ user: User) async throws -> StoredCase {
        guard let stored = try await store.caseRecord(id: id), mayHandle(user, stored) else {
            throw HTTPError(.notFound, message: "没有编号为 \(id) 的申请")
        }
        return stored
    }

    static func caseAgencies(_ store: ReportStore, _ user: User) async throws -> [String] {
        if let agency = scope(user) { return [agency] }
        return try await store.caseAgencies()
    }

    static func intakeAgencies(_ store: ReportStore, _ user: User) async throws -> [String] {
        if let agency = scope(user) { return [agency] }
        return try await store.agencies(under: nil).map(\.name)
    }

    /// The worklist's query: filter, agency and page, range-checked.
    struct CaseQuery {
        let filter: WorklistFilter
        let agency: String?
        let page: Int

        init(_ request: Request) throws {
            let query = request.uri.queryParameters
            let name = query.get("filter") ?? "active"
            guard let filter = WorklistFilter(rawValue: name.isEmpty ? "active" : name) else {
                throw HTTPError(
                    .badRequest, message: "filter 须为 \(WorklistFilter.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            self.filter = filter
            agency = query.get("agency").flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            page = try QueryNumber.get(request, "page", in: QueryNumber.pages) ?? 1
        }
    }
}
