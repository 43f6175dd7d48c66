import AnnualReport

/// A seeded generator (SplitMix64), so that every failure can be replayed.
public struct SeededRandom: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How a synthesized report lays out its tables, as real reports do.
public enum SynthLayout: CaseIterable, Sendable {
    /// One row per line, cells separated by tabs (PDF text, Word copied).
    case tabRows
    /// One cell per line (HTML tables saved as text).
    case cellPerLine
    /// `| a | b |` rows (Markdown, scraped HTML).
    case pipeRows
    /// Cells run together with no separator (web page text).
    case runTogether
}

/// Random reports that satisfy every identity, and their text in a layout.
public struct ReportSynthesizer {
    public var random: SeededRandom

    public init(random: SeededRandom) { self.random = random }

    public mutating func count(_ zeroShare: Double = 0.55, max: Int = 40) -> Int64 {
        Double.random(in: 0..<1, using: &random) < zeroShare ? 0 : Int64.random(in: 1...Int64(max), using: &random)
    }

    /// Cell values of a valid report in a layout.
    public mutating func values(for format: ReportFormat) -> [CellNumber] {
        var v = Array(repeating: CellNumber(0), count: format.cells.count)
        let rows = format.rows[.requests] ?? []
        func cell(_ row: RowKey, _ c: Int) -> Int? {
            rows.firstIndex { $0.key == row.rawValue }.map { format.cellIndex(table: .requests, row: $0, column: c) }
        }
        for c in 0..<6 {
            var total: Int64 = 0
            for (r, row) in rows.enumerated() where row.isOutcomeLeaf {
                let n = count(0.7, max: 30)
                v[format.cellIndex(table: .requests, row: r, column: c)] = CellNumber(n)
                total += n
            }
            let carriedOver = count(0.7, max: 10)
            let carriedIn = min(count(0.7, max: 10), total + carriedOver)
            if let i = cell(.requestsTotal, c) { v[i] = CellNumber(total) }
            if let i = cell(.carriedOver, c) { v[i] = CellNumber(carriedOver) }
            if let i = cell(.carriedIn, c) { v[i] = CellNumber(carriedIn) }
            if let i = cell(.newRequests, c) { v[i] = CellNumber(total + carriedOver - carriedIn) }
        }
        for r in rows.indices {
            let sum = (0..<6).reduce(Int64(0)) {
                $0 + (v[format.cellIndex(table: .requests, row: r, column: $1)].integerValue ?? 0)
            }
            v[format.cellIndex(table: .requests, row: r, column: 6)] = CellNumber(sum)
        }
        for r in (format.rows[.appeals] ?? []).indices {
            var sum: Int64 = 0
            for c in 0..<4 {
                let n = count(0.6, max: 12)
                v[format.cellIndex(table: .appeals, row: r, column: c)] = CellNumber(n)
                sum += n
            }
            v[format.cellIndex(table: .appeals, row: r, column: 4)] = CellNumber(sum)
        }
        for (r, row) in (format.rows[.proactive] ?? []).enumerated() {
            for (c, column) in row.columns.enumerated() {
                let i = format.cellIndex(table: .proactive, row: r, column: c)
                if column.key == "amount_wan_yuan" {
                    v[i] = CellNumber(mantissa: count(0.3, max: 900_000), scale: 2)
                } else if column.key == "change" {
                    v[i] = CellNumber(count(0.5, max: 60) * (Bool.random(using: &random) ? 1 : -1))
                } else {
                    v[i] = CellNumber(count(0.3, max: 3000))
                }
            }
            if row.columns.map(\.key) == [ColumnKey.made, .published, .total].map(\.rawValue) {
                let a = format.cellIndex(table: .proactive, row: r, column: 1), b = a + 1
                if v[b] < v[a] { v.swapAt(a, b) }
            }
        }
        return v
    }

