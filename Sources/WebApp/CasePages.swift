import AnnualReport
import Casework
import ReportWriter
import Store

/// What the case page shows of the applicant's personal data.
enum PersonalView {
    /// Not this user's to see (not an officer of the handling agency).
    case notAllowed
    /// A link: each view is audited.
    case onRequest
    /// Shown (nil once purged).
    case shown(ApplicantPersonal?)
}

/// What the fee calculator on a case page knows.
struct FeeView {
    /// Which request of its applicant this is in its month.
    let requestNumber: Int
    /// The pages asked about, if any.
    let pages: Int?
}

/// The staff desk: the worklist, intake, the case page and table 三 with its drill-down.
enum CasePages {
    static let filterLabels: [(WorklistFilter, String)] = [
        (.active, "未办结"), (.dueSoon, "5个工作日内到期"), (.overdue, "已超期"), (.closed, "已办结"), (.all, "全部"),
    ]

    static func worklist(
        _ cases: [StoredCase], filter: WorklistFilter, agency: String?, agencies: [String], today: CalendarDate, message: String?,
        soon: CalendarDate?,
        page: Int, pageSize: Int, session: Session
    ) -> HTML {
        let tabs = filterLabels.map { item -> HTML in
            let query = "filter=\(item.0.rawValue)" + (agency.map { "&agency=" + WebApp.percentEncoded($0) } ?? "")
            return item.0 == filter ? "<strong>\(item.1)</strong>" : "<a href=\"/cases?\(query)\">\(item.1)</a>"
        }.joined(separator: " · ")
        let agencyOptions = agencies.map { name -> HTML in
            "<option\(trusted: name == agency ? " selected" : "")>\(name)</option>"
        }.joined()
        let rows = cases.map { c -> HTML in
            var dueClass = ""
            if c.state == "open", let due = c.due {
                if due < today {
                    dueClass = " class=\"n-error\""
                } else if let soon, due <= soon {
                    dueClass = " class=\"n-warning\""
                }
            }
            var dueText: HTML = c.due.map { "\($0)" } ?? "—"
            var overdue: HTML = dueClass.contains("error") ? " 超期" : ""
            if c.state != "open", c.state != "closed", let until = c.waitsUntil {
                dueText += "<br><span class=\"muted\">等待至 \(until)</span>"
                if until < today {
                    dueClass = " class=\"n-error\""
                    overdue = " 等待已过期，需处理"
                }
            }
            return """
                <tr><td><input type="checkbox" name="ids" value="\(c.id)" form="bulk" aria-label="选择 \(c.id)"></td><td><a href="/cases/\(c.id)">\(c.id)</a></td><td>\(c.agency)</td><td>\(c.applicantName)</td><td>\(c.received)</td><td\(trusted: dueClass)>\(dueText)\(overdue)</td><td>\(CaseViews.stateLabel(c.state))\(c.outcome.map { "：" + $0.title } ?? "")</td><td>\(c.assignedTo ?? "")</td></tr>
                """
        }.joined()
        let base = "/cases?filter=\(filter.rawValue)" + (agency.map { "&agency=" + WebApp.percentEncoded($0) } ?? "")
        let outcomes = ReplyKind.allCases.map { "<option value=\"\($0.rawValue)\">\($0.title)</option>" as HTML }.joined()
        let notice: HTML = message.map { "<p class=\"notice-box\">\($0)</p>" } ?? ""
        var pager: HTML = "第 \(page) 页"
        if page > 1 { pager = "<a href=\"\(base)&page=\(page - 1)\">上一页</a> " + pager }
        if cases.count == pageSize { pager += " <a href=\"\(base)&page=\(page + 1)\">下一页</a>" }
        let body: HTML = """
            <h1>依申请公开办理台账</h1>
            \(notice)
            <p><a href="/cases/new">登记申请（当面、邮寄、传真）</a> · <a href="/cases/table">表三（按办件统计）</a> · 导出 <a href="/cases.csv?\(trusted: base.dropFirst(7).description)">CSV</a> <a href="/cases.xlsx?\(trusted: base.dropFirst(7).description)">Excel</a> · <a href="/apply">公众申请页</a></p>
            <p>\(tabs)</p>
            <form method="get" action="/cases" class="filters"><input type="hidden" name="filter" value="\(filter.rawValue)"><label>受理机关 <select name="agency"><option value="">全部</option>\(agencyOptions)</select></label> <button type="submit">筛选</button></form>
            <p class="muted">今天 \(today)；红色为已超期，黄色为 5 个工作日内到期。</p>
            <table class="list"><thead><tr><th></th><th>编号</th><th>受理机关</th><th>申请人</th><th>收到日期</th><th>答复期限</th><th>状态</th><th>承办人</th></tr></thead><tbody>\(rows)</tbody></table>
            <p>\(pager)</p>
            <form id="bulk" method="post" action="/cases/assign" class="filters">\(Page.csrf(session))
            <label>把所选申请交给 <input type="text" name="officer" maxlength="64"></label> <button type="submit">分派</button>
            <label>或办结为 <select name="outcome">\(outcomes)<option value="withdrawn">申请人撤回</option></select></label>
            <label>日期 <input type="date" name="date" value="\(today)"></label> <button type="submit" formaction="/cases/close">批量办结</button>
            </form>
            """
        return Page.render(title: "办理台账", body: body, session: session)
    }

