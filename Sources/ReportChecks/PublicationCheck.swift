import AnnualReport

/// `publication.late`: published after the statutory deadline (Article 49).
enum PublicationCheck {
    /// Whole-government reports (county level and above) are due by 3月31日; departments by 1月31日.
    static func isGovernment(_ agency: String) -> Bool {
        let departmentEndings = ["局", "厅", "委员会", "委", "办公室", "办", "中心", "院", "署", "所", "站", "队", "处", "部", "馆", "会", "社", "行"]
        if agency.hasSuffix("人民政府") || agency.hasSuffix("政府") { return true }
        return !departmentEndings.contains { agency.hasSuffix($0) }
    }

    static let late = Check(id: "publication.late", summary: "published after the deadline") { report in
        guard let published = report.published, let year = report.year else { return [] }
        let government = report.agency.map(isGovernment) ?? true
        guard let deadline = CalendarDate(year: year + 1, month: government ? 3 : 1, day: 31), deadline < published
        else { return [] }
        return [
            Finding(
                id: "publication.late", severity: .warning,
                message: "发布日期 \(published) 晚于法定期限 \(deadline)（\(government ? "县级以上人民政府年度报告为 3 月 31 日" : "政府部门年度报告为 1 月 31 日")）",
                expected: "不晚于 \(deadline)", origin: report.origin)
        ]
    }
}
