import AnnualReport
import Casework
import Foundation
import Hummingbird
import HummingbirdTesting
import WebApp
import XCTest

@testable import Store

/// A clock the test moves forward.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: (date: CalendarDate, time: TimeOfDay)

    init(_ date: String, _ time: String) {
        guard let day = CalendarDate(iso: date), let at = TimeOfDay(text: time) else {
            preconditionFailure("bad clock \(date) \(time)")
        }
        now = (day, at)
    }

    func set(_ date: String, _ time: String = "10:00") {
        guard let day = CalendarDate(iso: date), let at = TimeOfDay(text: time) else {
            preconditionFailure("bad clock \(date) \(time)")
        }
        lock.withLock { now = (day, at) }
    }

    var clock: CaseClock { CaseClock { [self] in self.lock.withLock { self.now } } }
}

/// The casework over HTTP on SQLite and PostgreSQL: an applicant files in the portal, staff ask for
/// a correction, the applicant answers online, staff extend and reply, and table 三 changes.
final class CaseworkWebTests: XCTestCase {
    private static func app(_ store: ReportStore, _ clock: TestClock) -> some ApplicationProtocol {
        var configuration = WebApp.Configuration()
        configuration.clock = clock.clock
        return Application(router: WebApp.router(store: store, configuration: configuration))
    }

    private static func page(_ response: TestResponse) -> String { String(buffer: response.body) }

    private static func apply(_ client: some TestClientProtocol, _ browser: inout Browser, name: String, idNumber: String)
        async throws
        -> TestResponse
    {
        let form = page(try await browser.get(client, "/apply"))
        let token = try XCTUnwrap(Browser.csrf(in: form))
        return try await browser.post(
            client, "/apply",
            [
                ("csrf", token), ("agency", "某市统计局"), ("kind", "person"), ("name", name), ("id_type", "身份证"),
                ("id_number", idNumber),
                ("phone", "13800000000"), ("email", "a@example.cn"), ("address", "某市某路1号"), ("postcode", "100000"),
                ("description", "2024年统计公报的原始数据"), ("delivery", "电子邮件"),
            ])
    }

