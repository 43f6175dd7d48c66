import AnnualReport

/// `structure.*`: sections, tables, blanks, format, labels, years.
enum StructureChecks {
    static let all: [Check] = [sectionMissing, tableIncomplete, cellBlank, formatMismatch, labelVariant, yearMismatch]

    static let sectionMissing = Check(id: "structure.section-missing", summary: "one of the six sections is absent") {
        report in
        SectionID.allCases.filter { report.sections[$0] == nil }.map { id in
            Finding(
                id: "structure.section-missing", severity: .error, message: "缺少第\(id.title.prefix(1))部分「\(id.title)」",
                origin: report.origin)
        }
    }

    static let tableIncomplete = Check(
        id: "structure.table-incomplete", summary: "a table, row or cell could not be found or read"
    ) { report in
        var findings: [Finding] = []
        for table in TableID.allCases {
            let cells = report.format.cells.indices.filter { report.format.cells[$0].table == table }
            let missing = cells.filter { report.cells[$0].status == .missing }
            if missing.count == cells.count {
                findings.append(
                    Finding(
                        id: "structure.table-incomplete", severity: .error, message: "未找到表格「\(table.title)」",
                        origin: report.origin))
                continue
            }
            var rowsReported: Set<Int> = []
            for i in missing where !rowsReported.contains(report.format.cells[i].row) {
                rowsReported.insert(report.format.cells[i].row)
                let row = report.format.row(of: report.format.cells[i])
                findings.append(
                    Finding(
                        id: "structure.table-incomplete", severity: .error,
                        message: "未能找到或读出「\(row?.label ?? report.format.cells[i].key)」一行的数据（不按 0 计）",
                        cells: [report.findingCell(i)], origin: report.origin))
            }
            for i in cells where report.cells[i].status == .uncertain {
                let candidates = report.cells[i].candidates.map(\.description).joined(separator: "、")
                findings.append(
                    Finding(
                        id: "structure.table-incomplete", severity: .warning,
                        message: "「\(report.format.label(ofCell: i))」无法确定"
                            + (candidates.isEmpty ? "" : "，可能为 \(candidates)") + "（\(report.cells[i].reasoning ?? "")）",
                        cells: [report.findingCell(i)], source: report.cells[i].source, origin: report.origin))
            }
        }
        return findings
    }

    static let cellBlank = Check(id: "structure.cell-blank", summary: "a cell is blank: recorded as null") { report in
        let blank = report.cells.indices.filter { report.cells[$0].status == .blank }
        guard !blank.isEmpty else { return [] }
        let names = blank.prefix(6).map { report.format.label(ofCell: $0) }.joined(separator: "；")
        return [
            Finding(
                id: "structure.cell-blank", severity: .notice,
                message: "\(blank.count) 个单元格为空白（记为 null，不按 0 计）：\(names)\(blank.count > 6 ? " 等" : "")",
                cells: blank.map(report.findingCell), source: report.cells[blank[0]].source, origin: report.origin)
        ]
    }

    static let formatMismatch = Check(
        id: "structure.format-mismatch", summary: "the report's year requires the other format"
    ) { report in
        guard let year = report.year else { return [] }
        let required = FormatVersion.required(forYear: year)
        var findings: [Finding] = []
        if required != report.format.version {
            findings.append(
                Finding(
                    id: "structure.format-mismatch", severity: .error,
                    message: "\(year) 年度报告应使用 \(required.rawValue) 年格式，实际使用 \(report.format.version.rawValue) 年格式",
                    expected: "\(required.rawValue) 年格式", origin: report.origin))
        } else if !report.foreignFormatLabels.isEmpty {
            findings.append(
                Finding(
                    id: "structure.format-mismatch", severity: .warning,
                    message: "报告含有另一格式的栏目：\(report.foreignFormatLabels.joined(separator: "、"))",
                    origin: report.origin))
        }
        if report.format.variant == .singleOtherRow {
            findings.append(
                Finding(
                    id: "structure.format-mismatch", severity: .warning,
                    message: "表三「（六）其他处理」只有一行，2021 年格式应分为三项（逾期不补正、逾期未缴费、其他）",
                    origin: report.origin))
        }
        return findings
    }

    static let labelVariant = Check(id: "structure.label-variant", summary: "a label differs from the statutory wording") {
        report in
        report.labelVariants.map { use in
            Finding(
                id: "structure.label-variant", severity: .notice, message: "栏目名称「\(use.written)」与法定表述「\(use.statutory)」不一致",
                expected: use.statutory, source: use.source, origin: report.origin)
        }
    }

    static let yearMismatch = Check(
        id: "structure.year-mismatch", summary: "title, statistics period and body disagree on the year"
    ) { report in
        let years = Set(report.yearMentions.filter { $0.kind != "body" }.map(\.year))
        guard years.count > 1 else { return [] }
        let detail = report.yearMentions.map { "\($0.kind == "title" ? "标题" : $0.kind == "period" ? "统计期限" : "正文") \($0.year) 年" }
        return [
            Finding(
                id: "structure.year-mismatch", severity: .warning, message: "年度不一致：" + detail.joined(separator: "，"),
                source: report.yearMentions.first?.source, origin: report.origin)
        ]
    }
}
