import AnnualReport

/// Tells the 2019 format from the 2021 format by the words only one of them prints.
struct FormatDetector {
    static let words2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "政府集中采购", "采购项目数量", "〔2019〕60号"]
    static let words2021 = [
        "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正", "收费通知要求", "〔2021〕30号",
    ]

    private static let needles = NeedleSet((words2019 + words2021).map(\.normalizedScalars))

    let text: NormalizedText

    struct Detection {
        var version: FormatVersion
        var variant: FormatVariant
        /// Words of the other format found in a report that otherwise follows `version`.
        var foreignWords: [String]
    }

    /// Looks for the words in `scope` (the text up to table 四: headers and the notice number).
    func detect(year: Int?, requestsRange: Range<Int>?, scope all: Range<Int>) -> Detection {
        let present = Self.needles.present(in: text.scalars, range: all)
        let found2019 = Self.words2019.indices.filter { present[$0] }.map { Self.words2019[$0] }
        let found2021 = Self.words2021.indices.filter { present[Self.words2019.count + $0] }.map { Self.words2021[$0] }
        let version: FormatVersion
        if found2021.count != found2019.count {
            version = found2021.count > found2019.count ? .v2021 : .v2019
        } else {
            version = year.map(FormatVersion.required(forYear:)) ?? .v2021
        }
        var variant = FormatVariant.standard
        if version == .v2021, let range = requestsRange,
            text.find("逾期不补正".normalizedScalars, in: range) == nil,
            text.find("收费通知".normalizedScalars, in: range) == nil,
            text.find("(六)其他处理".normalizedScalars, in: range) != nil
        {
            variant = .singleOtherRow
        }
        let foreign = version == .v2021 ? found2019 : found2021.filter { !$0.hasPrefix("〔") }
        return Detection(version: version, variant: variant, foreignWords: foreign.filter { !$0.hasPrefix("〔") })
    }
}