    func testAnApplicantAndStaffTakeARequestFromPortalToTableThree() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "officer", password: "of-passphrase-2026", role: .officer, agency: "某市统计局")
            try await store.addUser(name: "reviewer", password: "rv-passphrase-2026", role: .reviewer)
            try await store.addUser(name: "elsewhere", password: "el-passphrase-2026", role: .officer, agency: "某市财政局")
            let clock = TestClock("2025-09-26", "10:00")
            try await Self.app(store, clock).test(.router) { client in
                var applicant = Browser()
                let filed = try await Self.apply(client, &applicant, name: "张三", idNumber: "110101199001011234")
                XCTAssertEqual(filed.status, .seeOther, database)
                let location = try XCTUnwrap(filed.headers[.location])
                XCTAssertTrue(location.hasPrefix("/track/") && location.hasSuffix("?new=1"), location)
                let code = String(location.dropFirst(7).prefix { $0 != "?" })
                let status = Self.page(try await applicant.get(client, location))
                XCTAssertTrue(status.contains("2025-10-30"), "due as requests.md counts it: \(database)")
                XCTAssertTrue(status.contains("国庆节、中秋节调休上班"), "the trace explains the make-up Sunday")
                XCTAssertFalse(status.contains("110101199001011234"), "no identity number on the public page")

                var staff = Browser()
                _ = try await staff.signIn(client, "officer", "of-passphrase-2026")
                let worklist = Self.page(try await staff.get(client, "/cases"))
                XCTAssertTrue(worklist.contains("张三") && worklist.contains("2025-10-30"), database)
                let filedCase = try await store.caseRecord(trackingCode: code)
                let id = try XCTUnwrap(filedCase?.id)
                let casePage = Self.page(try await staff.get(client, "/cases/\(id)"))
                XCTAssertFalse(casePage.contains("110101199001011234"), "personal data only on request")
                let csrf = try XCTUnwrap(Browser.csrf(in: casePage))
                func record(_ fields: [(String, String)]) async throws -> TestResponse {
                    try await staff.post(client, "/cases/\(id)/events", [("csrf", csrf)] + fields)
                }

                // A correction asked for on 09-29: the clock waits for the applicant.
                clock.set("2025-09-29")
                _ = try await record([("event", "correction-requested"), ("date", "2025-09-29"), ("value", "2025-10-20")])
                clock.set("2025-10-09")
                let waiting = Self.page(try await applicant.get(client, "/track/\(code)"))
                XCTAssertTrue(waiting.contains("请补正申请"), database)
                let token = try XCTUnwrap(Browser.csrf(in: waiting))
                let corrected = try await applicant.post(
                    client, "/track/\(code)/correction", [("csrf", token), ("correction", "指2024年度统计公报第三部分的原始数据")])
                XCTAssertEqual(corrected.status, .seeOther)
                // From 10-09: 10, 11 (the make-up Saturday), 13 … → the 20th working day is 11-05.
                let afterCorrection = try await store.caseRecord(id: id)
                XCTAssertEqual(afterCorrection?.due?.description, "2025-11-05", database)

                // A second correction request is refused, with the reason on the page.
                let refused = try await record([("event", "correction-requested"), ("date", "2025-10-09")])
                let problemPage = Self.page(try await staff.get(client, try XCTUnwrap(refused.headers[.location])))
                XCTAssertTrue(problemPage.contains("only once"), database)
                // Nothing can be recorded ahead of today; an extension needs its approver.
                let ahead = try await record([("event", "withdrawn"), ("date", "2025-10-10")])
                let aheadPage = Self.page(try await staff.get(client, try XCTUnwrap(ahead.headers[.location])))
                XCTAssertTrue(aheadPage.contains("dated after today"), database)
                clock.set("2025-11-03")
                let unapproved = try await record([("event", "extension"), ("date", "2025-11-03"), ("value", "10")])
                XCTAssertTrue(try XCTUnwrap(unapproved.headers[.location]).contains("problem="))
                _ = try await record([("event", "extension"), ("date", "2025-11-03"), ("value", "10"), ("approved_by", "王主任")])
                let afterExtension = try await store.caseRecord(id: id)
                XCTAssertEqual(afterExtension?.due?.description, "2025-11-19", database)
                clock.set("2025-11-18")
                _ = try await record([
                    ("event", "replied"), ("date", "2025-11-18"), ("reply", "third-party"), ("note", "涉及企业商业秘密"),
                ])
                let closedCase = try await store.caseRecord(id: id)
                let closed = try XCTUnwrap(closedCase)
                XCTAssertEqual(closed.state, "closed")
                XCTAssertEqual(closed.outcome, .replied(.thirdParty))

                // Every event that sends a notice stored one, numbered in the agency's series, in Word.
                let notices = try await store.notices(caseID: id)
                XCTAssertEqual(notices.map(\.kind), [.acknowledgement, .correction, .extension, .reply], database)
                XCTAssertEqual(notices.map(\.number).last, "某市统计局依申请公开〔2025〕4号")
                let trackPage = Self.page(try await applicant.get(client, "/track/\(code)"))
                XCTAssertTrue(trackPage.contains("政府信息公开申请答复书") && trackPage.contains("/track/\(code)/notices/5.docx"), database)
                let word = try await applicant.get(client, "/track/\(code)/notices/5.docx")
                XCTAssertEqual(word.status, .ok)
                XCTAssertEqual(Array(word.body.readableBytesView.prefix(2)), Array("PK".utf8), "a Word package")
                let letter = Self.page(try await applicant.get(client, "/track/\(code)/notices/5.html"))
                for phrase in ["第十五条、第三十六条第（三）项", "涉及企业商业秘密", "2025年11月18日", "张三："] {
                    XCTAssertTrue(letter.contains(phrase), "the reply letter says \(phrase): \(database)")
                }
                let extensionLetter = Self.page(try await applicant.get(client, "/track/\(code)/notices/4.html"))
                XCTAssertTrue(extensionLetter.contains("王主任同意，答复期限延长10个工作日，本机关将于2025年11月19日前作出答复"), extensionLetter)
                let pdfNotYet = try await applicant.get(client, "/track/\(code)/notices/5.pdf")
                XCTAssertEqual(pdfNotYet.status, .notFound, "printed off the request path, later")

                // Table 三 of 2025 counts it, and the cell leads back to the case.
                let table = Self.page(try await staff.get(client, "/cases/table?year=2025"))
                let key = "requests.withheld.third_party.natural_person"
                XCTAssertNotNil(
                    table.range(
                        of: "data-key=\"\(key)\"><a href=\"/cases/cell\\?year=2025[^\"]*&amp;key=[^\"]+\">1</a>",
                        options: .regularExpression), database)
                let drill = Self.page(try await staff.get(client, "/cases/cell?year=2025&key=\(key)"))
                XCTAssertTrue(drill.contains("href=\"/cases/\(id)\""), database)
                let api = try await client.execute(
                    uri: "/api/cases/table?year=2025", method: .get,
                    headers: [.authorization: "Basic " + Data("officer:of-passphrase-2026".utf8).base64EncodedString()])
                let cells =
                    try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])["cells"]
                    as? [[String: Any]]
                let cell = try XCTUnwrap(cells?.first { $0["key"] as? String == key })
                XCTAssertEqual(cell["value"] as? Int, 1)
                XCTAssertEqual(cell["cases"] as? [Int], [id])

                // A reviewer sees the case but not the applicant's personal data; another agency's
                // officer does not even see the case, nor may do anything outside the casework.
                var reviewer = Browser()
                _ = try await reviewer.signIn(client, "reviewer", "rv-passphrase-2026")
                let reviewerView = Self.page(try await reviewer.get(client, "/cases/\(id)?personal=1"))
                XCTAssertTrue(reviewerView.contains("仅受理机关的办理人员可以查看") && !reviewerView.contains("110101199001011234"), database)
                var other = Browser()
                _ = try await other.signIn(client, "elsewhere", "el-passphrase-2026")
                let otherCase = try await other.get(client, "/cases/\(id)")
                XCTAssertEqual(otherCase.status, .notFound, database)
                let otherList = Self.page(try await other.get(client, "/cases?filter=all"))
                XCTAssertFalse(otherList.contains("张三"), "another agency's worklist: \(otherList)")
                let otherUpload = try await other.get(client, "/upload")
                XCTAssertEqual(otherUpload.status, .forbidden, "an officer handles requests, not reports")
                let otherAPI = try await client.execute(
                    uri: "/api/cases/\(id)", method: .get,
                    headers: [.authorization: "Basic " + Data("elsewhere:el-passphrase-2026".utf8).base64EncodedString()])
                XCTAssertEqual(otherAPI.status, .notFound)

                // Personal data: seen on request, the view audited, never in the export.
                let personal = Self.page(try await staff.get(client, "/cases/\(id)?personal=1"))
                XCTAssertTrue(personal.contains("110101199001011234"))
                let audit = try await store.auditLog()
                XCTAssertTrue(audit.contains { $0.action == "view-personal-data" && $0.user == "officer" })
                let csv = Self.page(try await staff.get(client, "/cases.csv?filter=all"))
                XCTAssertTrue(csv.contains("张三"))
                XCTAssertFalse(csv.contains("110101199001011234") || csv.contains("13800000000"))
                let purged = try await store.purgePersonalData(today: try XCTUnwrap(CalendarDate(iso: "2026-06-01")))
                XCTAssertEqual(purged, 1)
                let gone = try await store.applicantPersonal(caseID: id, viewer: "officer")
                XCTAssertNil(gone)
            }
        }
    }

    func testThePortalRefusesFloodsForgedPostsAndStrangersAtTheDesk() async throws {
        try await Libraries.each { store, database in
            let clock = TestClock("2025-09-26", "18:30")
            try await Self.app(store, clock).test(.router) { client in
                var applicant = Browser()
                let late = try await Self.apply(client, &applicant, name: "李四", idNumber: "1")
                let status = Self.page(try await applicant.get(client, try XCTUnwrap(late.headers[.location])))
                XCTAssertTrue(
                    status.contains("收到申请日期 2025-09-28"), "after hours on Friday: confirmed on the make-up Sunday, \(database)")
                // Five from one applicant in a day is the limit.
                for _ in 2...5 {
                    let next = try await Self.apply(client, &applicant, name: "李四", idNumber: "1")
                    XCTAssertEqual(next.status, .seeOther)
                }
                let sixth = try await Self.apply(client, &applicant, name: "李四", idNumber: "1")
                XCTAssertEqual(sixth.status, .tooManyRequests, database)
                XCTAssertNotNil(sixth.headers[.retryAfter])
                let forged = try await applicant.post(
                    client, "/apply", [("csrf", "forged"), ("name", "x"), ("description", "y")])
                XCTAssertEqual(forged.status, .forbidden)
                // An empty multipart boundary once reached a precondition in the parser: now a 400.
                let emptyBoundary = try await client.execute(
                    uri: "/apply", method: .post, headers: [.contentType: "multipart/form-data; boundary=\"\""],
                    body: ByteBuffer(string: "--\r\n"))
                XCTAssertEqual(emptyBoundary.status, .badRequest)
                // An address that would split an SMTP command is refused at the door.
                let applyForm = Self.page(try await applicant.get(client, "/apply"))
                let token = try XCTUnwrap(Browser.csrf(in: applyForm))
                let injected = try await applicant.post(
                    client, "/apply",
                    [("csrf", token), ("agency", "某市统计局"), ("name", "钱七"), ("description", "x"), ("email", "a@b.cn\r\nRSET")])
                XCTAssertEqual(injected.status, .badRequest)
                XCTAssertTrue(Self.page(injected).contains("电子邮箱地址不正确"), database)
                var stranger = Browser()
                let desk = try await stranger.get(client, "/cases")
                XCTAssertEqual(desk.status, .seeOther, "the desk needs a sign-in")
                let personal = try await stranger.get(client, "/cases/1?personal=1")
                XCTAssertEqual(personal.status, .seeOther)
                let api = try await client.execute(uri: "/api/cases", method: .get)
                XCTAssertEqual(api.status, .unauthorized)
                let unknown = try await stranger.get(client, "/track/NOSUCHCODE")
                XCTAssertEqual(unknown.status, .notFound)
            }
        }
    }

    func testTheDeadlineCalculatorAPI() async throws {
        try await Libraries.each { store, database in
            try await Self.app(store, TestClock("2025-09-26", "10:00")).test(.router) { client in
                let ok = try await client.execute(
                    uri:
                        "/api/deadline?received=2025-09-26&channel=in-person&event=consultation-sent:2025-10-09:某公司&event=consultation-answered:2025-10-20",
                    method: .get)
                let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(buffer: ok.body)) as? [String: Any])
                XCTAssertEqual(object["due"] as? String, "2025-11-11", database)
                XCTAssertEqual((object["trace"] as? [Any])?.count, 47)
                let impossible = try await client.execute(
                    uri: "/api/deadline?received=2025-09-26&channel=in-person&event=extension:2025-11-30:5", method: .get)
                XCTAssertEqual(impossible.status, .unprocessableContent)
                let malformed = try await client.execute(uri: "/api/deadline?received=2025-02-30&channel=in-person", method: .get)
                XCTAssertEqual(malformed.status, .badRequest)
            }
        }
    }

    func testNoticesArePrintedToPDFOffTheRequestPath() async throws {
        guard ["chromium", "chromium-browser", "libreoffice", "soffice"].contains(where: { Self.onPath($0) }) else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("scripts/test installs chromium and libreoffice") }
            throw XCTSkip("skipped: neither chromium nor libreoffice is installed to print notices")
        }
        try await Libraries.each { store, database in
            let stored = try await store.fileCase(
                NewCase(
                    agency: "某市统计局", applicantType: .commercial, applicantName: "某某有限公司", description: "企业名录", delivery: "电子邮件",
                    channel: .inPerson, received: try XCTUnwrap(CalendarDate(iso: "2026-02-10"))), by: "officer")
            try await store.setNoticePattern(agency: "某市统计局", pattern: "某统依公开〔{year}〕第{n}号", by: "admin")
            try await store.recordEvent(
                caseID: stored.id,
                CaseEvent(.consultationSent(party: "某某科技公司"), on: try XCTUnwrap(CalendarDate(iso: "2026-02-12"))),
                by: "officer")
            let tried = try await WebApp.printWaitingNotices(store: store)
            XCTAssertEqual(tried, 2, database)
            let notices = try await store.notices(caseID: stored.id)
            XCTAssertEqual(notices.map(\.number), ["某市统计局依申请公开〔2026〕1号", "某统依公开〔2026〕第2号"])
            XCTAssertTrue(notices.allSatisfy(\.hasPDF), "\(notices.map(\.pdfError))")
            let pdf = try await store.noticeFile(caseID: stored.id, seq: 2, format: "pdf")
            XCTAssertEqual(pdf.map { Array($0.prefix(5)) }, Array("%PDF-".utf8))
            let letter = String(
                decoding: try await store.noticeFile(caseID: stored.id, seq: 2, format: "html") ?? [], as: UTF8.self)
            // 15 working days from 02-12 across 春节 2026 (02-14 and 02-28 worked, 02-15 to 02-23 off): 03-11.
            XCTAssertTrue(letter.contains("某某科技公司：") && letter.contains("请于2026年3月11日前"), letter)
        }
    }

    func testTheFeeCalculatorAndTheYearsFees() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "officer", password: "of-passphrase-2026", role: .officer, agency: "某市统计局")
            var last = 0
            for day in 1...12 {
                let stored = try await store.fileCase(
                    NewCase(
                        agency: "某市统计局", applicantType: .naturalPerson, applicantName: "王五", description: "第\(day)件",
                        delivery: "纸质",
                        channel: .inPerson, received: try XCTUnwrap(CalendarDate(year: 2025, month: 3, day: day + 2))),
                    by: "officer")
                last = stored.id
            }
            let number = try await store.requestNumberInMonth(caseID: last)
            XCTAssertEqual(number, 12, database)
            try await store.recordEvent(
                caseID: last, CaseEvent(.feeNoticeSent(yuan: 100), on: try XCTUnwrap(CalendarDate(iso: "2025-03-17"))),
                by: "officer")
            try await store.recordEvent(
                caseID: last, CaseEvent(.feePaid, on: try XCTUnwrap(CalendarDate(iso: "2025-03-20"))), by: "officer")
            let twelfth = last
            try await Self.app(store, TestClock("2025-03-21", "10:00")).test(.router) { client in
                var staff = Browser()
                _ = try await staff.signIn(client, "officer", "of-passphrase-2026")
                let page = Self.page(try await staff.get(client, "/cases/\(twelfth)?pages=150"))
                XCTAssertTrue(page.contains("第 12 件，第11–30件，100 元"), database)
                XCTAssertTrue(page.contains("合计 <strong>1700 元</strong>"), database)
                let table = Self.page(try await staff.get(client, "/cases/table?year=2025"))
                XCTAssertTrue(table.contains("本年收取信息处理费 <strong>100</strong> 元"), database)
                let huge = try await staff.get(client, "/cases/\(twelfth)?pages=99999999999999999999")
                XCTAssertEqual(huge.status, .badRequest)
            }
        }
    }

    func testBulkCloseExportsTheCaseAuditAndTheCalendarPage() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "admin", password: "ad-passphrase-2026", role: .admin)
            var ids: [Int] = []
            for n in 1...3 {
                let stored = try await store.fileCase(
                    NewCase(
                        agency: "某市统计局", applicantType: .research, applicantName: "研究所\(n)", description: "=HYPERLINK(\"x\")",
                        delivery: "纸质",
                        channel: .post, received: try XCTUnwrap(CalendarDate(iso: "2026-12-10"))), by: "admin")
                ids.append(stored.id)
            }
            try await store.recordEvent(
                caseID: ids[2], CaseEvent(.correctionRequested(dueBy: nil), on: try XCTUnwrap(CalendarDate(iso: "2026-12-11"))),
                by: "admin")
            let caseIDs = ids
            try await Self.app(store, TestClock("2026-12-20", "10:00")).test(.router) { client in
                var admin = Browser()
                _ = try await admin.signIn(client, "admin", "ad-passphrase-2026")
                let csrf = try await admin.csrf(client, "/cases")
                let closed = try await admin.post(
                    client, "/cases/close",
                    [("csrf", csrf), ("outcome", "granted"), ("date", "2026-12-18")] + caseIDs.map { ("ids", "\($0)") })
                let message = Self.page(try await admin.get(client, try XCTUnwrap(closed.headers[.location])))
                XCTAssertTrue(message.contains("已办结 2 件；未能办结：\(caseIDs[2])"), database)
                let closedCount = try await store.worklist(filter: .closed, today: try XCTUnwrap(CalendarDate(iso: "2026-12-20")))
                    .count
                XCTAssertEqual(closedCount, 2)

                let workbook = try await admin.get(client, "/cases.xlsx?filter=all")
                XCTAssertEqual(workbook.status, .ok)
                XCTAssertEqual(Array(workbook.body.readableBytesView.prefix(2)), Array("PK".utf8))
                let csv = Self.page(try await admin.get(client, "/cases.csv?filter=all"))
                XCTAssertTrue(csv.contains("'=HYPERLINK"), "a formula is made inert")

                let casePage = Self.page(try await admin.get(client, "/cases/\(caseIDs[0])"))
                XCTAssertTrue(
                    casePage.contains("审核日志（2 条）") && casePage.contains("file-case") && casePage.contains("case-event"), database)
                XCTAssertTrue(casePage.contains("2027 年日历未载入"), "a due date in 2027 is provisional")

                // Adding 2027 on the calendar page recounts the open case and takes the flag away.
                let calendarCSRF = try await admin.csrf(client, "/admin/calendar")
                let bad = try await admin.post(
                    client, "/admin/calendar",
                    [("csrf", calendarCSRF), ("calendar", "year 2027\nsource 通知\nwork 2027-01-05 元旦\n")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(Self.page(bad).contains("line 3: 2027-01-05 is a Tue"), database)
                let good = try await admin.post(
                    client, "/admin/calendar",
                    [
                        ("csrf", calendarCSRF),
                        ("calendar", "year 2027\nsource 国务院办公厅关于2027年部分节假日安排的通知\noff 2027-01-01 2027-01-03 元旦\n"),
                    ])
                XCTAssertEqual(good.status, .seeOther)
                let calendarPage = Self.page(try await admin.get(client, try XCTUnwrap(good.headers[.location])))
                XCTAssertTrue(calendarPage.contains("已加入 2027 年") && calendarPage.contains("admin 于"), database)
                let open = try await store.caseRecord(id: caseIDs[2])
                XCTAssertEqual(open?.state, "awaiting-correction")
                let reopened = try await store.caseDeadline(id: caseIDs[0])
                XCTAssertFalse(reopened.isProvisional)
            }
        }
    }

    func testAnIdentityDocumentUploadedInThePortalIsSeenOnlyByTheAgencysOfficers() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "officer", password: "of-passphrase-2026", role: .officer, agency: "某市统计局")
            try await store.addUser(name: "reviewer", password: "rv-passphrase-2026", role: .reviewer)
            try await Self.app(store, TestClock("2025-09-26", "10:00")).test(.router) { client in
                var applicant = Browser()
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
                func apply(_ file: [UInt8], name: String) async throws -> TestResponse {
                    let form = Self.page(try await applicant.get(client, "/apply"))
                    let token = try XCTUnwrap(Browser.csrf(in: form))
                    return try await applicant.upload(
                        client, "/apply",
                        fields: [
                            ("csrf", token), ("agency", "某市统计局"), ("kind", "person"), ("name", "赵六"), ("description", "公报"),
                            ("id_number", "1"),
                        ],
                        files: [(field: "identity", name: name, bytes: file)])
                }
                let refused = try await apply(Array("MZ executable".utf8), name: "id.exe")
                XCTAssertEqual(refused.status, .badRequest)
                XCTAssertTrue(Self.page(refused).contains("证件材料须为 PDF、JPEG 或 PNG 文件"), database)
                let filed = try await apply(png, name: "身份证.png")
                XCTAssertEqual(filed.status, .seeOther, database)
                let cases = try await store.worklist(filter: .all, today: try XCTUnwrap(CalendarDate(iso: "2025-09-26")))
                let id = try XCTUnwrap(cases.first?.id)

                var officer = Browser()
                _ = try await officer.signIn(client, "officer", "of-passphrase-2026")
                let officerView = Self.page(try await officer.get(client, "/cases/\(id)"))
                XCTAssertTrue(officerView.contains("身份证.png"))
                let document = try await officer.get(client, "/cases/\(id)/attachments/1")
                XCTAssertEqual(Array(document.body.readableBytesView), png, database)
                var reviewer = Browser()
                _ = try await reviewer.signIn(client, "reviewer", "rv-passphrase-2026")
                let reviewerView = Self.page(try await reviewer.get(client, "/cases/\(id)"))
                XCTAssertFalse(reviewerView.contains("身份证.png"))
                let forbidden = try await reviewer.get(client, "/cases/\(id)/attachments/1")
                XCTAssertEqual(forbidden.status, .forbidden)
                let audit = try await store.caseAudit(id: id)
                XCTAssertTrue(audit.contains { $0.action == "view-personal-data" && $0.detail == "attachment 1" })
            }
        }
    }

    func testALapsedWaitShowsAmongTheOverdue() async throws {
        try await Libraries.each { store, database in
            try await store.addUser(name: "officer", password: "of-passphrase-2026", role: .officer, agency: "某市统计局")
            let stored = try await store.fileCase(
                NewCase(
                    agency: "某市统计局", applicantType: .naturalPerson, applicantName: "孙八", description: "x", delivery: "纸质",
                    channel: .inPerson, received: try XCTUnwrap(CalendarDate(iso: "2025-09-26"))), by: "officer")
            try await store.recordEvent(
                caseID: stored.id,
                CaseEvent(
                    .correctionRequested(dueBy: CalendarDate(iso: "2025-10-10")),
                    on: try XCTUnwrap(CalendarDate(iso: "2025-09-29"))),
                by: "officer")
            let waiting = try await store.caseRecord(id: stored.id)
            XCTAssertEqual(waiting?.waitsUntil?.description, "2025-10-10", database)
            try await Self.app(store, TestClock("2025-10-20", "10:00")).test(.router) { client in
                var staff = Browser()
                _ = try await staff.signIn(client, "officer", "of-passphrase-2026")
                let overdue = Self.page(try await staff.get(client, "/cases?filter=overdue"))
                XCTAssertTrue(overdue.contains("孙八") && overdue.contains("等待已过期，需处理"), database)
            }
        }
    }

    private static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
}