    /// The report as text: title, the six sections, the three tables in `layout`.
    public func text(format: ReportFormat, values: [CellNumber], layout: SynthLayout, agency: String, year: Int) -> String {
        var out = "\(agency)\(year)年政府信息公开工作年度报告\n\n"
        out += "本报告所列数据统计期限为\(year)年1月1日至\(year)年12月31日。\n\n一、总体情况\n\n"
        if let i = format.index(of: RowKey.newRequests.cell(.total)) {
            out += "\(year)年，本机关共收到政府信息公开申请\(values[i])件，均在法定期限内答复。\n\n"
        }
        out += "二、主动公开政府信息情况\n\n"
        var lastGroup: String?
        for (r, row) in (format.rows[.proactive] ?? []).enumerated() {
            if row.group != lastGroup, let group = row.group {
                out += group + "\n" + line(["信息内容"] + row.columns.map(\.label), layout: layout, header: true)
                lastGroup = group
            }
            let cells = row.columns.indices.map { c -> String in
                let value = values[format.cellIndex(table: .proactive, row: r, column: c)]
                if row.columns[c].key == "change", value > CellNumber(0) { return "+\(value)" }
                return row.columns[c].key == "amount_wan_yuan" ? "\(value)万元" : value.description
            }
            out += line([row.label] + cells, layout: layout)
        }
        out += "\n三、收到和处理政府信息公开申请情况\n\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
        out += line(["申请人情况", "自然人", "法人或其他组织", "总计"], layout: layout, header: true)
        out += line(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], layout: layout, header: true)
        var lastOutcome: String?
        for (r, row) in (format.rows[.requests] ?? []).enumerated() {
            var label = row.label
            if r == 2 { label = "三、本年度办理结果" + (layout == .runTogether ? "" : "\n") + label }
            if let group = row.group, group != lastOutcome {
                label = group + (layout == .runTogether ? "" : " ") + label
                lastOutcome = group
            }
            let cells = row.columns.indices.map { values[format.cellIndex(table: .requests, row: r, column: $0)].description }
            out += line([label] + cells, layout: layout)
        }
        out += "\n四、政府信息公开行政复议、行政诉讼情况\n\n"
        out += line(["行政复议", "行政诉讼"], layout: layout, header: true)
        out += line(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], layout: layout, header: true)
        let appealCells = format.cells.indices.filter { format.cells[$0].table == .appeals }.map { values[$0].description }
        out += layout == .runTogether ? appealCells.joined(separator: " ") + "\n" : line(appealCells, layout: layout)
        out += "\n五、存在的主要问题及改进情况\n\n工作人员业务水平有待提高。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。\n"
        return out
    }

    /// A complete valid report: values, agency, year, publication date and narrative.
    public mutating func report(format: ReportFormat, agency: String, year: Int) -> Report {
        var report = Report(origin: "synthesized", format: format)
        for (i, v) in values(for: format).enumerated() { report.cells[i] = Cell(value: v, status: .read, source: nil) }
        report.year = year
        report.agency = agency
        report.published = CalendarDate(year: year + 1, month: 1, day: Int.random(in: 5...28, using: &random))
        let paragraphs = ["本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开。", "全年通过门户网站主动公开政府信息，及时回应社会关切。"]
        report.sections[.overview] = SectionText(
            text: paragraphs.joined(separator: "\n"), source: SourceLocation(line: 1, column: 1), headingFound: true)
        report.sections[.problems] = SectionText(
            text: "工作人员业务水平有待提高。下一步将加强培训。", source: SourceLocation(line: 1, column: 1), headingFound: true)
        report.sections[.other] = SectionText(
            text: "本年度未收取信息处理费。", source: SourceLocation(line: 1, column: 1), headingFound: true)
        for id in [SectionID.proactive, .requests, .appeals] {
            report.sections[id] = SectionText(text: "", source: SourceLocation(line: 1, column: 1), headingFound: true)
        }
        return report
    }

    private func line(_ cells: [String], layout: SynthLayout, header: Bool = false) -> String {
        switch layout {
        case .tabRows: cells.joined(separator: "\t") + "\n"
        case .cellPerLine: cells.map { "\t" + $0 }.joined(separator: "\n") + "\n\n"
        case .pipeRows: "| " + cells.joined(separator: " | ") + " |\n"
        case .runTogether: header ? cells.joined(separator: " ") + " " : cells.joined() + " "
        }
    }
}
