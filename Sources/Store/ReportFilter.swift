/// Which stored reports to list: every field left nil (or false) selects all.
public struct ReportFilter: Sendable, Equatable {
    public var id: Int?
    public var year: Int?
    /// The agency name exactly as parsed.
    public var agency: String?
    /// A register agency.
    public var agencyID: Int?
    /// Part of the agency name.
    public var search: String?
    /// The region's path: reports of agencies in it or under it.
    public var regionPath: String?
    /// Only reports whose agency name the register does not know yet.
    public var unmatched = false
    /// "2019" or "2021".
    public var format: String?
    public var kind: AgencyKind?
    public var withErrors = false
    public var withWarnings = false
    public var late = false
    public var reviewState: ReviewState?
    /// A page of the list: at most `limit` reports after skipping `offset`.
    public var limit: Int?
    public var offset = 0

    public init(
        id: Int? = nil, year: Int? = nil, agency: String? = nil, agencyID: Int? = nil, search: String? = nil,
        regionPath: String? = nil, unmatched: Bool = false, format: String? = nil, kind: AgencyKind? = nil,
        withErrors: Bool = false, withWarnings: Bool = false, late: Bool = false, reviewState: ReviewState? = nil,
        limit: Int? = nil, offset: Int = 0
    ) {
        self.id = id
        self.year = year
        self.agency = agency
        self.agencyID = agencyID
        self.search = search
        self.regionPath = regionPath
        self.unmatched = unmatched
        self.format = format
        self.kind = kind
        self.withErrors = withErrors
        self.withWarnings = withWarnings
        self.late = late
        self.reviewState = reviewState
        self.limit = limit
        self.offset = offset
    }
}
