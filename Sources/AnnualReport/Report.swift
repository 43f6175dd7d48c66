/// Where in a source a value was read: 1-based line and column, in characters, of the text the
/// reader read; and where a document was made into that text (HTML, Word, PDF, a scan), the place
/// in the document itself.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number.
    public let line: Int
    /// 1-based column, in characters.
    public let column: Int
    /// The place in the original document: `HTML 212:35`, `Word table 2 row 7 cell 3`, `PDF page 3`.
    public var place: String?

    /// A location.
    public init(line: Int, column: Int, place: String? = nil) {
        self.line = line
        self.column = column
        self.place = place
    }

    /// Two locations are the same position in the reader's text whatever place they name.
    public static func == (a: SourceLocation, b: SourceLocation) -> Bool { a.line == b.line && a.column == b.column }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(column)
    }

    /// `60:24`, or with the document's place `60:24 (HTML 212:35)`.
    public var description: String { place.map { "\(line):\(column) (\($0))" } ?? "\(line):\(column)" }

    /// Reads a description back.
    public init?(_ description: String) {
        var position = Substring(description)
        var place: String?
        if let open = description.unicodeScalars.firstRange(of: " (".unicodeScalars) {
            guard description.hasSuffix(")") else { return nil }
            position = description[..<open.lowerBound]
            place = String(description[open.upperBound...].dropLast())
        }
        let parts = position.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let line = Int(parts[0]), let column = Int(parts[1]) else { return nil }
        self.init(line: line, column: column, place: place)
    }
}

/// A calendar date without a time zone, as printed in a report.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Year, month and day.
    public let year: Int, month: Int, day: Int

    /// A date; nil when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2021-01-29`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

/// How a cell's value was obtained.
public enum CellStatus: String, Sendable, Codable {
    /// A number read with certainty.
    case read
    /// The report leaves the cell blank (empty, `/`, `—`, `无`): null, not zero.
    case blank
    /// The text does not determine the value; `candidates` lists what it could be.
    case uncertain
    /// The cell was not found in the source at all.
    case missing
}

/// One cell of a report: its value (nil unless read), how it was obtained, and where.
public struct Cell: Sendable, Hashable {
    /// The value; nil for blank, uncertain and missing cells.
    public var value: CellNumber?
    /// How the value was obtained.
    public var status: CellStatus
    /// Where in the source the value (or the row it belongs to) was read.
    public var source: SourceLocation?
    /// The text as written, where it differs from the value (`64411万元`, `0.0436 亿元`, `+136`).
    public var written: String?
    /// For uncertain cells: the values the text allows, in ascending order.
    public var candidates: [CellNumber]
    /// How the value was established when more than the cell's own text was needed.
    public var reasoning: String?

    /// A cell that was not found.
    public static let missing = Cell(value: nil, status: .missing, source: nil, written: nil, candidates: [])

    /// A cell.
    public init(
        value: CellNumber?, status: CellStatus, source: SourceLocation?, written: String? = nil,
        candidates: [CellNumber] = [], reasoning: String? = nil
    ) {
        self.value = value
        self.status = status
        self.source = source
        self.written = written
        self.candidates = candidates
        self.reasoning = reasoning
    }
}

/// The six statutory sections.
public enum SectionID: String, Sendable, Codable, CaseIterable {
    case overview, proactive, requests, appeals, problems, other

    /// The statutory heading.
    public var title: String {
        switch self {
        case .overview: "一、总体情况"
        case .proactive: "二、主动公开政府信息情况"
        case .requests: "三、收到和处理政府信息公开申请情况"
        case .appeals: "四、政府信息公开行政复议、行政诉讼情况"
        case .problems: "五、存在的主要问题及改进情况"
        case .other: "六、其他需要报告的事项"
        }
    }
}

/// A section's text as found in the source.
public struct SectionText: Sendable, Hashable {
    /// The text, paragraph breaks kept.
    public let text: String
    /// Where the section begins.
    public var source: SourceLocation
    /// Whether the heading itself was found (false when the section was recognised by its content).
    public let headingFound: Bool

    /// A section.
    public init(text: String, source: SourceLocation, headingFound: Bool) {
        self.text = text
        self.source = source
        self.headingFound = headingFound
    }
}

/// A label in the source that differs from the statutory wording.
public struct LabelVariantUse: Sendable, Hashable {
    /// The row whose label varies.
    public let rowKey: String
    /// The statutory label.
    public let statutory: String
    /// The label as the report writes it.
    public let written: String
    /// Where.
    public var source: SourceLocation

    /// A use of a variant label.
    public init(rowKey: String, statutory: String, written: String, source: SourceLocation) {
        self.rowKey = rowKey
        self.statutory = statutory
        self.written = written
        self.source = source
    }
}

