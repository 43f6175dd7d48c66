import AnnualReport

/// Finds numbers the narrative states about the tables (`共收到申请71件`, `行政复议案件2件`) and the
/// cells each statement may describe.
struct NarrativeReader {
    let text: NormalizedText
    let format: ReportFormat

    /// The phrases with their words normalised, per layout, built once.
    private static let compiled2019 = NarrativeReader.compile(.v2019)
    private static let compiled2021 = NarrativeReader.compile(.v2021)
    private static let compiled2021SingleOther = NarrativeReader.compile(.v2021SingleOther)
    private static let allUpheld = NarrativePhrase.allUpheld.map(\.normalizedScalars)
    private static let appealWords = ["行政复议", "行政诉讼", "复议", "诉讼"].map(\.normalizedScalars)

    private static func compile(_ format: ReportFormat) -> [(NarrativePhrase, [[Unicode.Scalar]], [[Unicode.Scalar]])] {
        format.narrativePhrases.map { p in
            (p, p.words.map(\.normalizedScalars), p.firstWordOptions.map(\.normalizedScalars))
        }
    }

    private static let clauseBreaks: Set<Unicode.Scalar> = ["。", ",", ";", ":", "(", ")", "!", "；", "，"]

    /// The end of the last occurrence of `needle` in `haystack`.
    private func lastEnd(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
            i -= 1
        }
        return nil
    }

    /// The end of words saying every case was upheld (`，均获维持`) in the sentence after `start`,
    /// before any other number or appeals figure (`行政复议2件，行政诉讼1件，其中行政诉讼均获维持` says
    /// nothing of the reviews).
    private func allUpheld(after start: Int, in range: Range<Int>) -> Int? {
        let s = text.scalars
        var kept: [Unicode.Scalar] = []
        var ends: [Int] = []
        var i = start
        while i < range.upperBound, i - start < 40, !["。", ";", "；"].contains(s[i]), s[i].asciiDigit == nil {
            if !TextNormalization.isSeparator(s[i]) && s[i] != "\n" {
                kept.append(s[i])
                ends.append(i + 1)
                if Self.appealWords.contains(where: { kept.count >= $0.count && kept.suffix($0.count).elementsEqual($0) }) {
                    return nil
                }
            }
            i += 1
        }
        for words in Self.allUpheld {
            if let end = lastEnd(of: words, in: kept) { return ends[end - 1] }
        }
        return nil
    }

    /// Words that make a percentage near a number something else than its share of the year's
    /// requests: a change (同比增长12.5%), a share of another whole (占全市的5%), a part of it
    /// (其中…占25%), an approximation (不足1%).
    private static let notAShare = [
        "同比", "较", "增", "降", "升", "上年", "去年", "全市", "全省", "全区", "全县", "全国", "其中", "不足", "不到", "超过", "逾", "近",
        "约", "率",
    ].map(\.normalizedScalars)

    /// A share stated right after a number: `，占44.7%`, `，占比44.7%`, `（17.46%）`, `（占总数的44.7%）`.
    /// Returns the percentage, its decimals, where it stands and the end of its `%`; nil for anything
    /// else (another number first, a clause between, a word of `notAShare`, more than four decimals).
    private func share(after start: Int, in range: Range<Int>) -> (percent: CellNumber, decimals: Int, at: Int, end: Int)? {
        let s = text.scalars
        var i = start
        while i < range.upperBound, s[i] == " " { i += 1 }
        guard i < range.upperBound else { return nil }
        // `(` then at once the percentage or 占; or `,` then 占.
        if s[i] == "(" || s[i] == "," || s[i] == "，" {
            let opening = s[i] == "("
            i += 1
            while i < range.upperBound, s[i] == " " { i += 1 }
            guard i < range.upperBound, s[i] == "占" || (opening && s[i].asciiDigit != nil) else { return nil }
        } else if s[i] != "占" {
            return nil
        }
        // From 占 to the digits: a few words of the whole (比, 总数的, 全部申请的), none of `notAShare`.
        var words: [Unicode.Scalar] = []
        while i < range.upperBound, s[i].asciiDigit == nil {
            guard words.count < 8, !["。", ";", "；", ",", "，", "\n", ")", "%"].contains(s[i]) else { return nil }
            words.append(s[i])
            i += 1
        }
        for word in Self.notAShare where words.count >= word.count {
            for k in 0...(words.count - word.count) where words[k..<(k + word.count)].elementsEqual(word) { return nil }
        }
        var j = i, decimals = 0, point = false
        while j < range.upperBound, j - i <= 12, s[j].asciiDigit != nil || (s[j] == "." && !point) {
            if s[j] == "." { point = true } else if point { decimals += 1 }
            j += 1
        }
        var k = j
        while k < range.upperBound, s[k] == " " { k += 1 }
        guard j > i, j - i <= 12, decimals <= 4, k < range.upperBound, s[k] == "%", s[j - 1] != ".",
            let percent = CellNumber(scalars: s[i..<j])
        else { return nil }
        return (percent, decimals, i, k + 1)
    }

    /// The numbers the narrative states about the tables, and the shares it states of them.
    func facts(in ranges: [Range<Int>]) -> (facts: [NarrativeFact], shares: [NarrativeShare]) {
        let s = text.scalars
        let compiled =
            format.version == .v2019
            ? Self.compiled2019 : format.variant == .standard ? Self.compiled2021 : Self.compiled2021SingleOther
        var facts: [NarrativeFact] = []
        var shares: [NarrativeShare] = []
        for range in ranges {
            var i = range.lowerBound
            while i < range.upperBound {
                let previous: Unicode.Scalar? = i > range.lowerBound ? s[i - 1] : nil
                guard s[i].asciiDigit != nil, previous?.asciiDigit == nil, previous != "." else {
                    i += 1
                    continue
                }
                var j = i
                while j < range.upperBound, s[j].asciiDigit != nil { j += 1 }
                var k = j
                while k < range.upperBound, s[k] == " " { k += 1 }
                guard k < range.upperBound, s[k] == "件", j - i <= 9 else {
                    i = j
                    continue
                }
                var clauseStart = i
                while clauseStart > range.lowerBound, !Self.clauseBreaks.contains(s[clauseStart - 1]), i - clauseStart < 80 {
                    clauseStart -= 1
                }
                // PDF text breaks lines inside words: match on the clause without spaces and breaks.
                let clause = (clauseStart..<i).filter { !TextNormalization.isSeparator(s[$0]) && s[$0] != "\n" }.map { s[$0] }
                var best: (pattern: NarrativePhrase, position: Int)?
                for (pattern, words, options) in compiled {
                    var position = -1
                    var ok = true
                    for (w, word) in words.enumerated() {
                        let alternatives = w == 0 && !options.isEmpty ? options : [word]
                        let hits = alternatives.compactMap { lastEnd(of: $0, in: clause) }
                        guard let hit = hits.max() else {
                            ok = false
                            break
                        }
                        if w == words.count - 1 { position = hit }
                    }
                    if ok, clause.count - position <= 8, position > (best?.position ?? -1) { best = (pattern, position) }
                }
                if let best, let value = CellNumber(parsing: String(String.UnicodeScalarView(s[i..<j]))[...]) {
                    facts.append(
                        NarrativeFact(
                            phrase: text.text(clauseStart..<(k + 1)).trimmingWhitespace(), value: value,
                            readings: best.pattern.readings, source: text.location(i)))
                    if !best.pattern.wholes.isEmpty, let stated = share(after: k + 1, in: range) {
                        shares.append(
                            NarrativeShare(
                                phrase: text.text(clauseStart..<stated.end).trimmingWhitespace(), percent: stated.percent,
                                decimals: stated.decimals, parts: best.pattern.readings, wholes: best.pattern.wholes,
                                source: text.location(stated.at)))
                    }
                    if let upheld = format.upheldReadings(of: best.pattern), let end = allUpheld(after: k + 1, in: range) {
                        facts.append(
                            NarrativeFact(
                                phrase: text.text(clauseStart..<end).trimmingWhitespace(), value: value, readings: upheld,
                                source: text.location(i)))
                    }
                }
                i = j
            }
        }
        return (facts, shares)
    }
}
