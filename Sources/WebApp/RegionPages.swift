import AnnualReport
import Foundation
import ReportWriter
import Store

/// The region dashboard (who has reported, late ones, errors, summed tables) and the drill-down
/// from a summed number to the agencies behind it.
enum RegionPages {
    static func dashboard(_ view: DashboardView, session: Session?) -> HTML {
        let (region, lineage, year, years, summary) = (view.region, view.lineage, view.year, view.years, view.summary)
        let (children, agencies, missing, totals, unmatched) = (
            view.children, view.agencies, view.missing, view.totals, view.unmatched
        )
        let id = region?.id ?? 0
        let name = region?.name ?? "全部地区"
        var crumbs: HTML = "<a href=\"/regions/0?year=\(year)\">全部地区</a>"
        for r in lineage { crumbs += " › <a href=\"/regions/\(r.id)?year=\(year)\">\(r.name)</a>" }
        let yearLinks = years.map { y -> HTML in
            y == year ? "<strong>\(y)</strong>" : "<a href=\"/regions/\(id)?year=\(y)\">\(y)</a>"
        }.joined(separator: " ")
        func card(_ label: String, _ value: Int, _ link: HTML? = nil, _ cls: String = "") -> HTML {
            let number: HTML = link.map { "<a href=\"\($0)\">\(value)</a>" } ?? "\(value)"
            return "<div class=\"card \(cls)\"><strong>\(number)</strong>\(label)</div>"
        }
        let libraryLink: HTML = "/?year=\(year)\(region.map { r -> HTML in "&amp;region=\(r.id)" } ?? "")"
        let cards = [
            card("在册机关", summary.agencies),
            card("已发布报告", summary.reported, libraryLink),
            card("未发布", summary.missing, "#missing", summary.missing > 0 ? "n-error" : ""),
            card("逾期发布", summary.late, libraryLink + "&amp;late=1", summary.late > 0 ? "n-warning" : ""),
            card("有错误", summary.withErrors, libraryLink + "&amp;errors=1", summary.withErrors > 0 ? "n-error" : ""),
        ].joined()
        func flag(_ on: Bool, _ cls: String) -> String { on ? cls : "" }
        var childRows: HTML = ""
        for c in children {
            let s = c.summary
            childRows += """
                <tr><td><a href="/regions/\(c.region.id)?year=\(year)">\(c.region.name)</a></td><td>\(c.region.level.label)</td>\
                <td>\(s.agencies)</td><td>\(s.reported)</td><td class="\(flag(s.missing > 0, "n-error"))">\(s.missing)</td>\
                <td class="\(flag(s.late > 0, "n-warning"))">\(s.late)</td><td class="\(flag(s.withErrors > 0, "n-error"))">\(s.withErrors)</td></tr>

                """
        }
        let chart = BarChart(
            title: "各地区报告发布情况",
            series: [("已发布", "#2f6f3e"), ("其中有错误", "#b00000"), ("未发布", "#cccccc")],
            bars: children.map {
                BarChart.Bar(
                    label: $0.region.name, link: "/regions/\($0.region.id)?year=\(year)",
                    values: [$0.summary.reported - $0.summary.withErrors, $0.summary.withErrors, $0.summary.missing])
            })
        var agencyRows: HTML = ""
        for a in agencies {
            let reports: HTML =
                a.reports.isEmpty
                ? "<span class=\"n-error\">未发布</span>"
                : a.reports.map { r -> HTML in
                    let late: HTML = r.late ? " <span class=\"n-warning\">逾期</span>" : ""
                    return
                        "<a href=\"/reports/\(r.id)\">报告</a> 错误 \(r.errors) 警告 \(r.warnings)\(late) \(LibraryPages.reviewLabel(r.reviewState))"
                }.joined(separator: "；")
            agencyRows +=
                "<tr><td><a href=\"/agencies/id/\(a.agency.id)\">\(a.agency.name)</a></td><td>\(a.agency.kind.label)</td><td>\(reports)</td></tr>\n"
        }
        let missingList = missing.map { m -> HTML in "<li><a href=\"/agencies/id/\(m.id)\">\(m.name)</a></li>" }.joined()
        let yearLine: HTML = yearLinks.isEmpty ? "（还没有报告）" : yearLinks
        let unmatchedNote: HTML =
            unmatched > 0 && region == nil
            ? "<p class=\"notice-box\">另有 \(unmatched) 份报告的机关名称未能与名录匹配，不计入汇总：<a href=\"/review/names\">去审核</a></p>" : ""
        let childSection: HTML =
            children.isEmpty
            ? ""
            : "<h2>下级地区</h2>\(chart.svg())<div class=\"table-wrap\"><table class=\"list\"><tr><th>地区</th><th>层级</th><th>在册机关</th><th>已发布</th><th>未发布</th><th>逾期</th><th>有错误</th></tr>\(childRows)</table></div>"
        let agencySection: HTML =
            agencyRows.isEmpty
            ? ""
            : "<h2>本级机关</h2><div class=\"table-wrap\"><table class=\"list\"><tr><th>机关</th><th>类型</th><th>\(year) 年度报告</th></tr>\(agencyRows)</table></div>"
        let missingItems: HTML = missingList.isEmpty ? "<li>无</li>" : missingList
        let missingMore: HTML =
            summary.missing > missing.count ? "<p class=\"muted\">仅列出前 \(missing.count) 个。</p>" : ""
        let body: HTML = """
            <p class="muted">\(crumbs)</p>
            <h1>\(name) \(year) 年度报告汇总</h1>
            <p>年度：\(yearLine)</p>
            <div class="cards">\(cards)</div>
            \(unmatchedNote)
            \(childSection)
            \(agencySection)
            <h2 id="missing">未发布 \(year) 年度报告的机关（\(summary.missing)）</h2>
            <ul>\(missingItems)</ul>\(missingMore)
            <h2>汇总表（\(totals.reports) 份报告，每个机关每年一份；点击数字查看构成）</h2>
            \(summedTables(totals, year: year, regionID: id))
            """
        return Page.render(title: "\(name) \(year) 汇总", body: body, session: session)
    }

