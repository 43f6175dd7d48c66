import AnnualReport
import Casework
import Store

/// The applicant's side: the request form (the national application form's fields), the tracking
/// page with the due date and its trace, and the correction answered online.
enum PortalPages {
    static let deliveries = ["电子邮件", "纸质", "光盘", "自行领取"]

    static func apply(token: String, agencies: [String], problem: String?) -> HTML {
        let agencyField: HTML =
            agencies.isEmpty
            ? "<input type=\"text\" name=\"agency\" required maxlength=\"200\">"
            : "<select name=\"agency\" required>\(agencies.map { "<option>\($0)</option>" as HTML }.joined())</select>"
        let types = ApplicantType.allCases.dropFirst().map { "<option value=\"\($0.rawValue)\">\($0.title)</option>" as HTML }
            .joined()
        let deliveries = Self.deliveries.map { "<option>\($0)</option>" as HTML }.joined()
        let error: HTML = problem.map { "<p class=\"error-box\">\($0)</p>" } ?? ""
        let body: HTML = """
            <h1>政府信息公开申请</h1>
            \(error)
            <p class="muted">依《中华人民共和国政府信息公开条例》第二十九条提出申请。提交后您将得到查询码，凭查询码查看办理进度和答复期限，无需注册。</p>
            <form method="post" action="/apply" class="application" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(token)">
            <fieldset><legend>受理机关</legend><label>向哪个机关申请 \(agencyField)</label></fieldset>
            <fieldset><legend>申请人</legend>
            <label><input type="radio" name="kind" value="person" checked> 公民</label>
            <label><input type="radio" name="kind" value="organisation"> 法人或其他组织：<select name="org_type">\(types)</select></label>
            <label>姓名或名称 <input type="text" name="name" required maxlength="200"></label>
            <label>证件名称 <input type="text" name="id_type" maxlength="200" placeholder="身份证 / 统一社会信用代码"></label>
            <label>证件号码 <input type="text" name="id_number" maxlength="200"></label>
            <label>联系电话 <input type="tel" name="phone" maxlength="200"></label>
            <label>电子邮箱 <input type="email" name="email" maxlength="200"></label>
            <label>通信地址 <input type="text" name="address" maxlength="200"></label>
            <label>邮政编码 <input type="text" name="postcode" maxlength="200"></label>
            <label>身份证明材料（PDF、JPEG 或 PNG，最大 5 MB；仅受理机关办理人员可见） <input type="file" name="identity" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"></label>
            </fieldset>
            <fieldset><legend>所需信息</legend>
            <label>名称、文号或便于查询的其他特征性描述 <textarea name="description" required maxlength="5000" rows="5"></textarea></label>
            <label>获取信息的方式 <select name="delivery">\(deliveries)</select></label>
            <label><input type="checkbox" name="fee_waiver" value="1"> 申请减免信息处理费</label>
            </fieldset>
            <button type="submit">提交申请</button>
            </form>
            <p><a href="/track">已有查询码？查看办理进度</a></p>
            """
        return Page.render(title: "政府信息公开申请", body: body)
    }

    static func lookup(failed: Bool) -> HTML {
        let error: HTML = failed ? "<p class=\"error-box\">没有这个查询码的申请，请核对后再试。</p>" : ""
        return Page.render(
            title: "查询办理进度",
            body: """
                <h1>查询办理进度</h1>
                \(error)
                <form method="get" action="/track" class="filters"><label>查询码 <input type="text" name="code" required maxlength="32" autocomplete="off"></label> <button type="submit">查询</button></form>
                """)
    }

    static func status(
        _ stored: StoredCase, events: [StoredCaseEvent], notices: [StoredNotice], deadline: Deadline, token: String, isNew: Bool
    ) -> HTML {
        let created: HTML =
            isNew ? "<p class=\"notice-box\">申请已提交。请保存查询码 <strong>\(stored.trackingCode)</strong>：凭它查看进度、补正申请和接收答复。</p>" : ""
        var correction: HTML = .empty
        if case .awaitingCorrection(let requested, let dueBy) = deadline.state {
            correction = """
                <section class="error-box"><h2>请补正申请</h2>
                <p>受理机关于 \(requested) 告知您补正申请\(dueBy.map { "，请在 \($0) 前提交" } ?? "")。答复期限自收到补正之日起重新计算；无正当理由逾期不补正的，视为放弃申请（条例第三十条）。</p>
                <form method="post" action="/track/\(stored.trackingCode)/correction">
                <input type="hidden" name="csrf" value="\(token)">
                <label>补正内容 <textarea name="correction" required maxlength="2000" rows="5"></textarea></label>
                <button type="submit">提交补正</button>
                </form></section>
                """
        }
        var outcome: HTML = .empty
        if let closedOutcome = stored.outcome, let closedOn = stored.closedOn {
            outcome = "<p><strong>办理结果：</strong>\(closedOutcome.title)（\(closedOn)）</p>"
        }
        let body: HTML = """
            <h1>申请办理进度</h1>
            \(created)
            <p>查询码 <code>\(stored.trackingCode)</code> · 受理机关 \(stored.agency) · 状态 <strong>\(CaseViews.stateLabel(stored.state))</strong></p>
            \(outcome)
            <p>收到申请日期 \(deadline.receipt)；答复期限 \(CaseViews.dueText(deadline))</p>
            \(correction)
            \(CaseViews.notices(notices.filter(\.kind.isForApplicant), base: "/track/\(stored.trackingCode)"))
            <h2>办理经过</h2>
            \(CaseViews.events(events, staff: false))
            \(CaseViews.history(deadline))
            \(CaseViews.trace(deadline))
            """
        return Page.render(title: "申请办理进度", body: body)
    }
}
