import Store

/// Sign-in, accounts and the audit log.
enum AccountPages {
    static func signIn(token: String, next: String, failed: Bool) -> String {
        let body = """
            <h1>审核员登录</h1>
            \(failed ? "<p class=\"error-box\">用户名或密码不正确。</p>" : "")
            <form method="post" action="/login" class="filters">
            <input type="hidden" name="csrf" value="\(Page.e(token))"><input type="hidden" name="next" value="\(Page.e(next))">
            <label>用户名 <input type="text" name="name" autocomplete="username" required></label>
            <label>密码 <input type="password" name="password" autocomplete="current-password" required></label>
            <button type="submit">登录</button>
            </form>
            <p class="muted">公开页面无需登录即可浏览；导入、审核和名录维护需要账号（管理员用 <code>gongkai users add</code> 创建）。</p>
            """
        return Page.render(title: "登录", body: body)
    }

    static func users(_ users: [User], message: String?, session: Session) -> String {
        let rows = users.map { "<tr><td>\(Page.e($0.name))</td><td>\($0.role.label)</td></tr>" }.joined()
        let roles = Role.allCases.map {
            "<option value=\"\($0.rawValue)\"\($0 == .reviewer ? " selected" : "")>\($0.label)</option>"
        }.joined()
        let body = """
            <h1>账号</h1>
            \(message.map { "<p class=\"notice-box\">\(Page.e($0))</p>" } ?? "")
            <table class="list"><tr><th>用户名</th><th>角色</th></tr>\(rows)</table>
            <h2>新建账号</h2>
            <form method="post" action="/admin/users" class="filters">\(Page.csrf(session))
            <label>用户名 <input type="text" name="name" required maxlength="64"></label>
            <label>密码（至少 8 位） <input type="password" name="password" required minlength="8" autocomplete="new-password"></label>
            <label>角色 <select name="role">\(roles)</select></label>
            <button type="submit">创建</button>
            </form>
            """
        return Page.render(title: "账号", body: body, session: session)
    }

    static func audit(_ entries: [AuditEntry], session: Session) -> String {
        let rows = entries.map {
            "<tr><td>\(Page.e($0.at))</td><td>\(Page.e($0.user))</td><td>\(Page.e($0.action))</td><td>\(Page.e($0.target))</td><td>\(Page.e($0.detail))</td></tr>"
        }.joined(separator: "\n")
        let body = """
            <h1>审核日志</h1>
            <p class="muted">最近 \(entries.count) 条，最新在前。\(session.user.role == .admin ? " <a href=\"/admin/users\">管理账号</a> · <a href=\"/admin/register\">机关名录</a>" : "")</p>
            <div class="table-wrap"><table class="list"><tr><th>时间</th><th>用户</th><th>操作</th><th>对象</th><th>详情</th></tr>\(rows)</table></div>
            """
        return Page.render(title: "审核日志", body: body, session: session)
    }
}
