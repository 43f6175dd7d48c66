import Store

/// The upload form and what became of each uploaded file.
enum UploadPages {
    static func form(session: Session, maxBytes: Int) -> String {
        let body = """
            <h1>导入报告</h1>
            <form method="post" action="/upload" enctype="multipart/form-data">\(Page.csrf(session))
            <p><input type="file" name="files" multiple required></p>
            <p class="muted">可一次选择多个文件，或上传一个 ZIP 压缩包（其中的文件夹会逐一读取）。支持文本、网页、Word、PDF 和扫描图片；单次上传上限 \(WebApp.size(maxBytes))。同一文件重复上传只保存一份。</p>
            <button type="submit">导入</button>
            </form>
            """
        return Page.render(title: "导入报告", body: body, session: session)
    }

    static func results(_ results: [UploadResult], session: Session) -> String {
        var imported = 0, duplicates = 0, failed = 0
        var rows = ""
        for r in results {
            let cell: String
            switch r.outcome {
            case .imported(let id):
                imported += 1
                cell = "<a href=\"/reports/\(id)\">已导入</a>"
            case .duplicate(let id):
                duplicates += 1
                cell = "<a href=\"/reports/\(id)\">已存在</a>"
            case .failed(let error):
                failed += 1
                cell = "<span class=\"n-error\">未能读取：\(Page.e(error.description))</span>"
            }
            rows += "<tr><td>\(Page.e(r.name))</td><td>\(cell)</td></tr>\n"
        }
        let body = """
            <h1>导入结果</h1>
            <p class="notice-box">共 \(results.count) 个文件：新导入 <strong class="imported">\(imported)</strong>，已存在 \(duplicates)，未能读取 <strong>\(failed)</strong>。</p>
            <div class="table-wrap"><table class="list"><tr><th>文件</th><th>结果</th></tr>\(rows)</table></div>
            <p><a href="/upload">继续导入</a> · <a href="/regions/0">查看地区汇总</a> · <a href="/review/names">审核机关名称</a></p>
            """
        return Page.render(title: "导入结果", body: body, session: session)
    }
}
