import AnnualReport
import Casework
import Foundation
import SQLKit

/// The applicant's personal data, kept apart from the case (see `ReportStore.applicantPersonal`).
public struct ApplicantPersonal: Sendable, Codable, Equatable {
    /// 身份证, 护照, 统一社会信用代码 …
    public var idType: String
    public var idNumber: String
    public var phone: String
    public var email: String
    public var address: String
    public var postcode: String

    /// Personal data.
    public init(
        idType: String = "", idNumber: String = "", phone: String = "", email: String = "", address: String = "",
        postcode: String = ""
    ) {
        self.idType = idType
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
        self.address = address
        self.postcode = postcode
    }
}

/// A request as filed: by the applicant in the portal, or by staff from paper, post, fax or a visit.
public struct NewCase: Sendable {
    public var agency: String
    public var applicantType: ApplicantType
    /// The citizen's or organisation's name.
    public var applicantName: String
    /// The information wanted.
    public var description: String
    /// 纸质, 电子邮件, 光盘 … as the applicant asked.
    public var delivery: String
    public var feeWaiver: Bool
    public var channel: Channel
    public var received: CalendarDate
    public var time: TimeOfDay?
    public var personal: ApplicantPersonal
    /// A document the applicant uploaded (an identity document): PDF, JPEG or PNG.
    public var document: (name: String, bytes: [UInt8])?

    /// A new case.
    public init(
        agency: String, applicantType: ApplicantType, applicantName: String, description: String, delivery: String,
        feeWaiver: Bool = false, channel: Channel, received: CalendarDate, time: TimeOfDay? = nil,
        personal: ApplicantPersonal = ApplicantPersonal()
    ) {
        self.agency = agency
        self.applicantType = applicantType
        self.applicantName = applicantName
        self.description = description
        self.delivery = delivery
        self.feeWaiver = feeWaiver
        self.channel = channel
        self.received = received
        self.time = time
        self.personal = personal
    }
}

/// A stored case as the worklist shows it.
public struct StoredCase: Sendable, Equatable {
    public let id: Int
    public let trackingCode: String
    public let agency: String
    public let applicantType: ApplicantType
    public let applicantName: String
    public let description: String
    public let delivery: String
    public let feeWaiver: Bool
    public let channel: Channel
    /// The receipt date under Art. 31.
    public let received: CalendarDate
    /// `open`, `awaiting-correction`, `paused` or `closed`.
    public let state: String
    public let due: CalendarDate?
    public let closedOn: CalendarDate?
    public let outcome: CaseOutcome?
    public let assignedTo: String?
    /// While the case waits on the applicant or a third party, the last day they have.
    public let waitsUntil: CalendarDate?
    public let updatedAt: String
}

/// One recorded event with who recorded it.
public struct StoredCaseEvent: Sendable, Equatable {
    public let seq: Int
    public let event: CaseEvent
    public let note: String
    public let recordedBy: String
    public let recordedAt: String
}

/// A case operation that was refused, with the reason.
public struct CaseError: Error, CustomStringConvertible {
    public let description: String

    /// A refusal.
    public init(description: String) { self.description = description }
}

/// Which cases the worklist shows.
public enum WorklistFilter: String, Sendable, CaseIterable {
    /// Not closed, due date first (stopped clocks last).
    case active
    /// Open and due within five working days.
    case dueSoon = "due-soon"
    /// Open and past the due date.
    case overdue
    /// Closed.
    case closed
    /// Every case.
    case all
}

extension ReportStore {
    /// The longest texts a case keeps.
    static let caseTextLimits = (name: 200, description: 5000, delivery: 100, note: 2000, personal: 200)

