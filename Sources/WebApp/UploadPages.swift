import Store

/// The upload form and what became of each uploaded file.
enum UploadPages {
    static func form(session: Session, maxBytes: Int) -> HTML {
        let body: HTML = """
            <h1>导入报告</h1>
            <form method="post" action="/upload" enctype="multipart/form-data">\(Page.csrf(session))
            <p><input type="file" name="files" multiple required></p>
            <p class="muted">可一次选择多个文件，或上传一个 ZIP 压缩包（其中的文件夹会逐一读取）。支持文本、网页、Word、PDF 和扫描图片；单次上传上限 \(WebApp.size(maxBytes))。同一文件重复上传只保存一份。</p>
            <button type="submit">导入</button>
            </form>
            """
        return Page.render(title: "导入报告", body: body, session: session)
    }

    /// A job's progress while it runs (the page reloads itself), then what became of each file.
    static func job(_ job: ImportJob, files: [JobFile], session: Session) -> HTML {
        var rows: HTML = ""
        for file in files {
            let cell: HTML
            switch (file.state, file.reportID) {
            case ("imported", let id?): cell = "<a href=\"/reports/\(id)\">已导入</a>"
            case ("duplicate", let id?): cell = "<a href=\"/reports/\(id)\">已存在</a>"
            case ("failed", _): cell = "<span class=\"n-error\">未能读取：\(file.error ?? "")</span>"
            default: cell = "<span class=\"muted\">等待读取</span>"
            }
            rows += "<tr><td>\(file.name)</td><td>\(cell)</td></tr>\n"
        }
        let done = job.state == .done
        let status: HTML =
            done
            ? "共 \(job.total) 个文件：新导入 <strong class=\"imported\">\(job.imported)</strong>，已存在 \(job.duplicates)，未能读取 <strong>\(job.failed)</strong>。"
            : "正在读取：\(job.total - job.pending)/\(job.total) 个文件已完成。本页每 2 秒刷新；关闭页面不影响导入。"
        let body: HTML = """
            <h1>\(done ? "导入结果" : "正在导入")（任务 \(job.id)）</h1>
            <p class="notice-box">\(status)</p>
            \(job.error.map { e -> HTML in "<p class=\"error-box\">\(e)</p>" } ?? "")
            <div class="table-wrap"><table class="list"><tr><th>文件</th><th>结果</th></tr>\(rows)</table></div>
            <p><a href="/upload">继续导入</a> · <a href="/regions/0">查看地区汇总</a> · <a href="/review/names">审核机关名称</a></p>
            """
        return Page.render(title: done ? "导入结果" : "正在导入", body: body, session: session, refreshSeconds: done ? nil : 2)
    }
}
