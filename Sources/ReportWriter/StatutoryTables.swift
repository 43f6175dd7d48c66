import AnnualReport

/// A cell of a document table: text, span, whether it is a header or a value.
public struct GridCell: Sendable, Hashable {
    public var text: String
    public var rowSpan = 1
    public var columnSpan = 1
    public var isHeader = false
    public var isValue = false
    /// For value cells: the report cell index it shows.
    public var cellIndex: Int?
}

/// A statutory table laid out as the format prints it: a grid of rows with merged cells. The HTML,
/// Word and Markdown writers all draw from this one layout.
public struct StatutoryGrid: Sendable {
    public let table: TableID
    public let columns: Int
    public var rows: [[GridCell]] = []
    /// Canonical keys of the layout's cells, by index.
    var cellKeys: [String] = []

    /// The text a blank (null) cell shows.
    public static let blank = "—"

    static func value(_ report: Report, _ index: Int) -> GridCell {
        GridCell(text: report.cells[index].value?.description ?? blank, isValue: true, cellIndex: index)
    }

    static func header(_ text: String, rowSpan: Int = 1, columnSpan: Int = 1) -> GridCell {
        GridCell(text: text, rowSpan: rowSpan, columnSpan: columnSpan, isHeader: true)
    }

    /// The three tables of a report.
    public static func all(_ report: Report) -> [StatutoryGrid] {
        [proactive(report), requests(report), appeals(report)]
    }

    static func proactive(_ report: Report) -> StatutoryGrid {
        let format = report.format
        var grid = StatutoryGrid(table: .proactive, columns: 4, cellKeys: format.cells.map(\.key))
        var lastGroup: String?
        var lastHeader: [String] = []
        for (r, row) in (format.rows[.proactive] ?? []).enumerated() {
            if let group = row.group, group != lastGroup {
                grid.rows.append([header(group, columnSpan: 4)])
                lastGroup = group
                lastHeader = []
            }
            let labels = row.columns.map(\.label)
            if labels != lastHeader {
                var cells = [header("信息内容")]
                for (c, label) in labels.enumerated() {
                    cells.append(header(label, columnSpan: c == labels.count - 1 ? 4 - labels.count : 1))
                }
                grid.rows.append(cells)
                lastHeader = labels
            }
            var cells = [header(row.label)]
            for c in row.columns.indices {
                var cell = value(report, format.cellIndex(table: .proactive, row: r, column: c))
                if c == row.columns.count - 1 { cell.columnSpan = 4 - row.columns.count }
                cells.append(cell)
            }
            grid.rows.append(cells)
        }
        return grid
    }

    static func requests(_ report: Report) -> StatutoryGrid {
        let format = report.format
        let rows = format.rows[.requests] ?? []
        var grid = StatutoryGrid(table: .requests, columns: 10, cellKeys: format.cells.map(\.key))
        grid.rows.append([
            header("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowSpan: 3, columnSpan: 3),
            header("申请人情况", columnSpan: 7),
        ])
        grid.rows.append([header("自然人", rowSpan: 2), header("法人或其他组织", columnSpan: 5), header("总计", rowSpan: 2)])
        grid.rows.append(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map { header($0) })
        let heads = Set([RowKey.newRequests, .carriedIn, .carriedOver].map(\.rawValue))
        let outcomeRows = rows.indices.filter { !heads.contains(rows[$0].key) }
        var groupRemaining = 0
        for (r, row) in rows.enumerated() {
            var cells: [GridCell] = []
            if heads.contains(row.key) {
                cells.append(header(row.label, columnSpan: 3))
            } else {
                if r == outcomeRows.first { cells.append(header("三、本年度办理结果", rowSpan: outcomeRows.count)) }
                if let group = row.group {
                    if groupRemaining == 0 {
                        groupRemaining = rows[r...].prefix { $0.group == group }.count
                        cells.append(header(group, rowSpan: groupRemaining))
                    }
                    groupRemaining -= 1
                    cells.append(header(row.label))
                } else {
                    cells.append(header(row.label, columnSpan: 2))
                }
            }
            for c in row.columns.indices { cells.append(value(report, format.cellIndex(table: .requests, row: r, column: c))) }
            grid.rows.append(cells)
        }
        return grid
    }

    static func appeals(_ report: Report) -> StatutoryGrid {
        let format = report.format
        var grid = StatutoryGrid(table: .appeals, columns: 15, cellKeys: format.cells.map(\.key))
        let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        grid.rows.append([header("行政复议", columnSpan: 5), header("行政诉讼", columnSpan: 10)])
        grid.rows.append(
            outcomes.map { header($0, rowSpan: 2) } + [header("未经复议直接起诉", columnSpan: 5), header("复议后起诉", columnSpan: 5)])
        grid.rows.append((outcomes + outcomes).map { header($0) })
        grid.rows.append(format.cells.indices.filter { format.cells[$0].table == .appeals }.map { value(report, $0) })
        return grid
    }
}
