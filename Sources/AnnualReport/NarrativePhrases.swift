/// How the narrative states a number about the tables: the words that must stand in the clause
/// before the number (`共收到政府信息公开申请71件`), and the cells the number may describe.
public struct NarrativePhrase: Sendable, Hashable {
    /// Words that must all stand in the clause; the last is the one closest to the number.
    public let words: [String]
    /// Alternatives for the first word, when it has several spellings.
    public let firstWordOptions: [String]
    /// Readings: each a set of cell keys whose sum the number may state.
    public let readings: [[String]]
    /// Readings of the whole a share of the number (`，占44.7%`) may be of; empty where shares are not checked.
    public let wholes: [[String]]

    init(_ words: [String], firstWordOptions: [String] = [], readings: [[String]], wholes: [[String]] = []) {
        self.words = words
        self.firstWordOptions = firstWordOptions
        self.readings = readings
        self.wholes = wholes
    }

    /// Words after the number that say the outcome of every case counted (`行政复议7件，均获维持`):
    /// the number is then also the sum of `upheld`.
    public static let allUpheld = ["均获维持", "均被维持", "均予维持", "均予以维持", "均维持", "全部维持", "全部获得维持"]
}

extension ReportFormat {
    /// The phrase → cell map of this layout, most specific first.
    public var narrativePhrases: [NarrativePhrase] {
        let requestRows = (rows[.requests] ?? []).map(\.key)
        func totals(under group: RowKey) -> [String] {
            requestRows.filter { group.contains($0) }.map { $0 + "." + ColumnKey.total.rawValue }
        }
        let litigation = [RowKey.litigationDirect.cell(.total), RowKey.litigationAfterReview.cell(.total)]
        // A share of an outcome is of the year's outcomes, of the new requests, or of those and last year's.
        let handled = [
            [RowKey.requestsTotal.cell(.total)], [RowKey.newRequests.cell(.total)],
            [RowKey.newRequests.cell(.total), RowKey.carriedIn.cell(.total)],
        ]
        var list = [
            NarrativePhrase(
                ["予以公开", "部分公开"], readings: [[RowKey.granted.cell(.total), RowKey.partlyGranted.cell(.total)]],
                wholes: handled),
            NarrativePhrase(["不予公开"], readings: [totals(under: .withheld)], wholes: handled),
            NarrativePhrase(["部分公开"], readings: [[RowKey.partlyGranted.cell(.total)]], wholes: handled),
            NarrativePhrase(["予以公开"], readings: [[RowKey.granted.cell(.total)]], wholes: handled),
            NarrativePhrase(["无法提供"], readings: [totals(under: .unable)], wholes: handled),
            NarrativePhrase(["不予处理"], readings: [totals(under: .notProcessed)], wholes: handled),
            NarrativePhrase(["其他处理"], readings: [totals(under: .otherOutcome)], wholes: handled),
            NarrativePhrase(["结转下年"], readings: [[RowKey.carriedOver.cell(.total)]], wholes: handled),
            NarrativePhrase(["上年结转"], readings: [[RowKey.carriedIn.cell(.total)]]),
            NarrativePhrase(
                ["收到", "申请"], firstWordOptions: ["收到", "受理", "办理", "新收"],
                readings: [
                    [RowKey.newRequests.cell(.total)], [RowKey.requestsTotal.cell(.total)],
                    [RowKey.newRequests.cell(.total), RowKey.carriedIn.cell(.total)],
                ]),
            NarrativePhrase(["行政复议"], readings: [[RowKey.review.cell(.total)]]),
            NarrativePhrase(["行政诉讼"], readings: [litigation, [litigation[0]], [litigation[1]]]),
        ]
        if version == .v2021 {
            for (noun, row) in [("规范性文件", RowKey.normativeDocuments), ("规章", .rules)] {
                list.append(NarrativePhrase(["现行有效", noun], readings: [[row.cell(.inForce)]]))
                list.append(NarrativePhrase(["制发", noun], readings: [[row.cell(.issued)]]))
                list.append(NarrativePhrase(["废止", noun], readings: [[row.cell(.repealed)]]))
            }
        }
        return list
    }

    /// For a phrase about appeals, the same readings over the `upheld` cells: what "all upheld" states.
    public func upheldReadings(of phrase: NarrativePhrase) -> [[String]]? {
        let total = "." + ColumnKey.total.rawValue
        let appealRows = [RowKey.review, .litigationDirect, .litigationAfterReview]
        guard
            phrase.readings.allSatisfy({ reading in reading.allSatisfy { key in appealRows.contains { $0.cell(.total) == key } } }
            )
        else { return nil }
        return phrase.readings.map { reading in reading.map { String($0.dropLast(total.count)) + "." + ColumnKey.upheld.rawValue }
        }
    }
}
