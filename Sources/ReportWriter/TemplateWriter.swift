import AnnualReport

/// A blank, commented YAML data file of the right format for a year: `gongkai init`.
public enum TemplateWriter {
    /// The file; `filled` gives cells already known (table 三 counted from the cases, say) with where
    /// they come from, and `feesYuan` the information processing fees collected, for section 六.
    public static func yaml(
        year: Int, agency: String, filled: [String: (value: CellNumber, source: String)] = [:], feesYuan: Int? = nil
    )
        -> String
    {
        let format = ReportFormat.layout(.required(forYear: year))
        let notice = format.version == .v2019 ? "2019 年格式（国办公开办函〔2019〕60号）" : "2021 年格式（国办公开办函〔2021〕30号）"
        var out = """
            # \(agency)\(year)年政府信息公开工作年度报告 — 数据文件
            # 格式：\(notice)
            # 数字填在冒号后。null 表示该格空白（不是 0）。
            # 总计（各行的“总计”列、表三“（七）总计”、表四各“总计”）可以留空，由 gongkai 计算；填写了则核对。
            # 写成报告：gongkai render 本文件 --to pdf（或 html、docx、md、xlsx、csv）

            format: "\(format.version.rawValue)"
            year: \(year)
            agency: "\(agency.replacingOccurrences("\"", "\\\""))"
            published: null  # 发布日期，如 \(year + 1)-01-20（政府部门 1 月 31 日前，县级以上人民政府 3 月 31 日前）

            sections:
              # 一、总体情况（段落之间空一行）
              overview: |
                （在此填写总体情况）
              # 五、存在的主要问题及改进情况
              problems: |
                （在此填写存在的主要问题及改进情况）
              # 六、其他需要报告的事项\(format.version == .v2021 ? "（须说明信息处理费的收取情况）" : "")
              other: |
                \(feesYuan.map { $0 > 0 ? "本年度收取信息处理费\($0)元。" : "本年度未收取信息处理费。" } ?? (format.version == .v2021 ? "本年度未收取信息处理费。" : "无。"))

            """
        var openPath: [Substring] = []
        for table in TableID.allCases {
            for (r, row) in (format.rows[table] ?? []).enumerated() {
                for (c, column) in row.columns.enumerated() {
                    let key = format.cells[format.cellIndex(table: table, row: r, column: c)].key
                    let parts = key.split(separator: ".")
                    var common = 0
                    while common < min(openPath.count, parts.count - 1) && openPath[common] == parts[common] { common += 1 }
                    for depth in common..<(parts.count - 1) {
                        let indent = String(repeating: "  ", count: depth)
                        var comment = ""
                        if depth == 0 { comment = "  # " + table.title }
                        if depth == parts.count - 2 {
                            comment =
                                "  # " + (row.group.map { $0.hasPrefix("第") ? row.label : $0 + " " + row.label } ?? row.label)
                        }
                        if depth > 0 && depth < parts.count - 2, let group = row.group { comment = "  # " + group }
                        if depth == 0 { out += "\n" }
                        out += "\(indent)\(parts[depth]):\(comment)\n"
                    }
                    openPath = Array(parts.dropLast())
                    let total = column.key == ColumnKey.total.rawValue || row.key == RowKey.requestsTotal.rawValue
                    let value = filled[key].map { "\($0.value)" } ?? "null"
                    let note = filled[key].map { "（\($0.source)）" } ?? (total ? "（可留空，自动计算）" : "")
                    out +=
                        String(repeating: "  ", count: parts.count - 1)
                        + "\(parts.last ?? ""): \(value)  # \(column.label)\(note)\n"
                }
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
