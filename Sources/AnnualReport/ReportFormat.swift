/// A table layout: the statutory format plus the real variant some 2021+ reports print.
public enum FormatVariant: String, Sendable, Codable {
    /// The layout as the notice prints it.
    case standard
    /// A 2021-format report whose table 三 has a single （六）其他处理 row, as in 2019.
    case singleOtherRow = "single-other-row"
}

extension TableID {
    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .proactive: 0
        case .requests: 1
        case .appeals: 2
        }
    }
}

/// One cell of a layout: where it sits and its canonical key.
public struct CellDefinition: Sendable, Hashable {
    /// Canonical key, e.g. `requests.new.natural_person`.
    public let key: String
    /// The table the cell belongs to.
    public let table: TableID
    /// Index of the row within its table.
    public let row: Int
    /// Index of the column within its row.
    public let column: Int
}

/// A complete report layout: the rows of every table, every cell with its index, and the identities.
public struct ReportFormat: Sendable {
    /// The statutory version.
    public let version: FormatVersion
    /// The variant of that version.
    public let variant: FormatVariant
    /// Rows of table 二, 三 and 四, in statutory order.
    public let rows: [TableID: [RowDefinition]]
    /// Every cell, in table, row and column order. A report stores its cells in this order.
    public let cells: [CellDefinition]
    /// Arithmetic identities 1–4 of the spec, expanded over the cells of this layout.
    public let identities: [Identity]
    private let indexByKey: [String: Int]
    /// First cell index of every row, by table (in `TableID.allCases` order): the hot lookup.
    private let firstCellOfRow: [[Int]]

    init(version: FormatVersion, variant: FormatVariant) {
        self.version = version
        self.variant = variant
        let proactive = version == .v2019 ? StatutoryRows.proactive2019 : StatutoryRows.proactive2021
        let other = version == .v2021 && variant == .standard ? StatutoryRows.otherSubRows : [StatutoryRows.singleOther]
        let requests = StatutoryRows.requestsHead + other + StatutoryRows.requestsTail
        let rows: [TableID: [RowDefinition]] = [
            .proactive: proactive, .requests: requests, .appeals: StatutoryRows.appeals,
        ]
        var cells: [CellDefinition] = []
        var firsts: [TableID: [Int]] = [:]
        for table in TableID.allCases {
            for (r, row) in (rows[table] ?? []).enumerated() {
                firsts[table, default: []].append(cells.count)
                for (c, column) in row.columns.enumerated() {
                    cells.append(CellDefinition(key: row.key + "." + column.key, table: table, row: r, column: c))
                }
            }
        }
        self.rows = rows
        self.cells = cells
        self.firstCellOfRow = TableID.allCases.map { firsts[$0] ?? [] }
        var index: [String: Int] = [:]
        for (i, cell) in cells.enumerated() { index[cell.key] = i }
        self.indexByKey = index
        self.identities = Identity.expand(rows: rows, firstCellOfRow: firsts)
    }

    /// The 2019 format (reports of 2019 and 2020).
    public static let v2019 = ReportFormat(version: .v2019, variant: .standard)
    /// The 2021 format (reports of 2021 onward).
    public static let v2021 = ReportFormat(version: .v2021, variant: .standard)
    /// The 2021 format with a single （六）其他处理 row.
    public static let v2021SingleOther = ReportFormat(version: .v2021, variant: .singleOtherRow)

    /// The layout for a version and variant.
    public static func layout(_ version: FormatVersion, _ variant: FormatVariant = .standard) -> ReportFormat {
        switch (version, variant) {
        case (.v2019, _): .v2019
        case (.v2021, .standard): .v2021
        case (.v2021, .singleOtherRow): .v2021SingleOther
        }
    }

    /// The index of a cell key, or nil when the layout has no such cell.
    public func index(of key: String) -> Int? { indexByKey[key] }

    /// The cell index of a row's column.
    public func cellIndex(table: TableID, row: Int, column: Int) -> Int {
        firstCellOfRow[table.ordinal][row] + column
    }

    /// The row definition a cell belongs to.
    public func row(of cell: CellDefinition) -> RowDefinition? { rows[cell.table]?[cell.row] }

    /// The column definition of a cell.
    public func column(of cell: CellDefinition) -> ColumnDefinition? { row(of: cell)?.columns[cell.column] }

    /// A readable Chinese name of a cell: `三、（一）予以公开 · 自然人`.
    public func label(ofCell index: Int) -> String {
        let cell = cells[index]
        guard let row = row(of: cell), let column = column(of: cell) else { return cell.key }
        let prefix =
            switch cell.table {
            case .proactive: "表二 "
            case .requests: "表三 "
            case .appeals: "表四 "
            }
        let rowLabel = row.group.map { $0.hasPrefix("第") ? row.label : $0 + row.label } ?? row.label
        return prefix + rowLabel + " · " + column.label
    }
}
