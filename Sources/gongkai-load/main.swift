// The library at scale: generates a province's register (cities, counties, townships, thousands of
// agencies) and years of their reports (valid ones, some with broken totals, some published late,
// some under a name the register does not know), imports them through the store as `gongkai import`
// does, then serves the library and times the pages, reports memory, and runs wrk when installed.
//
//   swift run -c release gongkai-load [REPORTS] [DATA_DIR]      default 100000, /tmp/gongkai-load
//   GONGKAI_LOAD_DATABASE=postgres://… to load PostgreSQL instead of SQLite.
import AnnualReport
import Foundation
import ReportSynthesis
import Store
import WebApp

let arguments = CommandLine.arguments.dropFirst()
let target = arguments.first.flatMap(Int.init) ?? 100_000
let folder = arguments.dropFirst().first ?? "/tmp/gongkai-load"
let port = 28_080
let years = Array(2019...2025)

/// The resident memory now, and its peak (the kernel lists the peak, VmHWM, first).
func memory() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> String {
        status.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map {
            $0.split(whereSeparator: \.isWhitespace).dropFirst().joined(separator: " ")
        } ?? "?"
    }
    return "\(field("VmRSS")) (peak \(field("VmHWM")))"
}

func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

// The register: one province, its cities, counties and townships, and their agencies.
let departments = [
    "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "体育局", "信访局", "数据局", "城市管理局", "行政审批局",
    "国有资产监督管理委员会", "民族宗教事务局", "地方金融管理局", "粮食和物资储备局", "人民防空办公室", "机关事务管理局",
]
let syllables = Array("东西南北中清河山平安宁远新华兴隆丰泰和永长广济临海阳川江湖源溪林石桥")
var usedNames = Set<String>()
var nameRandom = SeededRandom(state: 7)
@MainActor func placeName(_ suffix: String) -> String {
    // Two syllables while they last (there are about a thousand pairs), then three.
    for attempt in 0... {
        let length = attempt < 40 ? 2 : 3
        let name = String((0..<length).compactMap { _ in syllables.randomElement(using: &nameRandom) }) + suffix
        if usedNames.insert(name).inserted { return name }
    }
    return suffix
}
let perAgency = Double(target) / Double(years.count) / 0.92
let countiesPerCity = 10, townshipsPerCounty = 8
let agenciesPerCity = 1 + 30 + countiesPerCity * (1 + departments.count) + countiesPerCity * townshipsPerCounty
let cityCount = max(1, Int((perAgency / Double(agenciesPerCity)).rounded(.up)))
var csv = "省,市,县,乡镇,机关,类型\n"
var agencies: [(name: String, government: Bool)] = []
@MainActor func add(_ regions: [String], _ agency: String, government: Bool) {
    csv +=
        (regions + Array(repeating: "", count: 4 - regions.count)).joined(separator: ",")
        + ",\(agency),\(government ? "政府" : "部门")\n"
    agencies.append((agency, government))
}
let province = "测试省"
add([province], "测试省人民政府", government: true)
for d in departments.prefix(30) { add([province], "测试省" + d.replacingOccurrences(of: "局", with: "厅"), government: false) }
for _ in 0..<cityCount {
    let city = placeName("市")
    add([province, city], city + "人民政府", government: true)
    for d in departments.prefix(30) { add([province, city], city + d, government: false) }
    for _ in 0..<countiesPerCity {
        let county = placeName("县")
        add([province, city, county], city + county + "人民政府", government: true)
        for d in departments { add([province, city, county], city + county + d, government: false) }
        for _ in 0..<townshipsPerCounty {
            let township = placeName("镇")
            add([province, city, county, township], county + township + "人民政府", government: true)
        }
    }
}

