import AnnualReport

/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    /// The report is wrong (an identity fails, a required part is missing).
    case error
    /// Probably wrong or non-conforming; a person should look.
    case warning
    /// Worth knowing (a label typo, a blank read as unknown).
    case notice

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .notice: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A cell a finding concerns, with its value.
public struct FindingCell: Sendable, Hashable {
    /// Canonical key.
    public let key: String
    /// Readable Chinese label.
    public let label: String
    /// The value; nil for blank or unread.
    public let value: CellNumber?
    /// The year of the report the cell belongs to, for findings across years.
    public let year: Int?
    /// Where it was read.
    public let source: SourceLocation?
}

/// One problem found in a report.
public struct Finding: Sendable, Hashable {
    /// The check's stable id, e.g. `arithmetic.carry-identity`.
    public let id: String
    /// How serious it is.
    public let severity: Severity
    /// What is wrong, in Chinese, naming cells and values.
    public let message: String
    /// The cells involved with their values.
    public let cells: [FindingCell]
    /// What was expected, where a value was.
    public let expected: String?
    /// Where in the source.
    public let source: SourceLocation?
    /// The report it belongs to (its origin).
    public let origin: String

    /// A finding.
    public init(
        id: String, severity: Severity, message: String, cells: [FindingCell] = [], expected: String? = nil,
        source: SourceLocation? = nil, origin: String
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.cells = cells
        self.expected = expected
        self.source = source
        self.origin = origin
    }
}

extension Report {
    /// A cell of this report as a finding names it.
    public func findingCell(_ index: Int) -> FindingCell {
        FindingCell(
            key: format.cells[index].key, label: format.label(ofCell: index), value: cells[index].value, year: year,
            source: cells[index].source)
    }

    /// A cell by key as a finding names it.
    public func findingCell(key: String) -> FindingCell? { format.index(of: key).map(findingCell) }
}
