import AnnualReport

/// Finds numbers the narrative states about the tables (`共收到申请71件`, `行政复议案件2件`) and the
/// cells each statement may describe.
struct NarrativeReader {
    let text: NormalizedText
    let format: ReportFormat

    private struct Pattern {
        /// Words that must all stand in the clause; the last is the one closest to the number.
        let words: [String]
        /// Alternatives for the first word, when it has several spellings.
        let firstWordOptions: [String]
        /// Readings: sets of row keys (their 总计 cells are summed) or full cell keys.
        let readings: [[String]]
    }

    /// The patterns with their words normalised, per layout, built once.
    private static let compiled2019 = NarrativeReader.compile(.v2019)
    private static let compiled2021 = NarrativeReader.compile(.v2021)
    private static let compiled2021SingleOther = NarrativeReader.compile(.v2021SingleOther)

    private static func compile(_ format: ReportFormat) -> [(Pattern, [[Unicode.Scalar]], [[Unicode.Scalar]])] {
        NarrativeReader.patterns(format).map { p in
            (p, p.words.map(\.normalizedScalars), p.firstWordOptions.map(\.normalizedScalars))
        }
    }

    private static func rows(_ format: ReportFormat, withPrefix prefix: String) -> [String] {
        (format.rows[.requests] ?? []).map(\.key).filter { $0.hasPrefix(prefix) }.map { $0 + ".total" }
    }

    private static func patterns(_ format: ReportFormat) -> [Pattern] {
        func rows(withPrefix prefix: String) -> [String] { Self.rows(format, withPrefix: prefix) }
        var list: [Pattern] = [
            Pattern(
                words: ["予以公开", "部分公开"], firstWordOptions: [],
                readings: [["requests.granted.total", "requests.partly_granted.total"]]),
            Pattern(words: ["不予公开"], firstWordOptions: [], readings: [rows(withPrefix: "requests.withheld.")]),
            Pattern(words: ["部分公开"], firstWordOptions: [], readings: [["requests.partly_granted.total"]]),
            Pattern(words: ["予以公开"], firstWordOptions: [], readings: [["requests.granted.total"]]),
            Pattern(words: ["无法提供"], firstWordOptions: [], readings: [rows(withPrefix: "requests.unable.")]),
            Pattern(words: ["不予处理"], firstWordOptions: [], readings: [rows(withPrefix: "requests.not_processed.")]),
            Pattern(words: ["其他处理"], firstWordOptions: [], readings: [rows(withPrefix: "requests.other")]),
            Pattern(words: ["结转下年"], firstWordOptions: [], readings: [["requests.carried_over.total"]]),
            Pattern(words: ["上年结转"], firstWordOptions: [], readings: [["requests.carried_in.total"]]),
            Pattern(
                words: ["收到", "申请"], firstWordOptions: ["收到", "受理", "办理", "新收"],
                readings: [
                    ["requests.new.total"], ["requests.total.total"], ["requests.new.total", "requests.carried_in.total"],
                ]),
            Pattern(words: ["行政复议"], firstWordOptions: [], readings: [["appeals.review.total"]]),
            Pattern(
                words: ["行政诉讼"], firstWordOptions: [],
                readings: [
                    ["appeals.litigation_direct.total", "appeals.litigation_after_review.total"],
                    ["appeals.litigation_direct.total"], ["appeals.litigation_after_review.total"],
                ]),
        ]
        if format.version == .v2021 {
            for (noun, row) in [("规范性文件", "proactive.normative_documents"), ("规章", "proactive.rules")] {
                list.append(Pattern(words: ["现行有效", noun], firstWordOptions: [], readings: [[row + ".in_force"]]))
                list.append(Pattern(words: ["制发", noun], firstWordOptions: [], readings: [[row + ".issued"]]))
                list.append(Pattern(words: ["废止", noun], firstWordOptions: [], readings: [[row + ".repealed"]]))
            }
        }
        return list
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

    func facts(in ranges: [Range<Int>]) -> [NarrativeFact] {
        let s = text.scalars
        let compiled =
            format.version == .v2019
            ? Self.compiled2019 : format.variant == .standard ? Self.compiled2021 : Self.compiled2021SingleOther
        var facts: [NarrativeFact] = []
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
                var best: (pattern: Pattern, position: Int)?
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
                }
                i = j
            }
        }
        return facts
    }
}