// GONGKAI_LOAD_REUSE=1 times the pages of a library loaded before, without loading again.
let reuse = ProcessInfo.processInfo.environment["GONGKAI_LOAD_REUSE"] == "1"
if !reuse { try? FileManager.default.removeItem(atPath: folder) }
let database = ProcessInfo.processInfo.environment["GONGKAI_LOAD_DATABASE"]
if database != nil, !reuse {
    let old = try await ReportStore.open(database: database, dataDirectory: folder)
    try await old.dropEverything()
    try await old.close()
}
let store = try await ReportStore.open(database: database, dataDirectory: folder)
let clock = ContinuousClock.now
let added = reuse ? (regions: 0, agencies: 0) : try await store.loadRegister(csv: csv)
say("register: \(added.regions) regions, \(added.agencies) agencies loaded in \(ContinuousClock.now - clock)")

// The reports: every agency, every year, 92% of them reporting; 4% with a broken total, 8% late,
// 2% under a shortened name.
var random = SeededRandom(state: 2026)
var synthesizer = ReportSynthesizer(random: SeededRandom(state: 11))
var imported = 0, failed = 0, broken = 0, late = 0, renamed = 0
var importTime = Duration.zero, generateTime = Duration.zero
let started = ContinuousClock.now
var pending: [(bytes: [UInt8], name: String)] = []
var submitted = 0
// Two batches in flight: the next is read and checked while the previous one is being stored.
var inFlight: Task<[ImportOutcome], Error>?
@MainActor func tally(_ outcomes: [ImportOutcome]) {
    for outcome in outcomes {
        switch outcome {
        case .imported: imported += 1
        case .duplicate: break
        case .failed(let error):
            failed += 1
            say("unreadable: \(error)")
        }
    }
}
@MainActor func flush() async throws {
    let batch = pending
    pending = []
    let previous = inFlight
    inFlight = Task { try await store.importFiles(batch) }
    if let previous { tally(try await previous.value) }
}
outer: for year in years where !reuse {
    let format = ReportFormat.layout(FormatVersion.required(forYear: year))
    let newTotal = format.index(of: RowKey.requestsTotal.cell(.naturalPerson))
    for agency in agencies where Double.random(in: 0..<1, using: &random) < 0.92 {
        if submitted >= target { break outer }
        submitted += 1
        let t0 = ContinuousClock.now
        var values = synthesizer.values(for: format)
        if Double.random(in: 0..<1, using: &random) < 0.04, let i = newTotal {
            values[i] = CellNumber.sum([values[i], CellNumber(1)]) ?? values[i]
            broken += 1
        }
        var name = agency.name
        if Double.random(in: 0..<1, using: &random) < 0.02 {
            name = name.replacingOccurrences(of: "人民政府", with: "政府").replacingOccurrences(of: "和", with: "")
            renamed += 1
        }
        let lateMonth = Double.random(in: 0..<1, using: &random) < 0.08 ? 5 : 1
        if lateMonth == 5 { late += 1 }
        let layout = SynthLayout.allCases[Int.random(in: 0..<3, using: &random)]
        var text = synthesizer.text(format: format, values: values, layout: layout, agency: name, year: year)
        text += "\n\(name)\n\(year + 1)年\(lateMonth)月\(Int.random(in: 10...28, using: &random))日\n"
        generateTime += ContinuousClock.now - t0
        pending.append((Array(text.utf8), "\(year)/\(agency.name).txt"))
        if pending.count >= ReportStore.importBatch { try await flush() }
        if imported > 0, imported % 10_000 < ReportStore.importBatch, pending.isEmpty {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            say("  \(imported) imported, \(Int(Double(imported) / seconds)) reports/s, memory \(memory())")
        }
    }
}
try await flush()
if let last = inFlight { tally(try await last.value) }
importTime = ContinuousClock.now - started
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
say(
    "import: \(imported) reports (\(broken) with a broken total, \(late) late, \(renamed) under a shortened name, \(failed) unreadable) in \(String(format: "%.1f", seconds(importTime))) s = \(Int(Double(imported) / seconds(importTime))) reports/s (generating them took \(String(format: "%.1f", seconds(generateTime))) s of that)"
)
say("memory after import: \(memory())")
if FileManager.default.fileExists(atPath: folder + "/gongkai.sqlite") {
    let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/gongkai.sqlite")[.size] as? Int) ?? 0
    say("database file: \(size / 1_000_000) MB")
}

