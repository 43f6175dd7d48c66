import Casework
import Foundation
import Hummingbird
import Store

/// The working calendar for admins: the years loaded (shipped and added) and a form to add next
/// year's State Council notice, as `gongkai calendar import` does.
enum CalendarRoutes {
    static func collection(store: ReportStore) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.get("/admin/calendar") { request, context -> Response in
            let session = try Auth.require(request, context, role: .admin)
            return WebApp.html(
                page(
                    calendar: try await store.workingCalendar(), added: try await store.importedCalendarYears(), text: "",
                    message: request.uri.queryParameters.get("message").map { String($0.prefix(300)) }, problem: nil,
                    session: session))
        }
        router.post("/admin/calendar") { request, context -> Response in
            let (session, form) = try await Auth.postedForm(request, context, role: .admin)
            let text = form["calendar"] ?? ""
            do {
                let years = try await store.importCalendar(text, by: session.user.name)
                throw Redirect(
                    to: "/admin/calendar?message="
                        + WebApp.percentEncoded("已加入 \(years.map(String.init).joined(separator: "、")) 年，未办结申请的期限已重新计算"))
            } catch let error as CalendarTextError {
                var response = WebApp.html(
                    page(
                        calendar: try await store.workingCalendar(), added: try await store.importedCalendarYears(), text: text,
                        message: nil,
                        problem: error.description, session: session))
                response.status = .badRequest
                return response
            }
        }
        return router
    }

    static func page(
        calendar: WorkingCalendar, added: [ImportedCalendarYear], text: String, message: String?, problem: String?,
        session: Session
    ) -> HTML {
        let rows = calendar.years.values.sorted { $0.year > $1.year }.map { year -> HTML in
            let who = added.first { $0.year == year.year }.map { "\($0.importedBy) 于 \($0.importedAt) 加入" } ?? "随 Gongkai 提供"
            let days = year.holidays.map { "\($0.name) \($0.first)–\($0.last)" }.joined(separator: "；")
            let worked = year.makeUpDays.map { "\($0.date)" }.joined(separator: "、")
            return "<tr><td>\(year.year)</td><td>\(year.source)</td><td>\(days)</td><td>\(worked)</td><td>\(who)</td></tr>"
        }.joined()
        let notice: HTML = message.map { "<p class=\"notice-box\">\($0)</p>" } ?? ""
        let error: HTML = problem.map { "<p class=\"error-box\">日历有误：\($0)</p>" } ?? ""
        let body: HTML = """
            <h1>工作日历</h1>
            \(notice)\(error)
            <p class="muted">答复期限按工作日计算：周一至周五，减去法定节假日，加上调休上班的周末。每年十一月国务院办公厅公布下一年的节假日安排后，在这里加入。</p>
            <table class="list"><thead><tr><th>年度</th><th>依据</th><th>放假</th><th>调休上班</th><th>来源</th></tr></thead><tbody>\(rows)</tbody></table>
            <h2>加入一年</h2>
            <form method="post" action="/admin/calendar" class="application">\(Page.csrf(session))
            <label>日历（每年一段：year、source、off 起 止 名称、work 日期 名称） <textarea name="calendar" rows="12" required placeholder="year 2027&#10;source 国务院办公厅关于2027年部分节假日安排的通知&#10;off 2027-01-01 2027-01-03 元旦&#10;work 2027-01-04 元旦">\(text)</textarea></label>
            <button type="submit">加入</button>
            </form>
            """
        return Page.render(title: "工作日历", body: body, session: session)
    }
}
