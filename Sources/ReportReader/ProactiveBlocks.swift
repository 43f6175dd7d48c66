import AnnualReport

/// Table 二 as a PDF's plain text gives it block by block: every row label first, then each block's
/// heading (`第二十条第（一）项`), its column headings and its values row after row, no label among
/// them. Where every block of the layout stands so, with exactly as many values as its rows have
/// cells, the values are the rows' in the statute's order.
struct ProactiveBlocks {
    let text: NormalizedText
    let format: ReportFormat

    /// Each row's values, by row index; nil unless every block of the layout is found whole.
    func rows(in tokens: [Token]) -> [Int: [Token]]? {
        let rows = format.rows[.proactive] ?? []
        var headings: [String] = []
        for row in rows { if let group = row.group, !headings.contains(group) { headings.append(group) } }
        guard !headings.isEmpty, rows.allSatisfy({ $0.group != nil }) else { return nil }
        var result: [Int: [Token]] = [:]
        for heading in headings {
            let members = rows.indices.filter { rows[$0].group == heading }
            let width = rows[members[0]].columns.count
            guard members.allSatisfy({ rows[$0].columns.count == width }),
                let values = block(after: heading, labels: members.map { rows[$0] }, in: tokens),
                values.count == members.count * width
            else { return nil }
            for (k, r) in members.enumerated() { result[r] = Array(values[(k * width)..<((k + 1) * width)]) }
        }
        return result
    }

    /// The values after the heading's words, when no label of the block stands among those words.
    private func block(after heading: String, labels: [RowDefinition], in tokens: [Token]) -> [Token]? {
        let wanted = heading.normalizedScalars.filter { !TextNormalization.isSeparator($0) }
        guard
            let start = tokens.indices.first(where: { i in
                tokens[i].kind == .text && compact(tokens[i]).elementsEqual(wanted)
            })
        else { return nil }
        var i = start + 1
        var words: [Unicode.Scalar] = []
        while i < tokens.count, tokens[i].kind == .text {
            words += compact(tokens[i])
            i += 1
        }
        let between = String(String.UnicodeScalarView(words))
        for label in labels where label.spellings.contains(where: { between.contains($0.text) }) { return nil }
        let values = tokens[i...].prefix { $0.kind == .value }
        return values.contains(where: \.isBlankMark) ? nil : Array(values)
    }

    private func compact(_ token: Token) -> [Unicode.Scalar] {
        text.scalars[token.start..<token.end].filter { !TextNormalization.isSeparator($0) }
    }
}
