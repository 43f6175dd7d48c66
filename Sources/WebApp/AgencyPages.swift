import AnnualReport
import Store

/// The agency page (every year, a chart, continuity findings) and the comparison of two reports.
enum AgencyPages {
    /// A series drawn on the agency chart: the 总计 of the table 三 rows `row` stands for.
    struct Series: Sendable {
        let label: String
        let color: String
        let row: RowKey

        func keys(_ format: ReportFormat) -> [String] {
            (format.rows[.requests] ?? []).map(\.key).filter(row.contains).map { $0 + "." + ColumnKey.total.rawValue }
        }
    }

    static let series = [
        Series(label: "新收申请", color: "#8b1a1a", row: .newRequests),
        Series(label: "予以公开", color: "#2f6f3e", row: .granted),
        Series(label: "部分公开", color: "#6b8e23", row: .partlyGranted),
        Series(label: "不予公开", color: "#b8860b", row: .withheld),
        Series(label: "无法提供", color: "#4169e1", row: .unable),
    ]

    static func value(_ report: Report, _ keys: [String]) -> CellNumber? {
        let values = keys.map { report.value($0) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return CellNumber.sum(values.compactMap { $0 })
    }

    static func agency(
        _ name: String, years: [(stored: StoredReport, report: Report)], continuity: [StoredFinding], session: Session?
    ) -> HTML {
        var rows: HTML = ""
        for (stored, report) in years {
            let cells = series.map { s in value(report, s.keys(report.format))?.description ?? "—" }.map { v -> HTML in
                "<td>\(v)</td>"
            }
            .joined()
            rows +=
                "<tr><td><a href=\"/reports/\(stored.id)\">\(stored.year.map(String.init) ?? "—")</a></td>\(cells)<td>\(stored.errors)</td></tr>\n"
        }
        var findings: HTML = ""
        for f in continuity {
            findings +=
                "<li class=\"sev-\(f.severity)\">\(f.message) <span class=\"muted\">[\(f.check)]</span></li>"
        }
        let header = series.map { s -> HTML in "<th>\(s.label)</th>" }.joined()
        let list: HTML = findings.isEmpty ? "<li>未发现问题</li>" : findings
        let body: HTML = """
            <h1>\(name)</h1>
            \(chart(years.map(\.report)))
            <div class="table-wrap"><table class="list"><tr><th>年度</th>\(header)<th>错误</th></tr>\(rows)</table></div>
            <h2>跨年度检查</h2>
            <ul class="findings">\(list)</ul>
            """
        return Page.render(title: name, body: body, session: session)
    }

    /// A line chart of the series over the years, as inline SVG (no JavaScript).
    static func chart(_ reports: [Report]) -> HTML {
        let points = reports.compactMap { r in r.year.map { ($0, r) } }.sorted { $0.0 < $1.0 }
        guard points.count >= 1 else { return "" }
        let width = 640.0, height = 240.0, left = 50.0, bottom = 30.0
        let maxValue = max(
            1, points.flatMap { p in series.compactMap { value(p.1, $0.keys(p.1.format))?.doubleValue } }.max() ?? 1)
        func x(_ i: Int) -> Double {
            points.count == 1 ? left + (width - left) / 2 : left + Double(i) * (width - left - 20) / Double(points.count - 1)
        }
        func y(_ v: Double) -> Double { height - bottom - v / maxValue * (height - bottom - 10) }
        var svg: HTML =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height + 20))\" width=\"100%\" role=\"img\" aria-label=\"历年申请与办理结果\">"
        svg += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(width)\" y2=\"\(y(0))\" stroke=\"#999\"/>"
        svg +=
            "<text x=\"4\" y=\"\(y(maxValue) + 4)\" font-size=\"11\">\(axisLabel(maxValue))</text><text x=\"4\" y=\"\(y(0))\" font-size=\"11\">0</text>"
        for (i, p) in points.enumerated() {
            svg += "<text x=\"\(x(i) - 14)\" y=\"\(height - 8)\" font-size=\"12\">\(p.0)</text>"
        }
        for (n, s) in series.enumerated() {
            let coords = points.enumerated().compactMap { i, p in
                value(p.1, s.keys(p.1.format)).map { "\(x(i)),\(y($0.doubleValue))" }
            }
            if coords.count > 1 {
                let line = coords.joined(separator: " ")
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"2\" points=\"\(line)\"/>"
            }
            for c in coords {
                let xy = c.split(separator: ",").map(String.init)
                guard xy.count == 2 else { continue }
                svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(s.color)\"/>"
            }
            svg += "<rect x=\"\(left + Double(n) * 110)\" y=\"\(height + 4)\" width=\"10\" height=\"10\" fill=\"\(s.color)\"/>"
            svg += "<text x=\"\(left + Double(n) * 110 + 14)\" y=\"\(height + 13)\" font-size=\"12\">\(s.label)</text>"
        }
        return svg + "</svg>"
    }

    /// The top of the chart's axis: a whole number where one fits (a misread 19-digit cell must not
    /// trap the conversion), else the value as it is.
    static func axisLabel(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Two reports side by side, cell by cell, differences highlighted.
    static func compare(_ a: (StoredReport, Report), _ b: (StoredReport, Report)) -> HTML {
        var rows: HTML = ""
        var differences = 0
        for (i, cell) in a.1.format.cells.enumerated() {
            let left = a.1.cells[i].value
            let right = b.1.cell(cell.key)?.value
            let differs = left != right
            if differs { differences += 1 }
            let mark: HTML = differs ? " class=\"differs\"" : ""
            rows +=
                "<tr\(mark)><td>\(a.1.format.label(ofCell: i))</td><td>\(left?.description ?? "—")</td><td>\(right?.description ?? "—")</td></tr>\n"
        }
        let title = { (s: StoredReport) in "\(s.agency ?? "（机关不详）") \(s.year.map(String.init) ?? "")" }
        let body: HTML = """
            <h1>比较</h1>
            <p><a href="/reports/\(a.0.id)">\(title(a.0))</a> 与 <a href="/reports/\(b.0.id)">\(title(b.0))</a>：\(differences) 处不同</p>
            <div class="table-wrap"><table class="list"><tr><th>单元格</th><th>\(title(a.0))</th><th>\(title(b.0))</th></tr>\(rows)</table></div>
            """
        return Page.render(title: "比较", body: body)
    }
}