    static func intake(agencies: [String], today: CalendarDate, problem: String?, session: Session) -> HTML {
        let channels = Channel.allCases.map { "<option value=\"\($0.rawValue)\">\(CaseViews.channelLabel($0))</option>" as HTML }
            .joined()
        let types = ApplicantType.allCases.map { "<option value=\"\($0.rawValue)\">\($0.title)</option>" as HTML }.joined()
        let agencyField: HTML =
            agencies.isEmpty
            ? "<input type=\"text\" name=\"agency\" required maxlength=\"200\">"
            : "<select name=\"agency\">\(agencies.map { "<option>\($0)</option>" as HTML }.joined())</select>"
        let error: HTML = problem.map { "<p class=\"error-box\">\($0)</p>" } ?? ""
        let body: HTML = """
            <h1>登记申请</h1>
            \(error)
            <p class="muted">收到日期按条例第三十一条：当面提交为提交之日；邮寄为签收之日，平常信函为确认之日；互联网和传真为双方确认之日（下班后或休息日收到的，按下一个工作日确认）。</p>
            <form method="post" action="/cases" class="application">\(Page.csrf(session))
            <label>受理机关 \(agencyField)</label>
            <label>渠道 <select name="channel">\(channels)</select></label>
            <label>收到日期 <input type="date" name="received" value="\(today)" required></label>
            <label>时间（互联网、传真） <input type="time" name="time"></label>
            <label>申请人类型 <select name="applicant_type">\(types)</select></label>
            <label>姓名或名称 <input type="text" name="name" required maxlength="200"></label>
            <label>证件名称 <input type="text" name="id_type" maxlength="200"></label>
            <label>证件号码 <input type="text" name="id_number" maxlength="200"></label>
            <label>联系电话 <input type="text" name="phone" maxlength="200"></label>
            <label>电子邮箱 <input type="text" name="email" maxlength="200"></label>
            <label>通信地址 <input type="text" name="address" maxlength="200"></label>
            <label>邮政编码 <input type="text" name="postcode" maxlength="200"></label>
            <label>所需信息 <textarea name="description" required maxlength="5000" rows="4"></textarea></label>
            <label>获取方式 <select name="delivery">\(PortalPages.deliveries.map { "<option>\($0)</option>" as HTML }.joined())</select></label>
            <label><input type="checkbox" name="fee_waiver" value="1"> 申请减免费用</label>
            <button type="submit">登记</button>
            </form>
            """
        return Page.render(title: "登记申请", body: body, session: session)
    }