    /// Files a case: its receipt event, its personal data apart, and the audit entry, in one
    /// transaction. Personal data is purged `retentionDays` after the case closes.
    public func fileCase(_ new: NewCase, by user: String, notAfter today: CalendarDate? = nil) async throws -> StoredCase {
        let name = new.applicantName.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = new.description.trimmingCharacters(in: .whitespacesAndNewlines)
        let agency = new.agency.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !agency.isEmpty, agency.count <= Self.caseTextLimits.name else { throw CaseError(description: "受理机关名称为 1–200 字") }
        guard !name.isEmpty, name.count <= Self.caseTextLimits.name else { throw CaseError(description: "申请人姓名或名称为 1–200 字") }
        guard !description.isEmpty, description.count <= Self.caseTextLimits.description else {
            throw CaseError(description: "所需信息的描述为 1–5000 字")
        }
        let personalFields = [
            new.personal.idType, new.personal.idNumber, new.personal.phone, new.personal.email, new.personal.address,
            new.personal.postcode,
        ]
        guard personalFields.allSatisfy({ $0.count <= Self.caseTextLimits.personal }),
            new.delivery.count <= Self.caseTextLimits.delivery
        else { throw CaseError(description: "个人信息每项最长 200 字，获取方式最长 100 字") }
        let email = new.personal.email.trimmingCharacters(in: .whitespaces)
        guard email.isEmpty || MailAddress.isValid(email) else { throw CaseError(description: "电子邮箱地址不正确") }
        let attachmentType = try new.document.map { try Self.attachmentType($0.bytes) }
        let calendar = try await workingCalendar()
        let receipt = CaseEvent(.received(new.channel), on: new.received, at: new.time)
        let deadline = try Self.deadline([receipt], calendar: calendar, notAfter: today)
        var id = 0
        let code = Self.trackingCode()
        try await transaction {
            guard
                let row = try await self.db.raw(
                    """
                    INSERT INTO cases (tracking_code, agency, applicant_type, applicant_name, description, delivery, fee_waiver, channel, received, state, due, created_at, updated_at)
                    VALUES (\(bind: code), \(bind: agency), \(bind: new.applicantType.rawValue), \(bind: name), \(bind: description), \(bind: new.delivery), \(bind: new.feeWaiver ? 1 : 0), \(bind: new.channel.rawValue), \(bind: deadline.receipt.description), \(bind: deadline.state.name), \(bind: deadline.due?.description), \(bind: Self.now()), \(bind: Self.now()))
                    RETURNING id
                    """
                ).first()
            else { throw CaseError(description: "申请未能保存") }
            id = try row.decode(column: "id", as: Int.self)
            try await self.insertEvent(caseID: id, seq: 1, receipt, note: "", by: user)
            try await self.db.raw(
                """
                INSERT INTO case_personal (case_id, id_type, id_number, phone, email, address, postcode)
                VALUES (\(bind: id), \(bind: new.personal.idType), \(bind: new.personal.idNumber), \(bind: new.personal.phone), \(bind: new.personal.email), \(bind: new.personal.address), \(bind: new.personal.postcode))
                """
            ).run()
            if let document = new.document, let type = attachmentType {
                try await self.db.raw(
                    """
                    INSERT INTO case_attachments (case_id, seq, name, content_type, content, uploaded_at)
                    VALUES (\(bind: id), 1, \(bind: Self.bounded(document.name, 200)), \(bind: type), \(bind: Data(document.bytes)), \(bind: Self.now()))
                    """
                ).run()
            }
            try await self.issueNotice(caseID: id, seq: 1, event: receipt, note: "", deadline: deadline)
            try await self.log(
                user: user, action: "file-case", target: "case \(id)", detail: "\(agency) \(new.channel.rawValue) \(new.received)"
            )
        }
        guard let stored = try await caseRecord(id: id) else { throw CaseError(description: "申请未能保存") }
        return stored
    }

    /// Records an event on a case, after checking it against the case's events and the Regulation;
    /// an impossible event is refused with the reason and nothing is written.
    @discardableResult
    public func recordEvent(
        caseID: Int, _ event: CaseEvent, note: String = "", by user: String, notAfter today: CalendarDate? = nil
    ) async throws -> StoredCase {
        guard note.count <= Self.caseTextLimits.note else { throw CaseError(description: "说明最长 2000 字") }
        let calendar = try await workingCalendar()
        try await transaction {
            try await self.lockCase(caseID)
            let events = try await self.caseEvents(id: caseID)
            guard !events.isEmpty else { throw CaseError(description: "没有编号为 \(caseID) 的申请") }
            let deadline = try Self.deadline(events.map(\.event) + [event], calendar: calendar, notAfter: today)
            let seq = (events.last?.seq ?? 0) + 1
            try await self.insertEvent(caseID: caseID, seq: seq, event, note: note, by: user)
            try await self.updateSummary(caseID: caseID, deadline)
            try await self.issueNotice(caseID: caseID, seq: seq, event: event, note: note, deadline: deadline)
            try await self.log(
                user: user, action: "case-event", target: "case \(caseID)",
                detail: "\(event.kind.name) \(event.date) \(event.kind.parameter ?? "")")
        }
        guard let stored = try await caseRecord(id: caseID) else { throw CaseError(description: "没有编号为 \(caseID) 的申请") }
        return stored
    }

