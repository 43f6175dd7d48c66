import AnnualReport

/// The applicant columns of table 三.
public enum ApplicantType: String, Sendable, CaseIterable, Codable {
    case naturalPerson = "natural_person"
    case commercial
    case research
    case socialWelfare = "social_welfare"
    case legalServices = "legal_services"
    case otherOrganisation = "other_org"

    /// 自然人, 商业企业 …
    public var title: String {
        switch self {
        case .naturalPerson: "自然人"
        case .commercial: "商业企业"
        case .research: "科研机构"
        case .socialWelfare: "社会公益组织"
        case .legalServices: "法律服务机构"
        case .otherOrganisation: "其他组织"
        }
    }
}

/// What table 三 needs to know of a case.
public struct CaseSummary: Sendable, Hashable {
    /// The case's id.
    public let id: Int64
    /// Who asked.
    public let applicant: ApplicantType
    /// The receipt date.
    public let received: CalendarDate
    /// How and when it ended, if it has.
    public let closed: (outcome: CaseOutcome, on: CalendarDate)?

    /// A case's summary.
    public init(id: Int64, applicant: ApplicantType, received: CalendarDate, closed: (outcome: CaseOutcome, on: CalendarDate)?) {
        self.id = id
        self.applicant = applicant
        self.received = received
        self.closed = closed
    }

    public static func == (a: CaseSummary, b: CaseSummary) -> Bool {
        a.id == b.id && a.applicant == b.applicant && a.received == b.received && a.closed?.outcome == b.closed?.outcome
            && a.closed?.on == b.closed?.on
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Table 三 of a year, computed from the cases, with the cases behind every cell.
public struct RequestsTable: Sendable {
    /// A report in the year's format with table 三 filled and the other tables missing.
    public let report: Report
    /// For each cell key of table 三, the cases counted in it.
    public let casesByCell: [String: [Int64]]

    /// Table 三 for `year`: new (received in the year), carried in (received before, still open on
    /// 1 January), each outcome (closed in the year) and carried over (open on 31 December).
    public init(year: Int, agency: String?, cases: [CaseSummary]) {
        let version = FormatVersion.required(forYear: year)
        let format = ReportFormat.layout(version)
        var report = Report(origin: "cases", format: format)
        report.year = year
        report.agency = agency
        var byCell: [String: [Int64]] = [:]
        for summary in cases.sorted(by: { $0.id < $1.id }) {
            guard summary.received.year <= year else { continue }
            if let closed = summary.closed, closed.on.year < year { continue }
            let column = summary.applicant.rawValue
            func count(_ row: RowKey) {
                byCell[row.rawValue + "." + column, default: []].append(summary.id)
                byCell[row.cell(.total), default: []].append(summary.id)
            }
            count(summary.received.year == year ? .newRequests : .carriedIn)
            if let closed = summary.closed, closed.on.year == year {
                count(closed.outcome.row(in: version))
                count(.requestsTotal)
            } else {
                count(.carriedOver)
            }
        }
        for (index, definition) in format.cells.enumerated() where definition.table == .requests {
            let ids = byCell[definition.key] ?? []
            report.cells[index] = Cell(
                value: CellNumber(Int64(ids.count)), status: .read, source: nil,
                reasoning: "counted from \(ids.count) case\(ids.count == 1 ? "" : "s")")
        }
        self.report = report
        self.casesByCell = byCell
    }
}