    static func detail(
        _ stored: StoredCase, events: [StoredCaseEvent], notices: [StoredNotice], deadline: Deadline,
        personal: PersonalView, attachments: [(seq: Int, name: String)], fees: FeeView, audit: [AuditEntry],
        problem: String?, today: CalendarDate, session: Session
    ) -> HTML {
        let error: HTML = problem.map { "<p class=\"error-box\">\($0)</p>" } ?? ""
        let personalBlock: HTML
        switch personal {
        case .notAllowed: personalBlock = "<p class=\"muted\">申请人个人信息仅受理机关的办理人员可以查看。</p>"
        case .onRequest:
            personalBlock =
                "<p><a href=\"/cases/\(stored.id)?personal=1\">查看申请人个人信息</a> <span class=\"muted\">（每次查看记入审核日志；办结 \(ReportStore.personalDataRetentionDays) 日后删除）</span></p>"
        case .shown(nil): personalBlock = "<p class=\"muted\">申请人个人信息已按保存期限删除。</p>"
        case .shown(let p?):
            personalBlock = """
                <dl class="personal"><dt>证件</dt><dd>\(p.idType) \(p.idNumber)</dd><dt>电话</dt><dd>\(p.phone)</dd><dt>邮箱</dt><dd>\(p.email)</dd><dt>地址</dt><dd>\(p.address) \(p.postcode)</dd></dl>
                <p class="muted">本次查看已记入审核日志。</p>
                """
        }
        var documents: HTML = .empty
        if case .notAllowed = personal {
        } else if !attachments.isEmpty {
            let links = attachments.map { "<a href=\"/cases/\(stored.id)/attachments/\($0.seq)\">\($0.name)</a>" as HTML }
            documents = "<p>申请人上传的材料：\(links.joined(separator: "、")) <span class=\"muted\">（查看记入审核日志）</span></p>"
        }
        let kinds = CaseEventKind.names.dropFirst().map { "<option value=\"\($0)\">\(CaseViews.eventLabel($0))</option>" as HTML }
            .joined()
        let replies = ReplyKind.allCases.map { "<option value=\"\($0.rawValue)\">\($0.title)</option>" as HTML }.joined()
        let closed = stored.state == "closed"
        let form: HTML =
            closed
            ? "<p class=\"muted\">已办结，不能再记录事项。</p>"
            : """
            <h2>记录事项</h2>
            <form method="post" action="/cases/\(stored.id)/events" class="application">\(Page.csrf(session))
            <label>事项 <select name="event">\(kinds)</select></label>
            <label>日期 <input type="date" name="date" value="\(today)" required></label>
            <label>答复类型（作出答复时） <select name="reply"><option value="">—</option>\(replies)</select></label>
            <label>数值（延期的工作日数、收费金额（元）、征求意见对象或补正期限） <input type="text" name="value" maxlength="200"></label>
            <label>批准人（延期时） <input type="text" name="approved_by" maxlength="64"></label>
            <label>说明 <textarea name="note" maxlength="2000" rows="2"></textarea></label>
            <button type="submit">记录</button>
            </form>
            """
        var deadlines: [HTML] = []
        if let by = deadline.correctionRequestBy, case .open = deadline.state { deadlines.append("告知补正最晚 \(by)") }
        for consultation in deadline.consultations where consultation.answered == nil {
            deadlines.append(
                "\(consultation.party.isEmpty ? "征求意见" : consultation.party)答复期限 \(consultation.answerBy.map { "\($0)" } ?? "—")")
        }
        if let fee = deadline.feeDueBy { deadlines.append("缴费期限 \(fee)") }
        let late: HTML = deadline.repliedLate ? " <strong class=\"n-error\">逾期答复</strong>" : ""
        let overdue: HTML = deadline.isOverdue(on: today) ? " <strong class=\"n-error\">已超期</strong>" : ""
        let body: HTML = """
            <p><a href="/cases">← 办理台账</a></p>
            <h1>申请 \(stored.id) · \(stored.applicantName)</h1>
            \(error)
            <p>\(stored.agency) · \(stored.applicantType.title) · \(CaseViews.channelLabel(stored.channel)) · 查询码 <code>\(stored.trackingCode)</code> · 承办人 \(stored.assignedTo ?? "未分派")</p>
            <p>状态 <strong>\(CaseViews.stateLabel(stored.state))</strong>\(stored.outcome.map { "：" + $0.title } ?? "")\(late)\(overdue) · 收到 \(deadline.receipt) · 答复期限 \(CaseViews.dueText(deadline))</p>
            <p class="muted">\(deadlines.joined(separator: " · "))</p>
            <h2>所需信息</h2><p>\(stored.description)</p><p class="muted">获取方式 \(stored.delivery)\(stored.feeWaiver ? "；申请减免费用" : "")</p>
            \(personalBlock)\(documents)
            \(CaseViews.notices(notices, base: "/cases/\(stored.id)"))
            <h2>办理经过</h2>
            \(CaseViews.events(events, staff: true))
            \(CaseViews.history(deadline))
            \(CaseViews.trace(deadline))
            \(closed ? .empty : feeSection(stored, fees))
            \(form)
            <details class="audit"><summary>审核日志（\(audit.count) 条）</summary><table class="list"><thead><tr><th>时间</th><th>用户</th><th>操作</th><th>内容</th></tr></thead><tbody>\(audit.map { "<tr><td>\($0.at)</td><td>\($0.user)</td><td>\($0.action)</td><td>\($0.detail)</td></tr>" as HTML }.joined())</tbody></table></details>
            """
        return Page.render(title: "申请 \(stored.id)", body: body, session: session)
    }

    /// The fee calculator of 国办函〔2020〕109号: this request's place in its applicant's month
    /// (按件计收) and, for a page count, the per-volume bands (按量计收).
    static func feeSection(_ stored: StoredCase, _ fees: FeeView) -> HTML {
        let perRequest: HTML =
            Fees.perRequest(nthThisMonth: fees.requestNumber).map { quote in
                "按件计收：本件是该申请人本月向本机关提出的第 \(fees.requestNumber) 件，\(quote.bands.first?.label ?? "")，\(quote.yuan) 元。"
            } ?? ""
        var perVolume: HTML = .empty
        if let pages = fees.pages, let quote = Fees.perVolume(pages: pages) {
            let bands = quote.bands.map { "\($0.label) \($0.units) 页 × \($0.rate) 元 = \($0.yuan) 元" as HTML }.joined(
                separator: "；")
            perVolume = "<p>按量计收：\(pages) 页，\(bands)，合计 <strong>\(quote.yuan) 元</strong>。</p>"
        }
        return """
            <details class="fees"\(trusted: fees.pages == nil ? "" : " open")><summary>信息处理费（国办函〔2020〕109号）</summary>
            <p>\(perRequest)\(stored.feeWaiver ? " 申请人申请减免费用。" : "")</p>
            <form method="get" action="/cases/\(stored.id)" class="filters"><label>页数 <input type="number" name="pages" min="0" max="\(Fees.largestCount)" value="\(fees.pages.map(String.init) ?? "")"></label> <button type="submit">按量计算</button></form>
            \(perVolume)
            <p class="muted">每件申请只能选按件或按量一种方式；收费的，记录“发出收费通知”并填写金额。</p>
            </details>
            """
    }

