// The casework at scale: one agency's year of requests (10,000 by default; the busiest city reports
// show about 3,000) with corrections, consultations, extensions, fees and every kind of reply, filed
// and driven through the store as the desk does, then served: the worklist, table 三, its drill-down,
// a case page and the API timed, cold and warm. Notices are stored as Word and HTML; printing their
// PDFs is left off (a real year's notices print in the background over the year).
//
//   swift run -c release gongkai-caseload [CASES] [DATA_DIR]      default 10000, /tmp/gongkai-caseload
//   GONGKAI_LOAD_DATABASE=postgres://… to load PostgreSQL instead of SQLite.
import AnnualReport
import Casework
import Foundation
import ReportSynthesis
import Store
import WebApp

let arguments = CommandLine.arguments.dropFirst()
let target = arguments.first.flatMap(Int.init) ?? 10_000
let folder = arguments.dropFirst().first ?? "/tmp/gongkai-caseload"
let port = 28_090
let agency = "某市人民政府办公室"
let password = "busy-office-2025"

func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let store: ReportStore
if let url = ProcessInfo.processInfo.environment["GONGKAI_LOAD_DATABASE"] {
    let wipe = try await ReportStore.open(databaseURL: url)
    try await wipe.dropEverything()
    try await wipe.close()
    store = try await ReportStore.open(databaseURL: url)
} else {
    try? FileManager.default.removeItem(atPath: folder)
    store = try await ReportStore.open(dataDirectory: folder)
}
try await store.addUser(name: "officer", password: password, role: .reviewer)

// A year of requests: received on the year's working days (a few in the December before), each
// driven through the events a real one meets.
let calendar = WorkingCalendar.bundled
var random = SeededRandom(state: 11)
guard let firstDay = CalendarDate(iso: "2024-12-01"), let lastDay = CalendarDate(iso: "2025-12-31") else { fatalError("dates") }
let workingDays = (firstDay.dayNumber...lastDay.dayNumber).compactMap(CalendarDate.init(dayNumber:)).filter {
    calendar.kind(of: $0).isWorking
}
let replies: [(ReplyKind, Int)] = [
    (.granted, 40), (.partlyGranted, 12), (.alreadyPublic, 8), (.notHeld, 15), (.needsCreation, 3), (.thirdParty, 3),
    (.processInformation, 3),
    (.internalAffairs, 2), (.stateSecret, 1), (.complaint, 4), (.repeated, 3), (.publication, 1), (.excessive, 1),
    (.confirmation, 1),
]
let replyWeights = replies.reduce(0) { $0 + $1.1 }
@MainActor func pickReply() -> ReplyKind {
    var roll = Int.random(in: 0..<replyWeights, using: &random)
    for (kind, weight) in replies {
        if roll < weight { return kind }
        roll -= weight
    }
    return .granted
}
func later(_ date: CalendarDate, _ workingDaysLater: Int) -> CalendarDate {
    calendar.nthWorkingDay(workingDaysLater, after: date) ?? date
}

