/// The statutory format versions of the annual report.
public enum FormatVersion: String, Sendable, Codable, CaseIterable {
    /// 国办公开办函〔2019〕60号, for the reports of 2019 and 2020.
    case v2019 = "2019"
    /// 国办公开办函〔2021〕30号, for the reports of 2021 onward.
    case v2021 = "2021"

    /// The format a report of `year` must use.
    public static func required(forYear year: Int) -> FormatVersion { year <= 2020 ? .v2019 : .v2021 }
}

/// The three statutory tables.
public enum TableID: String, Sendable, Codable, CaseIterable {
    /// 二、主动公开政府信息情况
    case proactive
    /// 三、收到和处理政府信息公开申请情况
    case requests
    /// 四、政府信息公开行政复议、行政诉讼情况
    case appeals

    /// The table's statutory heading.
    public var title: String {
        switch self {
        case .proactive: "二、主动公开政府信息情况"
        case .requests: "三、收到和处理政府信息公开申请情况"
        case .appeals: "四、政府信息公开行政复议、行政诉讼情况"
        }
    }
}

/// A column of a table: its canonical key, its statutory label, and words that name it in notes.
public struct ColumnDefinition: Sendable, Hashable {
    /// Canonical key, e.g. `natural_person`.
    public let key: String
    /// Statutory label, e.g. 自然人.
    public let label: String
    /// Words that, in a note beside a value (`55（含自然失效29件）`), say the value belongs here.
    public let noteWords: [String]

    init(_ key: ColumnKey, _ label: String, noteWords: [String] = []) {
        self.key = key.rawValue
        self.label = label
        self.noteWords = noteWords
    }
}

/// A way a row's label is written: the statutory wording or a variant real reports use.
public struct LabelSpelling: Sendable, Hashable {
    /// The text as it is matched (after normalisation, without spaces).
    public let text: String
    /// Whether this spelling differs from the statutory wording.
    public let isVariant: Bool
}

/// A row of a table.
public struct RowDefinition: Sendable, Hashable {
    /// Canonical row key, e.g. `requests.withheld.state_secret`.
    public let key: String
    /// The statutory label as printed, with its numbering, e.g. `1.属于国家秘密`.
    public let label: String
    /// The spellings the reader recognises, statutory first.
    public let spellings: [LabelSpelling]
    /// The row's columns.
    public let columns: [ColumnDefinition]
    /// For table 二: the statutory block heading, e.g. `第二十条第（一）项`. For 三: the outcome group.
    public let group: String?
    /// For table 三: whether the row is a leaf outcome summed into （七）总计.
    public let isOutcomeLeaf: Bool

    init(
        _ key: RowKey, _ label: String, match: [String], variants: [String] = [],
        columns: [ColumnDefinition], group: String? = nil, isOutcomeLeaf: Bool = false
    ) {
        self.key = key.rawValue
        self.label = label
        self.spellings =
            match.map { LabelSpelling(text: normalizedLabel($0), isVariant: false) }
            + variants.map { LabelSpelling(text: normalizedLabel($0), isVariant: true) }
        self.columns = columns
        self.group = group
        self.isOutcomeLeaf = isOutcomeLeaf
    }
}

/// Normalises a label for matching: full-width forms to ASCII, spaces removed.
public func normalizedLabel(_ text: String) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
                let n = TextNormalization.normalize(scalar)
                return TextNormalization.isSeparator(n) ? nil : n
            }))
}

/// Header wording that real reports vary: the statutory words and a variant, in one table.
public struct HeaderVariant: Sendable, Hashable {
    /// The table whose header it is.
    public let table: TableID
    /// The statutory wording.
    public let statutory: String
    /// The variant as reports print it.
    public let variant: String

    /// The header variants the reader recognises.
    public static let known: [HeaderVariant] = [
        HeaderVariant(table: .requests, statutory: "本列数据的勾稽关系为", variant: "本列数据的逻辑关系为"),
        HeaderVariant(table: .proactive, statutory: "现行有效件数", variant: "现行有效件数（历史累计）"),
    ]
}