    static func table(_ table: RequestsTable, year: Int, agency: String?, agencies: [String], feesYuan: Int, session: Session?)
        -> HTML
    {
        let agencyQuery = agency.map { "&agency=" + WebApp.percentEncoded($0) } ?? ""
        var links: [String: String] = [:]
        for key in table.casesByCell.keys {
            links[key] = "/cases/cell?year=\(year)\(agencyQuery)&key=\(WebApp.percentEncoded(key))"
        }
        let grid = StatutoryGrid.all(table.report).first { $0.table == .requests }
        let options = agencies.map { "<option\(trusted: $0 == agency ? " selected" : "")>\($0)</option>" as HTML }.joined()
        let body: HTML = """
            <p><a href="/cases">← 办理台账</a></p>
            <h1>\(year) 年表三：收到和处理政府信息公开申请情况</h1>
            <form method="get" action="/cases/table" class="filters"><label>年度 <input type="number" name="year" value="\(year)" min="1990" max="2200"></label><label>受理机关 <select name="agency"><option value="">全部</option>\(options)</select></label> <button type="submit">统计</button></form>
            <p class="muted">按办件计算：本年收到的为新收，上年收到、年初未办结的为上年结转，本年办结的按答复类型计入，年底未办结的结转下年度。点击数字查看其中的申请。</p>
            \(trusted: grid.map { HTMLWriter.table($0, links: links) } ?? "")
            <p>本年收取信息处理费 <strong>\(feesYuan)</strong> 元（年度报告第六部分；按缴费日期计）。</p>
            """
        return Page.render(title: "\(year) 年表三", body: body, session: session)
    }

    /// The outbox for admins: what went, what waits and why; addresses masked (they are personal data).
    static func outbox(_ mails: [OutboxMail], configured: Bool, session: Session) -> HTML {
        let rows = mails.map { mail -> HTML in
            let state: HTML =
                mail.sentAt.map { "已发送 \($0)" as HTML }
                ?? (mail.attempts >= ReportStore.mailAttempts
                    ? "已放弃：\(mail.error ?? "")" : "等待发送（已试 \(mail.attempts) 次）\(mail.error.map { "：" + $0 } ?? "")")
            return
                "<tr><td>\(mail.id)</td><td>\(mail.createdAt)</td><td>\(masked(mail.recipient))</td><td>\(mail.subject)</td><td>\(state)</td></tr>"
        }.joined()
        let note: HTML =
            configured
            ? ""
            : "<p class=\"notice-box\">未配置邮件服务器：邮件留在发件箱中。用 <code>gongkai serve --smtp smtp://host:25 --mail-from …</code> 发送。</p>"
        let body: HTML = """
            <h1>发件箱</h1>
            \(note)
            <table class="list"><thead><tr><th>编号</th><th>生成时间</th><th>收件人</th><th>主题</th><th>状态</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page.render(title: "发件箱", body: body, session: session)
    }

    /// `zh***@example.cn`.
    static func masked(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@") else { return "***" }
        return String(address[..<at].prefix(2)) + "***" + address[at...]
    }

    static func cell(_ cases: [StoredCase], key: String, year: Int, session: Session) -> HTML {
        let rows = cases.map { c -> HTML in
            "<tr><td><a href=\"/cases/\(c.id)\">\(c.id)</a></td><td>\(c.agency)</td><td>\(c.applicantName)</td><td>\(c.received)</td><td>\(c.closedOn.map { "\($0)" } ?? "—")</td><td>\(CaseViews.stateLabel(c.state))\(c.outcome.map { "：" + $0.title } ?? "")</td></tr>"
        }.joined()
        let body: HTML = """
            <p><a href="/cases/table?year=\(year)">← \(year) 年表三</a></p>
            <h1>\(year) 年表三 <code>\(key)</code>：\(cases.count) 件</h1>
            <table class="list"><thead><tr><th>编号</th><th>受理机关</th><th>申请人</th><th>收到日期</th><th>办结日期</th><th>状态</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page.render(title: "表三 \(key)", body: body, session: session)
    }
}