    /// A case's deadline and trace, computed from its events on today's calendar; for the applicant,
    /// with the consulted parties unnamed.
    public func caseDeadline(id: Int, forApplicant: Bool = false) async throws -> Deadline {
        let events = try await caseEvents(id: id, forApplicant: forApplicant)
        guard !events.isEmpty else { throw CaseError(description: "没有编号为 \(id) 的申请") }
        do {
            return try Self.deadline(events.map(\.event), calendar: try await workingCalendar())
        } catch let error as CaseError {
            throw CaseError(description: "这件申请记录的事项与现行工作日历不符（\(error.description)），请核对日历")
        }
    }

    /// A case by its id.
    public func caseRecord(id: Int) async throws -> StoredCase? {
        try await db.raw("SELECT * FROM cases WHERE id = \(bind: id)").first().map(Self.storedCase)
    }

    /// A case by the tracking code its applicant holds.
    public func caseRecord(trackingCode: String) async throws -> StoredCase? {
        guard trackingCode.count <= 32 else { return nil }
        return try await db.raw("SELECT * FROM cases WHERE tracking_code = \(bind: trackingCode)").first().map(Self.storedCase)
    }

    /// Cases by id, in id order (the drill-down of a table 三 cell).
    public func cases(ids: [Int]) async throws -> [StoredCase] {
        var out: [StoredCase] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min(ids.count, $0 + 500)]) }) {
            out += try await db.select().column("*").from("cases").where("id", .in, chunk).orderBy("id").all().map(
                Self.storedCase)
        }
        return out
    }

    /// A case's events in order; for the applicant, the consulted parties (whose identity may itself
    /// be protected, Art. 15) named 第三方1, 第三方2 … and the staff's notes left out.
    public func caseEvents(id: Int, forApplicant: Bool = false) async throws -> [StoredCaseEvent] {
        let events = try await db.raw("SELECT * FROM case_events WHERE case_id = \(bind: id) ORDER BY seq").all().map(
            Self.storedEvent)
        guard forApplicant else { return events }
        var names: [String: String] = [:]
        return events.map { stored in
            var kind = stored.event.kind
            switch kind {
            case .consultationSent(let party), .consultationAnswered(let party):
                let name = names[party] ?? "第三方\(names.count + 1)"
                names[party] = name
                if case .consultationSent = kind {
                    kind = .consultationSent(party: name)
                } else {
                    kind = .consultationAnswered(party: name)
                }
            default: break
            }
            return StoredCaseEvent(
                seq: stored.seq, event: CaseEvent(kind, on: stored.event.date, at: stored.event.time), note: "", recordedBy: "",
                recordedAt: stored.recordedAt)
        }
    }

    /// A page of the worklist: due date first, stopped clocks after, then the newest.
    public func worklist(
        agency: String? = nil, filter: WorklistFilter = .active, today: CalendarDate, limit: Int = 100, offset: Int = 0
    ) async throws -> [StoredCase] {
        let calendar = try await workingCalendar()
        let soon = calendar.nthWorkingDay(5, after: today)?.description ?? today.description
        var conditions: [SQLQueryString] = []
        if let agency { conditions.append("agency = \(bind: agency)") }
        switch filter {
        case .active: conditions.append("state <> 'closed'")
        case .dueSoon: conditions.append("state = 'open' AND due >= \(bind: today.description) AND due <= \(bind: soon)")
        case .overdue:
            // Past the reply date, or past the last day of a wait on the applicant or a third party.
            conditions.append(
                "((state = 'open' AND due < \(bind: today.description)) OR (state <> 'closed' AND waits_until < \(bind: today.description)))"
            )
        case .closed: conditions.append("state = 'closed'")
        case .all: break
        }
        let whereClause: SQLQueryString =
            conditions.isEmpty ? "" : "WHERE " + conditions.dropFirst().reduce(conditions[0]) { $0 + " AND " + $1 }
        let order: SQLQueryString =
            filter == .closed ? "ORDER BY closed_on DESC, id DESC" : "ORDER BY CASE WHEN due IS NULL THEN 1 ELSE 0 END, due, id"
        return try await db.raw("SELECT * FROM cases \(whereClause) \(order) LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            .map(Self.storedCase)
    }

    /// The cases table 三 of `year` counts: received by its end, not closed before its start.
    public func caseSummaries(agency: String?, year: Int) async throws -> [CaseSummary] {
        let end = "\(year)-12-31", start = "\(year)-01-01"
        let agencyCondition: SQLQueryString = agency.map { "AND agency = \(bind: $0)" } ?? ""
        let rows = try await db.raw(
            """
            SELECT id, applicant_type, received, closed_on, outcome FROM cases
            WHERE received <= \(bind: end) AND (closed_on IS NULL OR closed_on >= \(bind: start)) \(agencyCondition)
            """
        ).all()
        return try rows.map { row in
            let closedOn = try row.decode(column: "closed_on", as: String?.self).flatMap(CalendarDate.init(iso:))
            let outcome = try row.decode(column: "outcome", as: String?.self).flatMap(CaseOutcome.init(name:))
            guard let received = CalendarDate(iso: try row.decode(column: "received", as: String.self)),
                let applicant = ApplicantType(rawValue: try row.decode(column: "applicant_type", as: String.self))
            else { throw CaseError(description: "a stored case cannot be read") }
            var closed: (outcome: CaseOutcome, on: CalendarDate)?
            if let outcome, let closedOn { closed = (outcome, closedOn) }
            return CaseSummary(
                id: Int64(try row.decode(column: "id", as: Int.self)), applicant: applicant, received: received, closed: closed)
        }
    }

    /// Table 三 of `year` from the cases, with the cases behind every cell.
    public func requestsTable(agency: String?, year: Int) async throws -> RequestsTable {
        RequestsTable(year: year, agency: agency, cases: try await caseSummaries(agency: agency, year: year))
    }

    /// The agencies that have cases.
    public func caseAgencies() async throws -> [String] {
        try await db.raw("SELECT DISTINCT agency FROM cases ORDER BY agency").all().map {
            try $0.decode(column: "agency", as: String.self)
        }
    }

    /// Assigns cases to an officer, logged.
    public func assign(caseIDs: [Int], to officer: String, by user: String) async throws {
        try await transaction {
            for id in caseIDs {
                try await self.db.raw(
                    "UPDATE cases SET assigned_to = \(bind: Self.bounded(officer, 64)), updated_at = \(bind: Self.now()) WHERE id = \(bind: id)"
                ).run()
                try await self.log(user: user, action: "assign-case", target: "case \(id)", detail: officer)
            }
        }
    }

    /// Records the same closing event on many cases, each in its own transaction; returns the
    /// cases it could not close, with the reason (one awaiting a correction, say).
    public func close(
        caseIDs: [Int], with kind: CaseEventKind, on date: CalendarDate, by user: String, notAfter today: CalendarDate? = nil
    ) async throws -> [(
        id: Int, reason: String
    )] {
        var refused: [(id: Int, reason: String)] = []
        for id in caseIDs {
            do {
                try await recordEvent(caseID: id, CaseEvent(kind, on: date), note: "批量办结", by: user, notAfter: today)
            } catch let error as CaseError {
                refused.append((id, error.description))
            }
        }
        return refused
    }

    /// The audit log's entries about one case, oldest first: filing, events, assignments, every view
    /// of the applicant's personal data.
    public func caseAudit(id: Int) async throws -> [AuditEntry] {
        try await db.raw(
            "SELECT at, user_name, action, target, detail FROM audit_log WHERE target = \(bind: "case \(id)") ORDER BY id"
        ).all()
            .map(Self.auditEntry)
    }

    /// The applicant's personal data, for an officer handling the case; every view is logged. Nil
    /// once purged.
    public func applicantPersonal(caseID: Int, viewer: String) async throws -> ApplicantPersonal? {
        let row = try await db.raw("SELECT * FROM case_personal WHERE case_id = \(bind: caseID)").first()
        try await log(user: viewer, action: "view-personal-data", target: "case \(caseID)", detail: row == nil ? "purged" : "")
        return try row.map {
            ApplicantPersonal(
                idType: try $0.decode(column: "id_type", as: String.self),
                idNumber: try $0.decode(column: "id_number", as: String.self),
                phone: try $0.decode(column: "phone", as: String.self), email: try $0.decode(column: "email", as: String.self),
                address: try $0.decode(column: "address", as: String.self),
                postcode: try $0.decode(column: "postcode", as: String.self))
        }
    }

    /// The largest document an applicant may upload.
    public static let largestAttachment = 5 << 20

    /// The document's type from its first bytes: PDF, JPEG or PNG, nothing else.
    static func attachmentType(_ bytes: [UInt8]) throws -> String {
        guard bytes.count <= largestAttachment else { throw CaseError(description: "证件材料最大 5 MB") }
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        throw CaseError(description: "证件材料须为 PDF、JPEG 或 PNG 文件")
    }

    /// The documents the applicant uploaded: names only.
    public func attachments(caseID: Int) async throws -> [(seq: Int, name: String)] {
        try await db.raw("SELECT seq, name FROM case_attachments WHERE case_id = \(bind: caseID) ORDER BY seq").all().map {
            (try $0.decode(column: "seq", as: Int.self), try $0.decode(column: "name", as: String.self))
        }
    }

    /// An uploaded document, for an officer handling the case; the view is logged as personal data.
    public func attachment(caseID: Int, seq: Int, viewer: String) async throws -> (name: String, type: String, bytes: [UInt8])? {
        guard
            let row = try await db.raw(
                "SELECT name, content_type, content FROM case_attachments WHERE case_id = \(bind: caseID) AND seq = \(bind: seq)"
            ).first()
        else { return nil }
        try await log(user: viewer, action: "view-personal-data", target: "case \(caseID)", detail: "attachment \(seq)")
        return (
            try row.decode(column: "name", as: String.self), try row.decode(column: "content_type", as: String.self),
            [UInt8](try row.decode(column: "content", as: Data.self))
        )
    }

    /// How long personal data is kept after a case closes.
    public static let personalDataRetentionDays = 180

    /// Deletes the personal data of cases closed more than the retention period before `today`;
    /// returns how many cases lost theirs.
    @discardableResult
    public func purgePersonalData(today: CalendarDate) async throws -> Int {
        let cutOff = today.adding(days: -Self.personalDataRetentionDays)?.description ?? today.description
        var purged = 0
        try await transaction {
            let rows = try await self.db.raw(
                "SELECT case_id FROM case_personal JOIN cases ON cases.id = case_personal.case_id WHERE cases.closed_on IS NOT NULL AND cases.closed_on < \(bind: cutOff)"
            ).all()
            let ids = try rows.map { try $0.decode(column: "case_id", as: Int.self) }
            for id in ids {
                try await self.db.raw("DELETE FROM case_personal WHERE case_id = \(bind: id)").run()
                try await self.db.raw("DELETE FROM case_attachments WHERE case_id = \(bind: id)").run()
                // The outbox holds the applicant's address too.
                try await self.db.raw("DELETE FROM outbox WHERE case_id = \(bind: id)").run()
            }
            purged = ids.count
            if purged > 0 {
                try await self.log(
                    user: "system", action: "purge-personal-data", target: "\(purged) cases", detail: "closed before \(cutOff)")
            }
        }
        return purged
    }

    /// Recomputes every open case's summary (after the calendar changed).
    /// Recomputes every open case's summary (after the calendar changed); returns the cases whose
    /// recorded events no longer fit the new calendar (kept as they were, for staff to look at).
    @discardableResult
    func recomputeOpenCases() async throws -> [Int] {
        let calendar = try await workingCalendar()
        let ids = try await db.raw("SELECT id FROM cases WHERE state <> 'closed'").all().map {
            try $0.decode(column: "id", as: Int.self)
        }
        var unfit: [Int] = []
        for id in ids {
            try await lockCase(id)
            let events = try await caseEvents(id: id).map(\.event)
            do {
                try await updateSummary(caseID: id, try Self.deadline(events, calendar: calendar))
            } catch is CaseError {
                unfit.append(id)
            }
        }
        return unfit
    }

    /// On PostgreSQL, locks a case's row for the rest of the transaction, so that a second server
    /// recording an event on the same case waits instead of computing from stale events (SQLite's
    /// writer lock already serialises every transaction).
    func lockCase(_ id: Int) async throws {
        guard isPostgres else { return }
        _ = try await db.raw("SELECT id FROM cases WHERE id = \(bind: id) FOR UPDATE").first()
    }

    static func deadline(_ events: [CaseEvent], calendar: WorkingCalendar, notAfter: CalendarDate? = nil) throws -> Deadline {
        do {
            return try Deadline.compute(events: events, calendar: calendar, notAfter: notAfter)
        } catch {
            throw CaseError(description: error.description)
        }
    }

    private func updateSummary(caseID: Int, _ deadline: Deadline) async throws {
        var closedOn: String?, outcome: String?
        if case .closed(let how, let on) = deadline.state {
            closedOn = on.description
            outcome = how.name
        }
        try await db.raw(
            """
            UPDATE cases SET state = \(bind: deadline.state.name), due = \(bind: deadline.due?.description), received = \(bind: deadline.receipt.description),
            closed_on = \(bind: closedOn), outcome = \(bind: outcome), waits_until = \(bind: deadline.waitingUntil?.description),
            updated_at = \(bind: Self.now()) WHERE id = \(bind: caseID)
            """
        ).run()
    }

    private func insertEvent(caseID: Int, seq: Int, _ event: CaseEvent, note: String, by user: String) async throws {
        var approvedBy: String?
        if case .extensionApproved(_, let by) = event.kind { approvedBy = by }
        try await db.raw(
            """
            INSERT INTO case_events (case_id, seq, kind, date, time, parameter, approved_by, note, recorded_by, recorded_at)
            VALUES (\(bind: caseID), \(bind: seq), \(bind: event.kind.name), \(bind: event.date.description), \(bind: event.time?.description), \(bind: event.kind.parameter), \(bind: approvedBy), \(bind: note), \(bind: Self.bounded(user, 64)), \(bind: Self.now()))
            """
        ).run()
    }

    /// 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 60 bits.
    static func trackingCode() -> String {
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    static func storedCase(_ row: any SQLRow) throws -> StoredCase {
        func date(_ column: String) throws -> CalendarDate? {
            try row.decode(column: column, as: String?.self).flatMap(CalendarDate.init(iso:))
        }
        guard let received = try date("received"),
            let applicant = ApplicantType(rawValue: try row.decode(column: "applicant_type", as: String.self)),
            let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self))
        else { throw CaseError(description: "a stored case cannot be read") }
        return StoredCase(
            id: try row.decode(column: "id", as: Int.self),
            trackingCode: try row.decode(column: "tracking_code", as: String.self),
            agency: try row.decode(column: "agency", as: String.self), applicantType: applicant,
            applicantName: try row.decode(column: "applicant_name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            delivery: try row.decode(column: "delivery", as: String.self),
            feeWaiver: try row.decode(column: "fee_waiver", as: Int.self) != 0, channel: channel, received: received,
            state: try row.decode(column: "state", as: String.self), due: try date("due"), closedOn: try date("closed_on"),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(CaseOutcome.init(name:)),
            assignedTo: try row.decode(column: "assigned_to", as: String?.self), waitsUntil: try date("waits_until"),
            updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    static func storedEvent(_ row: any SQLRow) throws -> StoredCaseEvent {
        let name = try row.decode(column: "kind", as: String.self)
        guard let date = CalendarDate(iso: try row.decode(column: "date", as: String.self)) else {
            throw CaseError(description: "a stored event cannot be read")
        }
        let kind = try CaseEventKind(
            name: name, parameter: try row.decode(column: "parameter", as: String?.self),
            approvedBy: try row.decode(column: "approved_by", as: String?.self))
        let time = try row.decode(column: "time", as: String?.self).flatMap { TimeOfDay(text: $0) }
        return StoredCaseEvent(
            seq: try row.decode(column: "seq", as: Int.self), event: CaseEvent(kind, on: date, at: time),
            note: try row.decode(column: "note", as: String.self),
            recordedBy: try row.decode(column: "recorded_by", as: String.self),
            recordedAt: try row.decode(column: "recorded_at", as: String.self))
    }
}
