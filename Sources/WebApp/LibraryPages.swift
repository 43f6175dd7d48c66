import AnnualReport
import Foundation
import ReportChecks
import ReportWriter
import Store

/// The library page and the report page.
enum LibraryPages {
    static func library(
        _ reports: [StoredReport], total: Int, filter: LibraryFilter, regions: [Region], session: Session?
    ) -> HTML {
        var rows: HTML = ""
        for r in reports {
            let agencyLink: HTML = r.agencyID.map { id -> HTML in " <a class=\"muted\" href=\"/agencies/id/\(id)\">历年</a>" } ?? ""
            let late: HTML = r.late ? "<span class=\"n-warning\">逾期</span>" : ""
            rows += """
                <tr><td>\(r.year.map(String.init) ?? "—")</td><td><a href="/reports/\(r.id)">\(r.agency ?? "（机关不详）")</a>\(agencyLink)</td>\
                <td>\(r.region ?? "未匹配")</td><td>\(r.format)</td><td class="\(r.errors > 0 ? "n-error" : "" as String)">\(r.errors)</td>\
                <td class="\(r.warnings > 0 ? "n-warning" : "" as String)">\(r.warnings)</td><td>\(late)</td>\
                <td>\(r.uncertain)</td><td>\(reviewLabel(r.reviewState))</td><td class="muted">\(r.name)</td></tr>

                """
        }
        let f = filter.filter
        func option(_ value: String, _ label: String, _ selected: Bool) -> HTML {
            let mark: HTML = selected ? " selected" : ""
            return "<option value=\"\(value)\"\(mark)>\(label)</option>"
        }
        var regionOptions = option("", "全部", filter.region == nil)
        var listed = Set<Int>()
        for r in regions {
            listed.insert(r.id)
            regionOptions += option(String(r.id), (r.level == .province ? "" : "　") + r.name, filter.region?.id == r.id)
        }
        if let region = filter.region, !listed.contains(region.id) {
            regionOptions += option(String(region.id), region.name, true)
        }
        let kinds =
            option("", "全部", f.kind == nil) + AgencyKind.allCases.map { option($0.rawValue, $0.label, f.kind == $0) }.joined()
        let formats =
            option("", "全部", f.format == nil) + ["2019", "2021"].map { option($0, "\($0) 年版", f.format == $0) }.joined()
        let states =
            option("", "全部", f.reviewState == nil)
            + ReviewState.allCases.map { option($0.rawValue, $0.label, f.reviewState == $0) }.joined()
        func check(_ name: String, _ label: String, _ on: Bool) -> HTML {
            let mark: HTML = on ? " checked" : ""
            return "<label><span><input type=\"checkbox\" name=\"\(name)\" value=\"1\"\(mark)> \(label)</span></label>"
        }
        let pages = max(1, (total + LibraryFilter.pageSize - 1) / LibraryFilter.pageSize)
        var pager: HTML = "第 \(filter.page)/\(pages) 页"
        if filter.page > 1 { pager = "<a href=\"/?\(filter.query)&amp;page=\(filter.page - 1)\">上一页</a> " + pager }
        if filter.page < pages { pager += " <a href=\"/?\(filter.query)&amp;page=\(filter.page + 1)\">下一页</a>" }
        let body: HTML = """
            <h1>报告库</h1>
            <form class="filters" method="get" action="/">
            <label>年度 <input type="number" name="year" value="\(f.year.map(String.init) ?? "")" min="2019" max="2100"></label>
            <label>机关 <input type="search" name="q" value="\(f.search ?? f.agency ?? "")" placeholder="名称的一部分"></label>
            <label>地区 <select name="region">\(regionOptions)</select></label>
            <label>机关类型 <select name="kind">\(kinds)</select></label>
            <label>格式 <select name="format">\(formats)</select></label>
            <label>审核 <select name="state">\(states)</select></label>
            \(check("errors", "有错误", f.withErrors)) \(check("warnings", "有警告", f.withWarnings)) \(check("late", "逾期发布", f.late)) \(check("unmatched", "机关未匹配", f.unmatched))
            <button type="submit">筛选</button>
            </form>
            <p class="muted">共 \(total) 份报告 · \(pager) · 导出所选（每个单元格一行）：<a href="/export.csv?\(filter.query)">CSV</a> <a href="/export.xlsx?\(filter.query)">Excel</a></p>
            <div class="table-wrap"><table class="list">
            <tr><th>年度</th><th>机关</th><th>地区</th><th>格式</th><th>错误</th><th>警告</th><th>发布</th><th>未定</th><th>审核</th><th>原件</th></tr>
            \(rows)</table></div>
            """
        return Page.render(title: "报告库", body: body, session: session)
    }

