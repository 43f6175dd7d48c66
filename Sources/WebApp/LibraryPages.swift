import AnnualReport
import Foundation
import ReportChecks
import ReportSources
import ReportWriter
import Store

/// The library page and the report page.
enum LibraryPages {
    struct Filter {
        var year: Int?
        var agency: String?
        var errorsOnly = false

        /// The filter as a query string (escaped for an HTML attribute).
        var query: String {
            var parts: [String] = []
            if let year { parts.append("year=\(year)") }
            if let agency {
                parts.append("agency=" + (agency.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
            if errorsOnly { parts.append("errors=1") }
            return Page.e(parts.joined(separator: "&"))
        }
    }

    static func library(_ reports: [StoredReport], filter: Filter) -> String {
        var rows = ""
        for r in reports {
            rows += """
                <tr><td>\(r.year.map(String.init) ?? "—")</td><td><a href="/reports/\(r.id)">\(Page.e(r.agency ?? "（机关不详）"))</a>\
                \(r.agency.map { " <a class=\"muted\" href=\"/agencies/\(Page.e($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))\">历年</a>" } ?? "")</td>\
                <td>\(r.format)</td><td class="\(r.errors > 0 ? "n-error" : "")">\(r.errors)</td><td class="\(r.warnings > 0 ? "n-warning" : "")">\(r.warnings)</td>\
                <td>\(r.uncertain)</td><td>\(Page.e(reviewLabel(r.reviewState)))</td><td class="muted">\(Page.e(r.name))</td></tr>

                """
        }
        let body = """
            <h1>报告库</h1>
            <form class="filters" method="get" action="/">
            <label>年度 <input type="number" name="year" value="\(filter.year.map(String.init) ?? "")" min="2019" max="2100"></label>
            <label>机关 <input type="text" name="agency" value="\(Page.e(filter.agency ?? ""))"></label>
            <label><span><input type="checkbox" name="errors" value="1"\(filter.errorsOnly ? " checked" : "")> 只看有错误的</span></label>
            <button type="submit">筛选</button>
            </form>
            <p class="muted">共 \(reports.count) 份报告 · 导出所选：<a href="/export.csv?\(filter.query)">CSV</a> <a href="/export.xlsx?\(filter.query)">Excel</a></p>
            <div class="table-wrap"><table class="list">
            <tr><th>年度</th><th>机关</th><th>格式</th><th>错误</th><th>警告</th><th>未定</th><th>审核</th><th>原件</th></tr>
            \(rows)</table></div>
            """
        return Page.render(title: "报告库", body: body)
    }

    static func reviewLabel(_ state: String) -> String {
        switch state {
        case "accepted": "已通过"
        case "needs-correction": "需更正"
        default: "未审核"
        }
    }

    static func report(
        _ stored: StoredReport, report: Report?, findings: [StoredFinding], original: (name: String, bytes: [UInt8])?
    ) -> String {
        var marks: [String: String] = [:]
        for f in findings where f.severity != "notice" {
            for key in f.cells where marks[key] != "mark-error" {
                marks[key] = f.severity == "error" ? "mark-error" : "mark-warning"
            }
        }
        var list = ""
        for f in findings {
            list +=
                "<li class=\"sev-\(Page.e(f.severity))\"><strong>\(severityLabel(f.severity))</strong> \(Page.e(f.message)) <span class=\"muted\">[\(Page.e(f.check))]\(f.source.map { " @" + Page.e($0) } ?? "")</span></li>\n"
        }
        var tables = ""
        if let report {
            for grid in StatutoryGrid.all(report) {
                tables += "<h3>\(Page.e(grid.table.title))</h3>" + HTMLWriter.table(grid, marks: marks)
            }
        }
        var originalView = ""
        if let original {
            let kind = SourceKind.sniff(original.bytes, name: original.name)
            if kind == .text {
                originalView =
                    "<pre class=\"original\">\(Page.e(String(decoding: original.bytes.prefix(400_000), as: UTF8.self)))</pre>"
            } else {
                originalView = "<p>原件为 \(Page.e(kind.rawValue)) 文件：<a href=\"/reports/\(stored.id)/original\">下载原件</a></p>"
            }
        }
        let downloads = ["json": "JSON", "html": "HTML", "docx": "Word", "md": "Markdown", "xlsx": "Excel", "csv": "CSV"]
            .sorted { $0.key < $1.key }
            .map { "<a href=\"/reports/\(stored.id)/download/\($0.key)\">\($0.value)</a>" }.joined(separator: " ")
        let body = """
            <h1>\(Page.e(stored.agency ?? "（机关不详）")) \(stored.year.map { "\($0) 年度" } ?? "")</h1>
            <p class="muted">格式 \(Page.e(stored.format)) · 读取器版本 \(Page.e(stored.readerVersion)) · 审核 \(Page.e(reviewLabel(stored.reviewState))) · 原件 \(Page.e(stored.name))</p>
            <p class="downloads">下载：\(downloads) <a href="/reports/\(stored.id)/original">原件</a></p>
            <h2>检查结果（错误 \(stored.errors)，警告 \(stored.warnings)，提示 \(stored.notices)）</h2>
            <ul class="findings">\(list.isEmpty ? "<li>未发现问题</li>" : list)</ul>
            <div class="columns"><section><h2>表格</h2>\(tables)</section><section><h2>原件</h2>\(originalView)</section></div>
            """
        return Page.render(title: "\(stored.agency ?? "报告") \(stored.year.map(String.init) ?? "")", body: body)
    }

    static func severityLabel(_ s: String) -> String {
        switch s {
        case "error": "错误"
        case "warning": "警告"
        default: "提示"
        }
    }
}
