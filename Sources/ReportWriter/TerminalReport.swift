import AnnualReport

/// A parsed report rendered as readable tables for a terminal.
public enum TerminalReport {
    /// The report's metadata and its three tables; uncertain cells show `?` and are listed with
    /// their candidates below.
    public static func render(_ report: Report, style: TerminalStyle) -> String {
        var out = style.bold(report.title ?? report.origin) + "\n"
        out +=
            style.dim(
                "机关 \(report.agency ?? "—")  年度 \(report.year.map(String.init) ?? "—")  格式 \(report.format.version.rawValue)"
                    + (report.format.variant == .standard ? "" : "（\(report.format.variant.rawValue)）")
                    + "  发布 \(report.published?.description ?? "—")  来源 \(report.origin)") + "\n"
        for table in TableID.allCases {
            out += "\n" + style.bold(table.title) + "\n"
            let rows = report.format.rows[table] ?? []
            let labelWidth = min(44, rows.map { displayWidth(rowLabel($0)) }.max() ?? 10)
            var lastHeader: [String] = []
            for (r, row) in rows.enumerated() {
                let header = row.columns.map(\.label)
                let widths = row.columns.map { max(6, min(12, displayWidth($0.label))) }
                if header != lastHeader {
                    out +=
                        style.dim(
                            padded("", to: labelWidth) + "  "
                                + zip(header, widths).map { padded(shortLabel($0), to: $1, right: true) }.joined(separator: " "))
                        + "\n"
                    lastHeader = header
                }
                var line = padded(truncated(rowLabel(row), labelWidth), to: labelWidth) + "  "
                var cells: [String] = []
                for c in row.columns.indices {
                    let cell = report.cells[report.format.cellIndex(table: table, row: r, column: c)]
                    let text: String
                    switch cell.status {
                    case .read: text = cell.value?.description ?? ""
                    case .blank: text = style.dim("空")
                    case .uncertain: text = style.yellow("?")
                    case .missing: text = style.red("缺")
                    }
                    cells.append(padded(text, to: widths[c] + ansiExtra(text), right: true))
                }
                line += cells.joined(separator: " ")
                out += line + "\n"
            }
        }
        let uncertain = report.uncertainCells
        if !uncertain.isEmpty {
            out += "\n" + style.yellow("无法确定的单元格（记为 null）：") + "\n"
            for i in uncertain {
                let cell = report.cells[i]
                out +=
                    "  \(report.format.label(ofCell: i))：可能为 \(cell.candidates.map(\.description).joined(separator: " / "))"
                    + style.dim("  \(cell.reasoning ?? "")  @\(cell.source?.description ?? "")") + "\n"
            }
        }
        if !report.readerNotes.isEmpty {
            out += "\n" + style.dim("读取说明：") + "\n"
            for note in report.readerNotes { out += style.dim("  " + note) + "\n" }
        }
        return out
    }

    private static func rowLabel(_ row: RowDefinition) -> String {
        if let group = row.group, !group.hasPrefix("第") { return group + row.label }
        return row.label
    }

    private static func shortLabel(_ s: String) -> String {
        String(s.prefix { $0 != "（" })
    }

    private static func truncated(_ s: String, _ width: Int) -> String {
        var out = ""
        for ch in s {
            if displayWidth(out + String(ch)) > width - 1 { return out + "…" }
            out.append(ch)
        }
        return out
    }

    private static func ansiExtra(_ s: String) -> Int {
        s.contains("\u{1B}") ? s.count - visibleCount(s) : 0
    }

    private static func visibleCount(_ s: String) -> Int {
        var count = 0
        var escape = false
        for ch in s {
            if ch == "\u{1B}" {
                escape = true
            } else if escape {
                if ch == "m" { escape = false }
            } else {
                count += 1
            }
        }
        return count
    }
}
