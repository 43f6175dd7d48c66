import Foundation
import Store

/// The frame of every page: Chinese UI, works without JavaScript, readable on a phone.
enum Page {
    /// The page; `refreshSeconds` reloads it (a job's progress) without script.
    static func render(title: String, body: HTML, session: Session? = nil, refreshSeconds: Int? = nil) -> HTML {
        let account: HTML =
            session.map {
                """
                <form class="inline" method="post" action="/logout">\(csrf($0))<a href="/account">\($0.user.name)（\($0.user.role.label)）</a> <button type="submit">退出</button></form>
                """
            } ?? "<a href=\"/login\">审核员登录</a>"
        let refresh: HTML = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(refresh)
            <title>\(title) · 公开 Gongkai</title>
            <link rel="stylesheet" href="/style.css">
            </head>
            <body>
            <header><a href="/" class="brand">公开 Gongkai</a> <nav><a href="/">报告库</a> <a href="/regions/0">地区汇总</a> <a href="/upload">导入</a> <a href="/apply">申请公开</a> <a href="/cases">办理台账</a> <a href="/review/names">机关名称审核</a> <a href="/audit">审核日志</a> <a href="/openapi.json">API</a></nav> <div class="account">\(account)</div></header>
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    /// The hidden CSRF field every form of a signed-in user carries.
    static func csrf(_ session: Session) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrf)\">"
    }

    static let style = """
        body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1a1a1a; }
        header { background: #8b1a1a; color: #fff; padding: 0.6em 1em; display: flex; gap: 1em; align-items: baseline; flex-wrap: wrap; }
        header a { color: #fff; text-decoration: none; } header .brand { font-weight: bold; font-size: 1.2em; }
        main { padding: 1em; max-width: 1200px; margin: 0 auto; }
        table.list { border-collapse: collapse; width: 100%; } table.list th, table.list td { border-bottom: 1px solid #ddd; padding: 0.4em; text-align: left; }
        .n-error { color: #b00000; font-weight: bold; } .n-warning { color: #9a6700; } .muted { color: #777; }
        form.filters { display: flex; gap: 0.6em; flex-wrap: wrap; margin-bottom: 1em; align-items: end; }
        form.filters label { display: flex; flex-direction: column; font-size: 0.9em; }
        .findings li { margin: 0.3em 0; } .sev-error { color: #b00000; } .sev-warning { color: #9a6700; } .sev-notice { color: #555; }
        table.statutory { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1.5em; }
        table.statutory th, table.statutory td { border: 1px solid #555; padding: 2px 4px; text-align: center; }
        td.mark-error { background: #ffd7d7; outline: 2px solid #b00000; } td.mark-warning { background: #fff1c2; }
        .table-wrap { overflow-x: auto; } .downloads a { margin-right: 0.8em; }
        pre.original { white-space: pre-wrap; background: #f6f6f6; padding: 0.8em; max-height: 40em; overflow: auto; font-size: 0.85em; }
        .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; }
        @media (max-width: 800px) { .columns { grid-template-columns: 1fr; } }
        header .account { margin-left: auto; } form.inline { display: inline; } header button { font-size: 0.85em; }
        .review { font-size: 0.9em; margin: 0.2em 0 0.6em 1em; } .review textarea, .review input[type=text] { width: min(28em, 90%); }
        .decided-confirmed { color: #b00000; } .decided-dismissed { color: #2f6f3e; text-decoration: line-through; }
        .cards { display: flex; gap: 1em; flex-wrap: wrap; margin: 0.5em 0 1em; } .card { border: 1px solid #ddd; border-radius: 6px; padding: 0.6em 1em; min-width: 7em; }
        .card strong { display: block; font-size: 1.6em; } .notice-box { background: #f3f6fb; border-left: 4px solid #4169e1; padding: 0.6em 1em; }
        .error-box { background: #ffecec; border-left: 4px solid #b00000; padding: 0.6em 1em; }
        tr.differs td { background: #fff1c2; font-weight: bold; }
        form.application { display: grid; gap: 0.5em; max-width: 40em; } form.application label, fieldset label { display: flex; flex-direction: column; }
        fieldset { margin-bottom: 0.8em; } fieldset label:has(input[type=radio]), label:has(input[type=checkbox]) { flex-direction: row; gap: 0.4em; }
        details.trace tr.counted td:first-child { font-weight: bold; } ol.events li { margin: 0.2em 0; }
        td.partial { color: #9a6700; } table.statutory a { color: inherit; } svg.chart { max-width: 760px; display: block; }
        """
}
