import AnnualReport

/// A row label found in the words of a table.
struct LabelMatch {
    /// Index of the row in its table.
    let row: Int
    let spelling: LabelSpelling
    /// Offsets of the first and last matched character in the source.
    let start: Int
    let end: Int
    /// Whether only the beginning of the label was found (a label broken over lines).
    let partial: Bool
}

/// A run of values between two runs of words, with the row label that precedes it.
struct ValueGroup {
    var tokens: [Token]
    /// The last row label of the words just before the values.
    var label: LabelMatch?
    /// Offset where the words before the group begin (for loose values: their context).
    var wordsBefore: String
    /// Whether the values stand one after another with no tab, `|` or line break among them
    /// (text scraped from a page: cells may be run together and must be split).
    var runTogether: Bool
}

/// Words and value groups of a table region, with row labels recognised.
struct LabelledGroups {
    var groups: [ValueGroup] = []
    /// Every label found, in source order, with the index of the group that follows its words (or
    /// `groups.count` when none follows).
    var labels: [(match: LabelMatch, nextGroup: Int)] = []

    init(tokens: [Token], rows: [RowDefinition], text: NormalizedText) {
        let matcher = LabelMatcher(rows: rows)
        var words: [Token] = []
        var values: [Token] = []
        var pendingLabel: LabelMatch?
        var pendingWords = ""

        func flushWords() {
            guard !words.isEmpty else { return }
            var compact: [Unicode.Scalar] = []
            var offsets: [Int] = []
            for w in words {
                for o in w.start..<w.end where !TextNormalization.isSeparator(text.scalars[o]) {
                    compact.append(text.scalars[o])
                    offsets.append(o)
                }
            }
            let found = matcher.matches(in: compact, offsets: offsets)
            for m in found { labels.append((m, groups.count)) }
            pendingLabel = found.last
            pendingWords = String(String.UnicodeScalarView(compact.suffix(40)))
            words.removeAll(keepingCapacity: true)
        }
        func flushValues() {
            guard !values.isEmpty else { return }
            for part in Self.splitByLines(values) {
                let runTogether = part.count > 0 && !part.dropFirst().contains { $0.strongSeparatorBefore }
                    && !(part.first?.strongSeparatorBefore ?? true)
                groups.append(
                    ValueGroup(tokens: part, label: pendingLabel, wordsBefore: pendingWords, runTogether: runTogether))
                pendingLabel = nil
                pendingWords = ""
            }
            values.removeAll(keepingCapacity: true)
        }
        for token in tokens {
            if token.kind == .text {
                flushValues()
                words.append(token)
            } else {
                flushWords()
                values.append(token)
            }
        }
        flushWords()
        flushValues()
    }

    /// A run of values laid out as several lines of two or more values is several table rows.
    private static func splitByLines(_ values: [Token]) -> [[Token]] {
        guard let first = values.first, let last = values.last, first.line != last.line else { return [values] }
        var lines: [[Token]] = []
        for v in values {
            if let l = lines.last?.last, l.line == v.line {
                lines[lines.count - 1].append(v)
            } else {
                lines.append([v])
            }
        }
        return lines.allSatisfy { $0.count >= 2 } ? lines : [values]
    }
}

/// Finds row labels (statutory or variant spellings) in compacted words.
struct LabelMatcher {
    private let spellings: [(row: Int, spelling: LabelSpelling, scalars: [Unicode.Scalar])]

    init(rows: [RowDefinition]) {
        var list: [(Int, LabelSpelling, [Unicode.Scalar])] = []
        for (r, row) in rows.enumerated() {
            for sp in row.spellings { list.append((r, sp, Array(sp.text.unicodeScalars))) }
        }
        spellings = list
    }

    /// Matches in order of position; a match inside a longer one is dropped; a label cut off at the
    /// end of the words (continued after the values) is matched by its beginning.
    func matches(in compact: [Unicode.Scalar], offsets: [Int]) -> [LabelMatch] {
        var found: [(row: Int, sp: LabelSpelling, lo: Int, hi: Int, partial: Bool)] = []
        for (row, sp, needle) in spellings {
            guard let first = needle.first else { continue }
            var i = 0
            var any = false
            while i + needle.count <= compact.count {
                if compact[i] == first {
                    var k = 1
                    while k < needle.count && compact[i + k] == needle[k] { k += 1 }
                    if k == needle.count {
                        found.append((row, sp, i, i + needle.count, false))
                        any = true
                    }
                }
                i += 1
            }
            if !any && needle.count >= 6 {
                let minimum = max(5, needle.count * 3 / 5)
                var k = min(needle.count - 1, compact.count)
                while k >= minimum {
                    if Array(compact[(compact.count - k)...]) == Array(needle[..<k]) {
                        found.append((row, sp, compact.count - k, compact.count, true))
                        break
                    }
                    k -= 1
                }
            }
        }
        // Longest first, then drop matches overlapping an already kept longer one.
        found.sort { ($0.hi - $0.lo, $0.partial ? 0 : 1) > ($1.hi - $1.lo, $1.partial ? 0 : 1) }
        var kept: [(row: Int, sp: LabelSpelling, lo: Int, hi: Int, partial: Bool)] = []
        for f in found where !kept.contains(where: { f.lo < $0.hi && $0.lo < f.hi }) {
            kept.append(f)
        }
        kept.sort { $0.lo < $1.lo }
        return kept.map {
            LabelMatch(row: $0.row, spelling: $0.sp, start: offsets[$0.lo], end: offsets[$0.hi - 1], partial: $0.partial)
        }
    }
}
