import AnnualReport
import Casework
import Store

/// Pieces of the case pages the portal and the staff desk share, in Chinese.
enum CaseViews {
    static func stateLabel(_ state: String) -> String {
        switch state {
        case "open": "办理中"
        case "awaiting-correction": "待申请人补正"
        case "paused": "暂停计时"
        case "closed": "已办结"
        default: state
        }
    }

    static func eventLabel(_ name: String) -> String {
        switch name {
        case "received": "收到申请"
        case "correction-requested": "告知补正"
        case "correction-received": "收到补正"
        case "correction-overdue": "逾期未补正（视为放弃）"
        case "consultation-sent": "征求意见"
        case "consultation-answered": "收到意见"
        case "extension": "延期答复"
        case "fee-notice-sent": "发出收费通知"
        case "fee-paid": "已缴费"
        case "fee-not-paid": "逾期未缴费（视为放弃）"
        case "replied": "作出答复"
        case "withdrawn": "申请人撤回"
        default: name
        }
    }

    static func channelLabel(_ channel: Channel) -> String {
        switch channel {
        case .inPerson: "当面提交"
        case .post: "邮寄（签收）"
        case .postUnsigned: "平常信函"
        case .online: "互联网"
        case .fax: "传真"
        }
    }

    /// An event in words: its label and its value.
    static func eventText(_ kind: CaseEventKind) -> String {
        let label = eventLabel(kind.name)
        switch kind {
        case .received(let channel): return "\(label)（\(channelLabel(channel))）"
        case .correctionRequested(let dueBy): return label + (dueBy.map { "，补正期限 \($0)" } ?? "")
        case .consultationSent(let party), .consultationAnswered(let party): return label + (party.isEmpty ? "" : "：\(party)")
        case .extensionApproved(let days, let by): return "\(label) \(days) 个工作日" + (by.map { "（\($0) 批准）" } ?? "")
        case .feeNoticeSent(let yuan): return label + (yuan.map { " \($0) 元" } ?? "")
        case .replied(let reply): return "\(label)：\(reply.title)"
        default: return label
        }
    }

    static func weekday(_ date: CalendarDate) -> String { date.weekday.chinese }

    /// Why a day counts or not, in Chinese.
    static func dayNote(_ day: TraceDay, of total: Int) -> String {
        switch day.reason {
        case .receipt: return "收到申请之日（不计入）"
        case .counted:
            let count = "第 \(day.count ?? 0)/\(total) 个工作日"
            switch day.kind {
            case .makeUpWorkingDay(let holiday): return count + "（\(holiday)调休上班）"
            case .uncovered: return count + "（该年日历未载入，按周一至周五暂计）"
            default: return count
            }
        case .dayOff:
            switch day.kind {
            case .holiday(let name): return "\(name)放假，不计入"
            case .uncovered: return "周末，不计入（该年日历未载入）"
            default: return "周末，不计入"
            }
        case .beforeCorrection: return "补正前，不计入；期限自收到补正之日起算（条例第三十条）"
        case .awaitingCorrection: return "等待申请人补正，暂停计时（条例第三十条）"
        case .consultation(let party): return "征求\(party.isEmpty ? "" : party + "的")意见期间，不计入（条例第三十三条）"
        case .feeNotice: return "等待缴纳信息处理费，不计入"
        }
    }

    /// The due date, in words.
    static func dueText(_ deadline: Deadline) -> HTML {
        guard let due = deadline.due else {
            return "<strong>暂停计时</strong>，恢复后还需 \(deadline.remainingWorkingDays) 个工作日"
        }
        let provisional: HTML =
            deadline.isProvisional ? "（暂定：\(deadline.uncoveredYears.map(String.init).joined(separator: "、")) 年日历未载入）" : ""
        return "<strong>\(due)</strong>（\(weekday(due))）\(provisional)"
    }

    /// The day-by-day trace: every day from the receipt to the due date and why it counts or not.
    static func trace(_ deadline: Deadline) -> HTML {
        let rows = deadline.trace.map { day -> HTML in
            let events = day.events.isEmpty ? HTML.empty : "<br><span class=\"muted\">\(day.events.joined(separator: "；"))</span>"
            let counted = day.count != nil ? " class=\"counted\"" : ""
            return
                "<tr\(trusted: counted)><td>\(day.date)</td><td>\(weekday(day.date))</td><td>\(dayNote(day, of: deadline.workingDays))\(events)</td></tr>"
        }
        return """
            <details class="trace"><summary>期限是怎样算出来的（逐日）</summary>
            <p>\(deadline.receiptNote)</p>
            <table class="list"><thead><tr><th>日期</th><th>星期</th><th>计算</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            </details>
            """
    }

    /// Every due date the case has had.
    static func history(_ deadline: Deadline) -> HTML {
        guard deadline.history.count > 1 else { return .empty }
        let items = deadline.history.map { change -> HTML in
            "<li>\(change.date) \(eventLabel(change.event))：\(change.due.map { "答复期限 \($0)" } ?? "暂停计时")</li>"
        }
        return "<h3>期限变化</h3><ul>\(items.joined())</ul>"
    }

    /// The notices sent, each with its Word, PDF and web versions under `base`.
    static func notices(_ notices: [StoredNotice], base: String) -> HTML {
        guard !notices.isEmpty else { return .empty }
        let items = notices.map { notice -> HTML in
            let file = "\(base)/notices/\(notice.seq)"
            let pdf: HTML =
                notice.hasPDF
                ? "<a href=\"\(file).pdf\">PDF</a>"
                : notice.pdfError != nil ? "<span class=\"muted\">PDF 未能生成</span>" : "<span class=\"muted\">PDF 生成中</span>"
            return
                "<li>\(notice.title) <span class=\"muted\">\(notice.number) · \(notice.addressee)</span> <a href=\"\(file).html\">查看</a> <a href=\"\(file).docx\">Word</a> \(pdf)</li>"
        }
        return "<h2>告知书</h2><ul class=\"notices\">\(items.joined())</ul>"
    }

    /// The events, oldest first; staff see who recorded each and the notes.
    static func events(_ events: [StoredCaseEvent], staff: Bool) -> HTML {
        let items = events.map { event -> HTML in
            let who: HTML = staff ? " <span class=\"muted\">（\(event.recordedBy)）</span>" : ""
            let note: HTML = staff && !event.note.isEmpty ? "<br><span class=\"muted\">\(event.note)</span>" : ""
            return "<li>\(event.event.date) \(eventText(event.event.kind))\(who)\(note)</li>"
        }
        return "<ol class=\"events\">\(items.joined())</ol>"
    }
}
