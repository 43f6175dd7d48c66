import AnnualReport

/// A row label found in the words of a table.
struct LabelMatch {
    /// Index of the row in its table.
    let row: Int
    /// Whether the spelling found is a variant of the statutory label.
    let isVariant: Bool
    /// Offsets of the first and last matched character in the source.
    let start: Int
    let end: Int
    /// Whether only the beginning of the label was found (a label broken over lines).
    let partial: Bool
    /// Whether characters of other columns were passed over inside it (`LabelMatcher`'s strays).
    var passedStrays = false
}

/// A run of values between two runs of words, with the row label that precedes it.
struct ValueGroup {
    var tokens: [Token]
    /// The last row label of the words just before the values.
    var label: LabelMatch?
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

    init(tokens: [Token], matcher: LabelMatcher, text: NormalizedText) {
        var words: [Token] = []
        var values: [Token] = []
        var compact: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var pendingLabel: LabelMatch?

        func flushWords() {
            guard !words.isEmpty else { return }
            compact.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            for w in words {
                for o in w.start..<w.end where !TextNormalization.isSeparator(text.scalars[o]) {
                    compact.append(text.scalars[o])
                    offsets.append(o)
                }
            }
            let found = matcher.matches(in: compact, offsets: offsets)
            for m in found { labels.append((m, groups.count)) }
            pendingLabel = found.last
            // Words that follow the last label and belong to none (the start of a label the matcher did
            // not know, cut by a line break) may own the values as well: the group's row is then unknown.
            if let last = found.last {
                var trailing = 0
                for (k, o) in offsets.enumerated() where o > last.end && TextNormalization.isHan(compact[k]) { trailing += 1 }
                if trailing >= Self.unclaimedWords { pendingLabel = nil }
            }
            words.removeAll(keepingCapacity: true)
        }
        func flushValues() {
            guard !values.isEmpty else { return }
            for part in Self.splitByLines(values) {
                let runTogether =
                    part.count > 0 && !part.dropFirst().contains { $0.strongSeparatorBefore }
                    && !(part.first?.strongSeparatorBefore ?? true)
                groups.append(
                    ValueGroup(tokens: part, label: pendingLabel, runTogether: runTogether))
                pendingLabel = nil
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

    /// Han characters after the last label beyond which the values that follow are not its own.
    static let unclaimedWords = 6

    /// A run of values laid out as several lines of two or more values is several table rows.
    private static func splitByLines(_ values: [Token]) -> [[Token]] {
        guard let first = values.first, let last = values.last, first.line != last.line else { return [values] }
        // Count each line's values first: most groups are one value per line, and stay whole.
        var run = 0
        var previous = first.line
        for v in values {
            if v.line == previous {
                run += 1
            } else {
                if run < 2 { return [values] }
                previous = v.line
                run = 1
            }
        }
        if run < 2 { return [values] }
        var lines: [[Token]] = []
        for v in values {
            if let l = lines.last?.last, l.line == v.line {
                lines[lines.count - 1].append(v)
            } else {
                lines.append([v])
            }
        }
        return lines
    }
}

/// Finds row labels (statutory or variant spellings) in compacted words.
struct LabelMatcher: Sendable {
    /// One matcher per layout and table, built once.
    static func of(_ format: ReportFormat, _ table: TableID) -> LabelMatcher {
        switch (format.version, format.variant, table) {
        case (.v2019, _, .proactive): proactive2019
        case (.v2019, _, _): requests2019
        case (.v2021, _, .proactive): proactive2021
        case (.v2021, .standard, _): requests2021
        case (.v2021, .singleOtherRow, _): requests2021SingleOther
        }
    }
    private static let proactive2019 = LabelMatcher(rows: ReportFormat.v2019.rows[.proactive] ?? [])
    private static let proactive2021 = LabelMatcher(rows: ReportFormat.v2021.rows[.proactive] ?? [])
    private static let requests2019 = LabelMatcher(rows: ReportFormat.v2019.rows[.requests] ?? [])
    private static let requests2021 = LabelMatcher(rows: ReportFormat.v2021.rows[.requests] ?? [])
    private static let requests2021SingleOther = LabelMatcher(rows: ReportFormat.v2021SingleOther.rows[.requests] ?? [])

    private let spellings: [(row: Int, variant: Bool, scalars: [Unicode.Scalar])]
    /// The spellings as needles, so that each position of the words is tried only against the
    /// labels that can start there.
    private let needles: NeedleSet
    private static let longest = 64
    /// What a PDF's layout text interleaves into a wrapped label from the columns beside it: the
    /// characters of the row groups' merged cells (`不 予 处` … `理`) and the rows' numbering (`1.`).
    private let strays: Set<Unicode.Scalar>
    /// A label this long or longer is still recognised with up to `maximumStrays` of them passed
    /// over after its first character.
    static let strayTolerantLength = 8
    static let maximumStrays = 6

    init(rows: [RowDefinition]) {
        var list: [(Int, Bool, [Unicode.Scalar])] = []
        for (r, row) in rows.enumerated() {
            for sp in row.spellings { list.append((r, sp.isVariant, Array(sp.text.unicodeScalars))) }
        }
        spellings = list
        needles = NeedleSet(list.map(\.2))
        let groups = rows.compactMap(\.group).flatMap { $0.unicodeScalars.map(TextNormalization.normalize) }
        strays = Set(groups + "0123456789.、".unicodeScalars).subtracting([" "])
    }

    /// One match of a spelling: where it starts and where its last character ends (strays after
    /// that are not its own), how many of its characters were found, and whether strays were passed.
    private struct Found {
        let row: Int, variant: Bool, lo: Int, hi: Int, matched: Int, partial: Bool, passed: Bool
    }

    /// How far `needle[1...]` matches `compact[start...]`: the needle's characters matched, where
    /// the last of them ends, where the walk stopped, and how many strays it passed. A stray is never
    /// passed where another spelling starts in full: a label is not swallowed by a wrapped one.
    private func match(_ needle: [Unicode.Scalar], in compact: [Unicode.Scalar], at start: Int)
        -> (matched: Int, end: Int, stopped: Int, passed: Int)
    {
        var k = 1, j = start, end = start, passed = 0
        let tolerant = needle.count >= Self.strayTolerantLength
        while k < needle.count, j < compact.count {
            if compact[j] == needle[k] {
                k += 1
                end = j + 1
            } else if tolerant, passed < Self.maximumStrays, strays.contains(compact[j]), !spellingStarts(at: j, in: compact) {
                passed += 1
            } else {
                break
            }
            j += 1
        }
        return (k, end, j, passed)
    }

    /// Whether some spelling stands in full, exactly, at `i`.
    private func spellingStarts(at i: Int, in compact: [Unicode.Scalar]) -> Bool {
        guard let candidates = needles.candidates(startingWith: compact[i]) else { return false }
        return candidates.contains { c in
            let needle = spellings[c].scalars
            return i + needle.count <= compact.count && compact[i..<(i + needle.count)].elementsEqual(needle)
        }
    }

    /// Matches in order of position; a match overlapping one that found more of its label is
    /// dropped; a label cut off at the end of the words (continued after the values) is matched by
    /// its beginning, with no more than strays after it.
    func matches(in compact: [Unicode.Scalar], offsets: [Int]) -> [LabelMatch] {
        var found: [Found] = []
        var matched = Array(repeating: false, count: spellings.count)
        for i in compact.indices {
            guard let candidates = needles.candidates(startingWith: compact[i]) else { continue }
            for c in candidates {
                let needle = spellings[c].scalars
                guard i + needle.count <= compact.count else { continue }
                let walk = match(needle, in: compact, at: i + 1)
                if walk.matched == needle.count {
                    found.append(
                        Found(
                            row: spellings[c].row, variant: spellings[c].variant, lo: i, hi: walk.end,
                            matched: needle.count, partial: false, passed: walk.passed > 0))
                    matched[c] = true
                }
            }
        }
        // A label cut off at the end of the words: its beginning ends them.
        for p in max(0, compact.count - Self.longest - Self.maximumStrays)..<compact.count {
            guard let candidates = needles.candidates(startingWith: compact[p]) else { continue }
            for c in candidates where !matched[c] {
                let needle = spellings[c].scalars
                guard needle.count >= 6 else { continue }
                let walk = match(needle, in: compact, at: p + 1)
                if walk.stopped == compact.count, walk.matched < needle.count, walk.matched >= max(5, needle.count * 3 / 5) {
                    found.append(
                        Found(
                            row: spellings[c].row, variant: spellings[c].variant, lo: p, hi: walk.end,
                            matched: walk.matched, partial: true, passed: walk.passed > 0))
                    matched[c] = true
                }
            }
        }
        // Most of a label found first, then drop matches overlapping an already kept one.
        found.sort { ($0.matched, $0.partial ? 0 : 1) > ($1.matched, $1.partial ? 0 : 1) }
        var kept: [Found] = []
        for f in found where !kept.contains(where: { f.lo < $0.hi && $0.lo < f.hi }) {
            kept.append(f)
        }
        kept.sort { $0.lo < $1.lo }
        return kept.map {
            LabelMatch(
                row: $0.row, isVariant: $0.variant, start: offsets[$0.lo], end: offsets[$0.hi - 1], partial: $0.partial,
                passedStrays: $0.passed)
        }
    }
}