var filed = 0, events = 0, refused = 0
let started = ContinuousClock.now
for n in 0..<target {
    let received = workingDays[min(workingDays.count - 1, n * workingDays.count / target)]
    let channel = [Channel.online, .online, .online, .post, .inPerson, .fax][Int.random(in: 0..<6, using: &random)]
    let applicant = ApplicantType.allCases[[0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5][Int.random(in: 0..<12, using: &random)]]
    let stored = try await store.fileCase(
        NewCase(
            agency: agency, applicantType: applicant, applicantName: "申请人\(n % 3000)", description: "第\(n)件申请所需的政府信息",
            delivery: "电子邮件", channel: channel, received: received,
            personal: ApplicantPersonal(idType: "身份证", idNumber: "11010119900101\(String(format: "%04d", n % 10000))")),
        by: "load")
    filed += 1
    var plan: [CaseEvent] = []
    var day = received
    let roll = Int.random(in: 0..<100, using: &random)
    if roll < 12 {
        day = later(day, 2)
        plan.append(CaseEvent(.correctionRequested(dueBy: later(day, 10)), on: day))
        if roll < 10 {
            day = later(day, 4)
            plan.append(CaseEvent(.correctionReceived, on: day))
        } else {
            plan.append(CaseEvent(.correctionOverdue, on: later(day, 11)))
        }
    } else if roll < 20 {
        day = later(day, 3)
        plan.append(CaseEvent(.consultationSent(party: "第三方\(n)"), on: day))
        day = later(day, 8)
        plan.append(CaseEvent(.consultationAnswered(party: "第三方\(n)"), on: day))
    } else if roll < 24 {
        day = later(day, 3)
        plan.append(CaseEvent(.feeNoticeSent(yuan: 100), on: day))
        day = later(day, 6)
        plan.append(CaseEvent(.feePaid, on: day))
    }
    if roll % 10 == 3 {
        day = later(day, 15)
        plan.append(CaseEvent(.extensionApproved(workingDays: 15, approvedBy: "办公室主任"), on: day))
    }
    if roll != 10 && roll != 11, Int.random(in: 0..<100, using: &random) < 97 {
        plan.append(
            CaseEvent(roll == 99 ? .withdrawn : .replied(pickReply()), on: later(day, Int.random(in: 2...14, using: &random))))
    }
    for event in plan where event.date <= lastDay {
        do {
            try await store.recordEvent(caseID: stored.id, event, by: "load")
            events += 1
        } catch is CaseError {
            refused += 1
            break
        }
    }
    if filed % 2000 == 0 { say("  \(filed) cases filed, \(Int(Double(filed) / seconds(ContinuousClock.now - started))) cases/s") }
}
let loadTime = seconds(ContinuousClock.now - started)
say(
    "filed \(filed) cases and recorded \(events) events (\(refused) refused as impossible) in \(String(format: "%.1f", loadTime)) s: \(Int(Double(filed) / loadTime)) cases/s, \(Int(Double(filed + events) / loadTime)) events/s (each with its notice in Word)"
)

var configuration = WebApp.Configuration()
configuration.printsNotices = false
guard let tenOClock = TimeOfDay(hour: 10, minute: 0) else { fatalError("time") }
configuration.clock = .fixed(lastDay, tenOClock)
let server = Task { try await WebApp.serve(store: store, host: "127.0.0.1", port: port, configuration: configuration) }
try await Task.sleep(for: .seconds(1))

let jar = folder + "-cookies.txt"
@MainActor @discardableResult func curl(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "-b", jar, "-c", jar] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return out
}
try? FileManager.default.removeItem(atPath: jar)
let login = try curl(["http://127.0.0.1:\(port)/login"])
let token = login.range(of: "name=\"csrf\" value=\"").map { String(login[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
try curl([
    "-o", "/dev/null", "--data", "csrf=\(token)&name=officer&password=\(password)&next=/cases", "http://127.0.0.1:\(port)/login",
])

let sample = try await store.worklist(filter: .closed, today: lastDay, limit: 1).first
let code = sample?.trackingCode ?? ""
let pages = [
    ("worklist, active", "/cases"), ("worklist, overdue", "/cases?filter=overdue"),
    ("worklist, due soon", "/cases?filter=due-soon"),
    ("worklist, closed, page 50", "/cases?filter=closed&page=50"), ("table 三 2025", "/cases/table?year=2025"),
    ("drill-down requests.granted.total", "/cases/cell?year=2025&key=requests.granted.total"),
    ("case page", "/cases/\(sample?.id ?? 1)"), ("tracking page", "/track/\(code)"), ("CSV export, all", "/cases.csv?filter=all"),
    ("API worklist (100)", "/api/cases?limit=100"), ("API table 三", "/api/cases/table?year=2025"),
    ("API case", "/api/cases/\(sample?.id ?? 1)"),
    ("API deadline", "/api/deadline?received=2025-09-26&channel=in-person"),
]
@MainActor func time(_ path: String) throws -> (ms: Double, status: String, bytes: Int) {
    let out = try curl([
        "-u", "officer:\(password)", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_download}",
        "http://127.0.0.1:\(port)\(path)",
    ])
    .split(separator: " ")
    guard out.count == 3 else { return (0, "?", 0) }
    return ((Double(out[1]) ?? 0) * 1000, String(out[0]), Int(out[2]) ?? 0)
}
say("\npage times (ms), first view then the best of 5:")
for (name, path) in pages {
    let cold = try time(path)
    let warm = try (0..<5).map { _ in try time(path).ms }.min() ?? 0
    say(
        String(
            format: "  %-38@ %4@  cold %7.1f  warm %7.1f  %9d bytes", name as NSString, cold.status as NSString, cold.ms, warm,
            cold.bytes))
}
server.cancel()
try? FileManager.default.removeItem(atPath: jar)