/// A statement of a number in the narrative, tied to the cells it describes.
public struct NarrativeFact: Sendable, Hashable {
    /// The phrase as written, e.g. `共收到申请71件`.
    public let phrase: String
    /// The number stated.
    public let value: CellNumber
    /// Alternative readings of the statement: each is a set of cell keys whose sum the number may
    /// state. The statement agrees with the tables when any reading's sum equals the value.
    public let readings: [[String]]
    /// Where.
    public var source: SourceLocation

    /// A fact.
    public init(phrase: String, value: CellNumber, readings: [[String]], source: SourceLocation) {
        self.phrase = phrase
        self.value = value
        self.readings = readings
        self.source = source
    }
}

/// A share the narrative states of a number it states (`予以公开1362件，占44.7%`).
public struct NarrativeShare: Sendable, Hashable {
    /// The phrase as written, from the number to the percent sign.
    public let phrase: String
    /// The percentage as written (`44.7`).
    public let percent: CellNumber
    /// Digits after the decimal point as written (`44.70%`: 2).
    public let decimals: Int
    /// The readings of the number the share is of (a statement's readings).
    public let parts: [[String]]
    /// The readings of the whole it is a share of.
    public let wholes: [[String]]
    /// Where the percentage stands.
    public var source: SourceLocation

    /// A share.
    public init(
        phrase: String, percent: CellNumber, decimals: Int, parts: [[String]], wholes: [[String]], source: SourceLocation
    ) {
        self.phrase = phrase
        self.percent = percent
        self.decimals = decimals
        self.parts = parts
        self.wholes = wholes
        self.source = source
    }
}

/// A parsed annual report.
public struct Report: Sendable {
    /// Where the report came from (a file path, or `-`).
    public var origin: String
    /// The layout the tables were read in.
    public var format: ReportFormat
    /// The year the report covers.
    public var year: Int?
    /// The reporting body.
    public var agency: String?
    /// The publication date, when the source states it.
    public var published: CalendarDate?
    /// The title line.
    public var title: String?
    /// Every cell of the layout, in `format.cells` order.
    public var cells: [Cell]
    /// The sections found.
    public var sections: [SectionID: SectionText]
    /// Where the years stated in the title, the statistics period and the body were found.
    public var yearMentions: [(kind: String, year: Int, source: SourceLocation)]
    /// Labels written differently from the statute.
    public var labelVariants: [LabelVariantUse]
    /// Numbers stated in the narrative.
    public var narrativeFacts: [NarrativeFact]
    /// Shares the narrative states of those numbers.
    public var narrativeShares: [NarrativeShare]
    /// Things the reader noticed but that are not findings: stray values dropped, units converted.
    public var readerNotes: [String]
    /// Whether the source used labels of the other format in table 二 (a wrong template).
    public var foreignFormatLabels: [String]
    /// Where the text bears the marks of character recognition (a bracket opened as 〈 and closed
    /// as `)`): such a text may hold misrecognised digits too.
    public var recognitionTraces: [SourceLocation]

    /// An empty report in a layout.
    public init(origin: String, format: ReportFormat) {
        self.origin = origin
        self.format = format
        self.cells = Array(repeating: .missing, count: format.cells.count)
        self.sections = [:]
        self.yearMentions = []
        self.labelVariants = []
        self.narrativeFacts = []
        self.narrativeShares = []
        self.readerNotes = []
        self.foreignFormatLabels = []
        self.recognitionTraces = []
    }

    /// The cell with a canonical key, or nil when the layout has no such cell.
    public func cell(_ key: String) -> Cell? { format.index(of: key).map { cells[$0] } }

    /// The value of a cell, nil when blank, uncertain, missing or not in the layout.
    public func value(_ key: String) -> CellNumber? { cell(key)?.value }

    /// Adds to every location without one the place in the original document it came from
    /// (`place` gives nil where it cannot tell).
    public mutating func placeSources(_ place: (SourceLocation) -> String?) {
        func placed(_ location: SourceLocation) -> SourceLocation {
            var placed = location
            placed.place = location.place ?? place(location)
            return placed
        }
        for i in cells.indices { cells[i].source = cells[i].source.map(placed) }
        for (id, section) in sections {
            var moved = section
            moved.source = placed(section.source)
            sections[id] = moved
        }
        yearMentions = yearMentions.map { ($0.kind, $0.year, placed($0.source)) }
        for i in labelVariants.indices { labelVariants[i].source = placed(labelVariants[i].source) }
        for i in narrativeFacts.indices { narrativeFacts[i].source = placed(narrativeFacts[i].source) }
        for i in narrativeShares.indices { narrativeShares[i].source = placed(narrativeShares[i].source) }
        recognitionTraces = recognitionTraces.map(placed)
    }

    /// The cells the reader could not determine.
    public var uncertainCells: [Int] { cells.indices.filter { cells[$0].status == .uncertain } }
}
