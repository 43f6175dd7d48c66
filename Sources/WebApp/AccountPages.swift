import Store

/// Sign-in, accounts and the audit log.
enum AccountPages {
    static func signIn(token: String, next: String, failed: Bool, lockedSeconds: Int?) -> HTML {
        var notice: HTML = failed ? "<p class=\"error-box\">用户名或密码不正确。</p>" : ""
        if let seconds = lockedSeconds {
            notice = "<p class=\"error-box\">登录失败次数过多，已暂时锁定：请 \((seconds + 59) / 60) 分钟后再试。</p>"
        }
        let body: HTML = """
            <h1>审核员登录</h1>
            \(notice)
            <form method="post" action="/login" class="filters">
            <input type="hidden" name="csrf" value="\(token)"><input type="hidden" name="next" value="\(next)">
            <label>用户名 <input type="text" name="name" autocomplete="username" required></label>
            <label>密码 <input type="password" name="password" autocomplete="current-password" required></label>
            <button type="submit">登录</button>
            </form>
            <p class="muted">公开页面无需登录即可浏览；导入、审核和名录维护需要账号（管理员用 <code>gongkai users add</code> 创建）。</p>
            """
        return Page.render(title: "登录", body: body)
    }

    static func users(_ users: [User], message: String?, session: Session) -> HTML {
        let rows = users.map { user -> HTML in
            let toggle = user.disabled ? "enable" : "disable"
            let actions: HTML =
                user.id == session.user.id
                ? "<a href=\"/account\">修改自己的密码</a>"
                : """
                <form class="inline" method="post" action="/admin/users/\(user.id)/\(toggle)">\(Page.csrf(session))<button type="submit">\(user.disabled ? "启用" : "停用" as String)</button></form>
                <form class="inline" method="post" action="/admin/users/\(user.id)/sessions">\(Page.csrf(session))<button type="submit">结束全部会话</button></form>
                <form class="inline" method="post" action="/admin/users/\(user.id)/password">\(Page.csrf(session))<input type="password" name="password" required minlength="10" autocomplete="new-password" aria-label="新密码"> <button type="submit">重设密码</button></form>
                """
            return
                "<tr><td>\(user.name)</td><td>\(user.role.label)\(user.agency.map { "（\($0)）" } ?? "")</td><td>\(user.disabled ? "已停用" : "正常" as String)</td><td>\(actions)</td></tr>"
        }.joined()
        let roles = Role.allCases.map { role -> HTML in
            let selected: HTML = role == .reviewer ? " selected" : ""
            return "<option value=\"\(role.rawValue)\"\(selected)>\(role.label)</option>"
        }.joined()
        let body: HTML = """
            <h1>账号</h1>
            \(message.map { m -> HTML in "<p class=\"notice-box\">\(m)</p>" } ?? "")
            <table class="list"><tr><th>用户名</th><th>角色</th><th>状态</th><th>操作</th></tr>\(rows)</table>
            <h2>新建账号</h2>
            <form method="post" action="/admin/users" class="filters">\(Page.csrf(session))
            <label>用户名 <input type="text" name="name" required maxlength="64"></label>
            <label>密码 <input type="password" name="password" required minlength="10" autocomplete="new-password"></label>
            <label>角色 <select name="role">\(roles)</select></label>
            <label>所属机关（办理人员） <input type="text" name="agency" maxlength="200"></label>
            <label>提醒邮箱（办理人员） <input type="email" name="email" maxlength="200"></label>
            <button type="submit">创建</button>
            </form>
            <p class="muted">\(passwordRule)</p>
            """
        return Page.render(title: "账号", body: body, session: session)
    }

    static let passwordRule = "密码至少 10 个字符、至少 5 个不同的字符，不能只有数字，不能包含用户名。"

    /// One's own account: change the password (which ends every session, this one too).
    static func account(message: String?, session: Session) -> HTML {
        let body: HTML = """
            <h1>我的账号：\(session.user.name)（\(session.user.role.label)）</h1>
            \(message.map { m -> HTML in "<p class=\"error-box\">\(m)</p>" } ?? "")
            <h2>修改密码</h2>
            <form method="post" action="/account/password" class="filters">\(Page.csrf(session))
            <label>当前密码 <input type="password" name="current" required autocomplete="current-password"></label>
            <label>新密码 <input type="password" name="password" required minlength="10" autocomplete="new-password"></label>
            <button type="submit">修改</button>
            </form>
            <p class="muted">\(passwordRule) 修改后所有设备上的登录都会结束，需用新密码重新登录。</p>
            """
        return Page.render(title: "我的账号", body: body, session: session)
    }

    static let auditPageSize = 100

    static func audit(_ entries: [AuditEntry], page: Int, total: Int, session: Session) -> HTML {
        let rows = entries.map { entry -> HTML in
            "<tr><td>\(entry.at)</td><td>\(entry.user)</td><td>\(entry.action)</td><td>\(entry.target)</td><td>\(entry.detail)</td></tr>"
        }.joined(separator: "\n")
        let pages = max(1, (total + auditPageSize - 1) / auditPageSize)
        var nav: [HTML] = []
        if page > 1 { nav.append("<a href=\"/audit?page=\(page - 1)\">较新</a>") }
        if page < pages { nav.append("<a href=\"/audit?page=\(page + 1)\">较早</a>") }
        let admin: HTML =
            session.user.role == .admin ? " <a href=\"/admin/users\">管理账号</a> · <a href=\"/admin/register\">机关名录</a>" : ""
        let body: HTML = """
            <h1>审核日志</h1>
            <p class="muted">共 \(total) 条，最新在前；第 \(page)/\(pages) 页。\(admin)</p>
            <div class="table-wrap"><table class="list"><tr><th>时间</th><th>用户</th><th>操作</th><th>对象</th><th>详情</th></tr>\(rows)</table></div>
            <p class="pages">\(nav.joined(separator: " · "))</p>
            """
        return Page.render(title: "审核日志", body: body, session: session)
    }
}
