import Store

/// The review step for agency names the register does not know, and the register itself.
enum RegisterPages {
    static func names(_ names: [UnmatchedName], total: Int, session: Session?) -> HTML {
        var items: HTML = ""
        for n in names {
            var choices: HTML = ""
            if let session {
                for c in n.candidates {
                    choices += """
                        <form class="inline" method="post" action="/review/names">\(Page.csrf(session))<input type="hidden" name="name" value="\(n.name)">\
                        <input type="hidden" name="agency" value="\(c.agency.id)"><button type="submit">是「\(c.agency.name)」</button> <span class="muted">相似度 \(Int(c.similarity * 100))%</span></form><br>
                        """
                }
                choices += "<a href=\"/review/agencies/new?name=\(query: n.name)\">不是以上机关：作为新机关加入名录…</a>"
            } else {
                choices = n.candidates.map { c -> HTML in "「\(c.agency.name)」\(Int(c.similarity * 100))%" }.joined(separator: "，")
            }
            let state: HTML =
                n.isUnclear ? "<span class=\"n-warning\">不确定</span>" : "<span class=\"muted\">名录中没有相近的机关</span>"
            items += """
                <li><strong>\(n.name)</strong> <a class="muted" href="/?agency=\(query: n.name)">\(n.reports) 份报告</a> \
                \(state)<div class="review">\(choices)</div></li>

                """
        }
        let more: HTML = total > names.count ? "<p>共 \(total) 个名称待审核，先列出报告最多的 \(names.count) 个。</p>" : ""
        let list: HTML = items.isEmpty ? "<li>所有报告的机关都已匹配。</li>" : items
        let body: HTML = """
            <h1>机关名称审核</h1>
            <p class="muted">报告中读出的机关名称与名录不完全一致时，由审核员确认它是名录中的哪个机关，或把它作为新机关加入名录。确认后的名称会被记住，以后导入的同名报告自动归入。\(session == nil ? "（登录后可操作）" : "")</p>
            \(more)
            <ul>\(list)</ul>
            """
        return Page.render(title: "机关名称审核", body: body, session: session)
    }

    /// The form that adds a parsed name to the register as a new agency.
    static func newAgency(name: String, regions: [Region], session: Session) -> HTML {
        let options = regions.map { r -> HTML in
            "<option value=\"\(r.id)\">\(String(repeating: "　", count: max(0, r.lineage.count - 1)))\(r.name)（\(r.level.label)）</option>"
        }.joined()
        let body: HTML = """
            <p class="muted"><a href="/review/names">← 机关名称审核</a></p>
            <h1>新机关：\(name)</h1>
            <form method="post" action="/review/agencies" class="filters">\(Page.csrf(session))<input type="hidden" name="name" value="\(name)">
            <label>所属地区 <select name="region">\(options)</select></label>
            <label>类型 <select name="kind"><option value="department">部门</option><option value="government">政府</option></select></label>
            <button type="submit">加入名录</button>
            </form>
            """
        return Page.render(title: "新机关", body: body, session: session)
    }

    static func register(regions: Int, agencies: Int, message: String?, session: Session) -> HTML {
        let body: HTML = """
            <h1>机关名录</h1>
            <p>名录中有 \(regions) 个地区、\(agencies) 个机关。<a href="/regions/0">按地区浏览</a></p>
            \(message.map { m -> HTML in "<p class=\"notice-box\">\(m)</p>" } ?? "")
            <h2>导入名录（CSV）</h2>
            <form method="post" action="/admin/register" enctype="multipart/form-data">\(Page.csrf(session))
            <p><input type="file" name="file" accept=".csv,text/csv" required> <button type="submit">导入</button></p>
            </form>
            <p class="muted">UTF-8 CSV，第一行为表头：<code>省,市,县,乡镇,机关,类型</code>。地区从省往下填，可留空下级；类型为「政府」或「部门」。已在名录中的行保持不变；任何一行有错则整个文件不导入。</p>
            """
        return Page.render(title: "机关名录", body: body, session: session)
    }
}