    static func reviewLabel(_ state: String) -> String {
        ReviewState(rawValue: state)?.label ?? state
    }

    static func report(
        _ stored: StoredReport, report: Report?, findings: [StoredFinding], original: OriginalExcerpt?,
        history: [AuditEntry], session: Session?
    ) -> HTML {
        var marks: [String: String] = [:]
        for f in findings where f.severity != "notice" && f.review?.decision != .dismissed {
            for key in f.cells where marks[key] != "mark-error" {
                marks[key] = f.severity == "error" ? "mark-error" : "mark-warning"
            }
        }
        var list: HTML = ""
        for f in findings {
            var decided: HTML = ""
            if let review = f.review {
                decided =
                    " <span class=\"decided-\(review.decision.rawValue)\">【\(review.decision.label)：\(review.user)，\(review.comment)】</span>"
            }
            list +=
                "<li class=\"sev-\(f.severity)\" id=\"f\(f.seq)\"><strong>\(severityLabel(f.severity))</strong> \(f.message) <span class=\"muted\">[\(f.check)]\(f.source.map { " @" + $0 } ?? "")</span>\(decided)"
            if let session {
                list += """
                    <form class="review" method="post" action="/reports/\(stored.id)/findings/\(f.seq)">\(Page.csrf(session))\
                    <input type="text" name="comment" placeholder="意见（必填）" required maxlength="2000"> \
                    <button name="decision" value="confirmed">确认</button> <button name="decision" value="dismissed">驳回</button></form>
                    """
            }
            list += "</li>\n"
        }
        var tables: HTML = ""
        if let report {
            for grid in StatutoryGrid.all(report) {
                // HTMLWriter escapes every cell it writes.
                tables += "<h3>\(grid.table.title)</h3>\(trusted: HTMLWriter.table(grid, marks: marks))"
            }
        }
        var originalView: HTML = ""
        if let original {
            if let text = original.text {
                originalView = "<pre class=\"original\">\(String(decoding: text, as: UTF8.self))</pre>"
            } else {
                originalView = "<p>原件为 \(original.kind) 文件：<a href=\"/reports/\(stored.id)/original\">下载原件</a></p>"
            }
        }
        let downloads = ["json": "JSON", "html": "HTML", "docx": "Word", "md": "Markdown", "xlsx": "Excel", "csv": "CSV"]
            .sorted { $0.key < $1.key }
            .map { format -> HTML in "<a href=\"/reports/\(stored.id)/download/\(format.key)\">\(format.value)</a>" }
            .joined(separator: " ")
        var stateForm: HTML = ""
        if let session {
            let options = ReviewState.allCases.map { state -> HTML in
                let selected: HTML = stored.reviewState == state.rawValue ? " selected" : ""
                return "<option value=\"\(state.rawValue)\"\(selected)>\(state.label)</option>"
            }.joined()
            stateForm = """
                <form class="review" method="post" action="/reports/\(stored.id)/state">\(Page.csrf(session))\
                审核结论 <select name="state">\(options)</select> <input type="text" name="comment" placeholder="说明" maxlength="2000"> <button type="submit">保存</button></form>
                """
        }
        let log = history.map { entry -> HTML in
            "<li>\(entry.at) \(entry.user)：\(entry.action) \(entry.target) \(entry.detail)</li>"
        }.joined()
        let region = stored.region.map { "地区 \($0) · " } ?? "机关未匹配 · "
        let findingList: HTML = list.isEmpty ? "<li>未发现问题</li>" : list
        let auditTrail: HTML = log.isEmpty ? "" : "<h2>审核记录</h2><ul>\(log)</ul>"
        let body: HTML = """
            <h1>\(stored.agency ?? "（机关不详）") \(stored.year.map { "\($0) 年度" } ?? "")</h1>
            <p class="muted">\(region)格式 \(stored.format) · 读取器版本 \(stored.readerVersion) · 审核 <strong class="state">\(reviewLabel(stored.reviewState))</strong> · 原件 \(stored.name)</p>
            \(stateForm)
            <p class="downloads">下载：\(downloads) <a href="/reports/\(stored.id)/original">原件</a></p>
            <h2>检查结果（错误 \(stored.errors)，警告 \(stored.warnings)，提示 \(stored.notices)）</h2>
            <ul class="findings">\(findingList)</ul>
            <div class="columns"><section><h2>表格</h2>\(tables)</section><section><h2>原件</h2>\(originalView)</section></div>
            \(auditTrail)
            """
        return Page.render(title: "\(stored.agency ?? "报告") \(stored.year.map(String.init) ?? "")", body: body, session: session)
    }

    static func severityLabel(_ s: String) -> String {
        switch s {
        case "error": "错误"
        case "warning": "警告"
        default: "提示"
        }
    }
}