// Serve it and time the pages a reviewer opens, cold (first view) and warm.
let server = Task { try await WebApp.serve(store: store, host: "127.0.0.1", port: port) }
try await Task.sleep(for: .seconds(1))
let sample = try await store.reports(ReportFilter(year: 2024, limit: 1)).first
let region = try await store.regions(parentID: 0).first
let city = try await store.regions(parentID: region?.id ?? 0).first
let county = try await store.regions(parentID: city?.id ?? 0).first
let pages = [
    ("library, first page", "/"),
    ("library, 2023 with errors", "/?year=2023&errors=1"),
    ("library, search", "/?q=%E7%BB%9F%E8%AE%A1%E5%B1%80&year=2024"),
    ("dashboard, whole register 2024", "/regions/0?year=2024"),
    ("dashboard, province 2024", "/regions/\(region?.id ?? 0)?year=2024"),
    ("dashboard, city 2024", "/regions/\(city?.id ?? 0)?year=2024"),
    ("dashboard, county 2024", "/regions/\(county?.id ?? 0)?year=2024"),
    ("drill-down, province requests.new.total", "/regions/\(region?.id ?? 0)/cells/requests.new.total?year=2024"),
    ("report page", "/reports/\(sample?.id ?? 1)"),
    ("agency page (7 years)", "/agencies/id/\(sample?.agencyID ?? 1)"),
    ("name review", "/review/names"),
    ("API list (100)", "/api/reports?limit=100&year=2024"),
    ("API report", "/api/reports/\(sample?.id ?? 1)"),
    ("API dashboard, province", "/api/regions/\(region?.id ?? 0)?year=2024"),
]
@MainActor func time(_ path: String) throws -> (ms: Double, status: String, bytes: Int) {
    let curl = Process()
    curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    curl.arguments = [
        "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_download}", "http://127.0.0.1:\(port)\(path)",
    ]
    let pipe = Pipe()
    curl.standardOutput = pipe
    try curl.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
    curl.waitUntilExit()
    return ((Double(out[1]) ?? 0) * 1000, String(out[0]), Int(out[2]) ?? 0)
}
say("\npage times (ms), first view then the best of 5:")
for (name, path) in pages {
    let cold = try time(path)
    let warm = try (0..<5).map { _ in try time(path).ms }.min() ?? 0
    say(
        String(
            format: "  %-42@ %4@  cold %7.1f  warm %7.1f  %7d bytes", name as NSString, cold.status as NSString, cold.ms, warm,
            cold.bytes))
}
say("memory after the pages: \(memory())")

// wrk: latency percentiles under load from a second process.
if let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile(atPath:)) {
    for (name, path) in [
        ("report page", "/reports/\(sample?.id ?? 1)"), ("API report", "/api/reports/\(sample?.id ?? 1)"),
        ("API list", "/api/reports?limit=100&year=2024"),
    ] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c8", "-d10s", "--latency", "http://127.0.0.1:\(port)\(path)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // The latency distribution's lines ("  75%   12.02ms") and the rate; not the per-thread table.
        let lines = out.split(separator: "\n").filter { line in
            let fields = line.split(whereSeparator: \.isWhitespace)
            return (fields.count == 2 && ["50%", "75%", "90%", "99%"].contains(fields[0])) || line.contains("Requests/sec")
        }
        say(
            "wrk \(name): "
                + lines.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.joined(separator: "; "))
    }
    say("memory after wrk: \(memory())")
} else {
    say("wrk is not installed (apt-get install wrk): no latency percentiles")
}
server.cancel()
