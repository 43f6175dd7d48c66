/// A canonical row key of the statutory tables, e.g. `requests.new`. The constants below are the
/// one spelling of each key in the code: readers, checks, writers and pages name rows through them,
/// so a misspelt key does not compile.
public struct RowKey: Hashable, Sendable, CustomStringConvertible {
    /// The key as stored and exported.
    public let rawValue: String

    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The key of this row's cell in `column`, e.g. `requests.new.total`.
    public func cell(_ column: ColumnKey) -> String { rawValue + "." + column.rawValue }

    /// Whether `key` (a row's) is this row or one of the rows under it, as `requests.withheld.state_secret`
    /// is under `requests.withheld`.
    public func contains(_ key: String) -> Bool { key == rawValue || key.hasPrefix(rawValue + ".") }
}

/// A canonical column key, e.g. `natural_person`.
public struct ColumnKey: Hashable, Sendable, CustomStringConvertible {
    /// The key as stored and exported.
    public let rawValue: String

    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}

extension RowKey {
    // Table 二
    public static let rules = RowKey("proactive.rules")
    public static let normativeDocuments = RowKey("proactive.normative_documents")
    public static let licensing = RowKey("proactive.licensing")
    public static let otherServices = RowKey("proactive.other_services")
    public static let penalties = RowKey("proactive.penalties")
    public static let coerciveMeasures = RowKey("proactive.coercive_measures")
    public static let fees = RowKey("proactive.fees")
    public static let procurement = RowKey("proactive.procurement")

    // Table 三: the rows, and the outcome groups their keys fall under
    public static let newRequests = RowKey("requests.new")
    public static let carriedIn = RowKey("requests.carried_in")
    public static let granted = RowKey("requests.granted")
    public static let partlyGranted = RowKey("requests.partly_granted")
    public static let withheld = RowKey("requests.withheld")
    public static let withheldStateSecret = RowKey("requests.withheld.state_secret")
    public static let withheldProhibitedByLaw = RowKey("requests.withheld.prohibited_by_law")
    public static let withheldThreeSafeties = RowKey("requests.withheld.three_safeties")
    public static let withheldThirdParty = RowKey("requests.withheld.third_party")
    public static let withheldInternalAffairs = RowKey("requests.withheld.internal_affairs")
    public static let withheldProcessInformation = RowKey("requests.withheld.process_information")
    public static let withheldEnforcementFiles = RowKey("requests.withheld.enforcement_files")
    public static let withheldInquiryMatters = RowKey("requests.withheld.inquiry_matters")
    public static let unable = RowKey("requests.unable")
    public static let unableNotHeld = RowKey("requests.unable.not_held")
    public static let unableNeedsCreation = RowKey("requests.unable.needs_creation")
    public static let unableUnclearAfterCorrection = RowKey("requests.unable.unclear_after_correction")
    public static let notProcessed = RowKey("requests.not_processed")
    public static let notProcessedComplaint = RowKey("requests.not_processed.complaint")
    public static let notProcessedRepeated = RowKey("requests.not_processed.repeated")
    public static let notProcessedPublication = RowKey("requests.not_processed.publication")
    public static let notProcessedExcessive = RowKey("requests.not_processed.excessive")
    public static let notProcessedConfirmation = RowKey("requests.not_processed.confirmation")
    /// 2019 format and the 2021 single-row variant: （六）其他处理 as one row; the 2021 rows fall under it.
    public static let otherOutcome = RowKey("requests.other")
    public static let otherNoCorrection = RowKey("requests.other.no_correction")
    public static let otherUnpaidFee = RowKey("requests.other.unpaid_fee")
    public static let otherOther = RowKey("requests.other.other")
    public static let requestsTotal = RowKey("requests.total")
    public static let carriedOver = RowKey("requests.carried_over")

    // Table 四
    public static let review = RowKey("appeals.review")
    public static let litigationDirect = RowKey("appeals.litigation_direct")
    public static let litigationAfterReview = RowKey("appeals.litigation_after_review")
}

extension ColumnKey {
    // Table 二, 2019 format
    public static let made = ColumnKey("made")
    public static let published = ColumnKey("published")
    public static let total = ColumnKey("total")
    public static let priorItems = ColumnKey("prior_items")
    public static let change = ColumnKey("change")
    public static let decisions = ColumnKey("decisions")
    public static let projects = ColumnKey("projects")
    public static let amountWanYuan = ColumnKey("amount_wan_yuan")
    // Table 二, 2021 format
    public static let issued = ColumnKey("issued")
    public static let repealed = ColumnKey("repealed")
    public static let inForce = ColumnKey("in_force")
    // Table 三: the applicants, then `total`
    public static let naturalPerson = ColumnKey("natural_person")
    public static let commercial = ColumnKey("commercial")
    public static let research = ColumnKey("research")
    public static let socialWelfare = ColumnKey("social_welfare")
    public static let legalServices = ColumnKey("legal_services")
    public static let otherOrganisation = ColumnKey("other_org")
    // Table 四: the outcomes, then `total`
    public static let upheld = ColumnKey("upheld")
    public static let corrected = ColumnKey("corrected")
    public static let otherResult = ColumnKey("other")
    public static let pending = ColumnKey("pending")
}