    /// The statutory tables of the year's format with the region's sums; each sum links to its parts.
    static func summedTables(_ totals: RegionTotals, year: Int, regionID: Int) -> HTML {
        guard totals.reports > 0 else { return "<p>没有可汇总的报告。</p>" }
        let format = ReportFormat.layout(FormatVersion.required(forYear: year))
        var report = Report(origin: "汇总", format: format)
        var links: [String: String] = [:], marks: [String: String] = [:]
        for (i, cell) in format.cells.enumerated() {
            guard let value = totals.values[cell.key] else { continue }
            report.cells[i] = Cell(value: value, status: .read, source: nil)
            links[cell.key] = "/regions/\(regionID)/cells/\(cell.key)?year=\(year)"
            if (totals.counts[cell.key] ?? 0) < totals.reports { marks[cell.key] = "partial" }
        }
        var out: HTML = "<p class=\"muted\">黄色数字：部分报告此格空白（空白不计为 0）。</p>"
        for grid in StatutoryGrid.all(report) {
            // HTMLWriter escapes every cell and link it writes.
            out += "<h3>\(grid.table.title)</h3>\(trusted: HTMLWriter.table(grid, marks: marks, links: links))"
        }
        return out
    }

    static func parts(
        region: Region?, year: Int, key: String, label: String, total: CellNumber?, parts: [TotalPart], session: Session?
    ) -> HTML {
        let shown = parts.prefix(500)
        let rows = shown.map { part -> HTML in
            let value: HTML = part.value.map { "\($0)" } ?? "<span class=\"muted\">空白</span>"
            return "<tr><td><a href=\"/reports/\(part.reportID)\">\(part.agency)</a></td><td>\(value)</td></tr>"
        }.joined(separator: "\n")
        let more: HTML =
            parts.count > shown.count
            ? "<p class=\"muted\">按数值从大到小列出前 \(shown.count) 个；全部 \(parts.count) 个见 <a href=\"/api/regions/\(region?.id ?? 0)/cells/\(key)?year=\(year)\">API</a>。</p>"
            : ""
        let name = region?.name ?? "全部地区"
        let body: HTML = """
            <p class="muted"><a href="/regions/\(region?.id ?? 0)?year=\(year)">← \(name) \(year) 汇总</a></p>
            <h1>\(label)</h1>
            <p>\(name) \(year) 年度合计：<strong>\(total?.description ?? "—")</strong>（\(parts.count) 份报告，键 <code>\(key)</code>）</p>
            <div class="table-wrap"><table class="list"><tr><th>机关</th><th>数值</th></tr>\(rows)</table></div>
            \(more)
            """
        return Page.render(title: label, body: body, session: session)
    }
}
