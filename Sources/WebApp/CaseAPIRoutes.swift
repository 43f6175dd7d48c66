import AnnualReport
import Casework
import Foundation
import Hummingbird
import ReportWriter
import Store

/// The JSON API of the casework: the public deadline calculator and tracking status, and for staff
/// (HTTP Basic) cases, events and table 三 with the cases behind each cell.
enum CaseAPIRoutes {
    /// A case filed through the API.
    struct NewCaseBody: Decodable {
        let agency: String
        let applicantType: String
        let applicantName: String
        let description: String
        let delivery: String?
        let feeWaiver: Bool?
        let channel: String
        let received: String
        let personal: ApplicantPersonal?
    }

    /// An event posted through the API.
    struct EventBody: Decodable {
        let event: String
        let date: String
        let value: String?
        let approvedBy: String?
        let note: String?
    }

    static func collection(store: ReportStore, signIn: SignIn, clock: CaseClock) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.get("/api/deadline") { request, context -> Response in
            let query = request.uri.queryParameters
            guard let received = query.get("received"), let channel = query.get("channel").flatMap(Channel.init(rawValue:)) else {
                throw HTTPError(
                    .badRequest,
                    message:
                        "need received=YYYY-MM-DD[THH:MM] and channel=\(Channel.allCases.map(\.rawValue).joined(separator: "|"))")
            }
            let receipt = try receiptDateTime(received)
            var events = [CaseEvent(.received(channel), on: receipt.date, at: receipt.time)]
            let texts = query.getAll("event")
            guard texts.count <= 50 else { throw HTTPError(.badRequest, message: "at most 50 events") }
            for text in texts { events.append(try event(text)) }
            do {
                return WebApp.json(
                    try Deadline.compute(events: events, calendar: try await store.workingCalendar()).json.serialized())
            } catch let error as CaseEventError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
        }
        router.get("/api/track/:code") { request, context -> Response in
            let code = try context.parameters.require("code")
            guard let stored = try await store.caseRecord(trackingCode: code) else {
                throw HTTPError(.notFound, message: "no such tracking code")
            }
            let events = try await store.caseEvents(id: stored.id, forApplicant: true).map(\.event)
            return WebApp.json(
                JSONValue.object([
                    ("agency", .string(stored.agency)), ("state", .string(stored.state)),
                    ("outcome", stored.outcome.map { .string($0.name) } ?? .null),
                    ("events", .array(events.map(eventJSON))),
                    ("deadline", try await CaseRoutes.deadline(store, stored.id, forApplicant: true).json),
                ]).serialized())
        }
        router.get("/api/cases") { request, context -> Response in
            let user = try await signIn.basicUser(request, context, officers: true)
            let query = try CaseRoutes.CaseQuery(request)
            let limit = try QueryNumber.get(request, "limit", in: 1...1000) ?? 100
            let offset = try QueryNumber.get(request, "offset", in: 0...1_000_000) ?? 0
            let today = try clock.now().date
            let cases = try await store.worklist(
                agency: CaseRoutes.scope(user) ?? query.agency, filter: query.filter, today: today, limit: limit, offset: offset)
            return WebApp.json(JSONValue.array(cases.map(caseJSON)).serialized())
        }
        router.post("/api/cases") { request, context -> Response in
            let user = try await signIn.basicUser(request, context, officers: true)
            let body = try await decoded(NewCaseBody.self, request)
            guard let type = ApplicantType(rawValue: body.applicantType), let channel = Channel(rawValue: body.channel) else {
                throw HTTPError(.badRequest, message: "applicantType or channel unknown")
            }
            let receipt = try receiptDateTime(body.received)
            do {
                let stored = try await store.fileCase(
                    NewCase(
                        agency: CaseRoutes.scope(user) ?? body.agency, applicantType: type, applicantName: body.applicantName,
                        description: body.description,
                        delivery: String((body.delivery ?? "").prefix(100)), feeWaiver: body.feeWaiver ?? false, channel: channel,
                        received: receipt.date, time: receipt.time, personal: body.personal ?? ApplicantPersonal()),
                    by: user.name, notAfter: try clock.now().date
                )
                var response = WebApp.json(caseJSON(stored).serialized())
                response.status = .created
                response.headers[.location] = "/api/cases/\(stored.id)"
                return response
            } catch let error as CaseError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
        }
        router.get("/api/cases/table") { request, context -> Response in
            let user = try await signIn.basicUser(request, context, officers: true)
            guard let year = try QueryNumber.get(request, "year", in: QueryNumber.years) else {
                throw HTTPError(.badRequest, message: "need year")
            }
            let agency = CaseRoutes.scope(user) ?? request.uri.queryParameters.get("agency").flatMap { $0.isEmpty ? nil : $0 }
            let table = try await store.requestsTable(agency: agency, year: year)
            let cells = table.report.format.cells.filter { $0.table == .requests }.map { definition -> JSONValue in
                .object([
                    ("key", .string(definition.key)),
                    ("value", .number("\(table.report.cell(definition.key)?.value?.integerValue ?? 0)")),
                    ("cases", .array((table.casesByCell[definition.key] ?? []).map { .number("\($0)") })),
                ])
            }
            return WebApp.json(
                JSONValue.object([
                    ("year", .number("\(year)")), ("format", .string(table.report.format.version.rawValue)),
                    ("cells", .array(cells)),
                ])
                .serialized())
        }
        router.get("/api/cases/:id") { request, context -> Response in
            let user = try await signIn.basicUser(request, context, officers: true)
            let stored = try await CaseRoutes.visibleCase(store, try QueryNumber.id(context), user)
            return WebApp.json(try await detailJSON(store, stored).serialized())
        }
        router.post("/api/cases/:id/events") { request, context -> Response in
            let user = try await signIn.basicUser(request, context, officers: true)
            let id = try QueryNumber.id(context)
            let body = try await decoded(EventBody.self, request)
            guard let date = CalendarDate(iso: body.date) else {
                throw HTTPError(.badRequest, message: "date must be YYYY-MM-DD")
            }
            do {
                let kind = try CaseEventKind(name: body.event, parameter: body.value, approvedBy: body.approvedBy)
                if case .extensionApproved(_, nil) = kind {
                    throw CaseError(description: "an extension needs approvedBy (Art. 33)")
                }
                _ = try await CaseRoutes.visibleCase(store, id, user)
                let stored = try await store.recordEvent(
                    caseID: id, CaseEvent(kind, on: date), note: body.note ?? "", by: user.name, notAfter: try clock.now().date)
                return WebApp.json(try await detailJSON(store, stored).serialized())
            } catch let error as CaseEventTextError {
                throw HTTPError(.badRequest, message: error.description)
            } catch let error as CaseError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
        }
        return router
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "the body is not the JSON expected: \(String(describing: error).prefix(300))")
        }
    }

    static func receiptDateTime(_ text: String) throws -> (date: CalendarDate, time: TimeOfDay?) {
        do {
            return try CaseEvent.receipt(text: text)
        } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    static func event(_ text: String) throws -> CaseEvent {
        do {
            return try CaseEvent(text: text)
        } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    static func eventJSON(_ event: CaseEvent) -> JSONValue {
        .object([
            ("event", .string(event.kind.name)), ("date", .string(event.date.description)),
            ("value", event.kind.parameter.map(JSONValue.string) ?? .null),
        ])
    }

    static func caseJSON(_ c: StoredCase) -> JSONValue {
        func date(_ d: CalendarDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
        return .object([
            ("id", .number("\(c.id)")), ("trackingCode", .string(c.trackingCode)), ("agency", .string(c.agency)),
            ("applicantType", .string(c.applicantType.rawValue)), ("applicantName", .string(c.applicantName)),
            ("channel", .string(c.channel.rawValue)), ("received", date(c.received)), ("state", .string(c.state)),
            ("due", date(c.due)),
            ("closedOn", date(c.closedOn)), ("outcome", c.outcome.map { .string($0.name) } ?? .null),
            ("assignedTo", c.assignedTo.map(JSONValue.string) ?? .null),
        ])
    }

    static func detailJSON(_ store: ReportStore, _ stored: StoredCase) async throws -> JSONValue {
        let events = try await store.caseEvents(id: stored.id)
        guard case .object(var fields) = caseJSON(stored) else { return caseJSON(stored) }
        fields += [
            ("description", .string(stored.description)),
            (
                "events",
                .array(
                    events.map {
                        guard case .object(var event) = eventJSON($0.event) else { return eventJSON($0.event) }
                        event += [
                            ("note", .string($0.note)), ("recordedBy", .string($0.recordedBy)),
                            ("recordedAt", .string($0.recordedAt)),
                        ]
                        return .object(event)
                    })
            ),
            ("deadline", try await CaseRoutes.deadline(store, stored.id).json),
        ]
        return .object(fields)
    }
}
