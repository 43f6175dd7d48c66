import AnnualReport

/// One value of a row as read: a number or a blank, where it was written and how.
struct ReadValue: Hashable {
    var number: CellNumber?
    var location: SourceLocation
    /// The text as written when it differs from the number (units, signs).
    var written: String?
}

/// What a group of values says about a row of `n` cells.
enum RowReading {
    /// Exactly one reading.
    case exact([ReadValue])
    /// Cells run together with no separator: every split into `n` numbers the digits allow.
    case splits([[ReadValue]])
    /// Fewer values than cells, clearly separated: a column is missing.
    case partial([ReadValue])
    /// The digits allow too many splits to list.
    case undetermined
}

/// Turns a group of value tokens into readings of a row.
struct RowValues {
    let text: NormalizedText
    static let maximumSplits = 20_000
    /// Digits run together beyond this many are not split: the ways to cut them grow too fast.
    static let maximumDigits = 48

    func reading(of group: ValueGroup, columns n: Int, notes: inout [String]) -> RowReading {
        var tokens = group.tokens
        if tokens.count > n {
            let dropped = tokens.prefix(tokens.count - n).map { text.text($0.start..<$0.end) }
            notes.append(
                "\(text.location(tokens[0].start)): \(dropped.count) stray value(s) before the row's \(n) cells ignored: \(dropped.joined(separator: " "))"
            )
            tokens = Array(tokens.suffix(n))
        }
        if tokens.count == n { return .exact(tokens.map(value)) }
        let splittable = tokens.allSatisfy { !$0.isBlankMark }
        if !group.runTogether || !splittable { return .partial(tokens.map(value)) }
        if tokens.reduce(0, { $0 + $1.literal.count }) > Self.maximumDigits || n > 32 { return .undetermined }
        var results: [[ReadValue]] = []
        var overflow = false
        enumerate(tokens: tokens[...], parts: n, prefix: [], into: &results, overflow: &overflow)
        if overflow { return .undetermined }
        if results.count == 1, let only = results.first { return .exact(only) }
        return results.isEmpty ? .partial(tokens.map(value)) : .splits(results)
    }

    func value(_ token: Token) -> ReadValue {
        let location = text.location(token.start)
        if token.isBlankMark { return ReadValue(number: nil, location: location, written: text.text(token.start..<token.end)) }
        return number(token.literal[...], token: token, offset: 0, isLast: true)
    }

    private func number(_ literal: ArraySlice<Unicode.Scalar>, token: Token, offset: Int, isLast: Bool) -> ReadValue {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: literal)
        let digits = String(view)
        var n = CellNumber(parsing: digits[...])
        var written: String?
        if isLast, let power = token.unitPower {
            n = n?.shifted(by: power)
            written = text.text(token.start + offset..<token.writtenEnd)
        } else if digits.hasPrefix("+") {
            written = digits
        }
        return ReadValue(number: n, location: text.location(token.start + offset), written: written)
    }

    /// Every way to cut the tokens into `parts` numbers: each token gives one or more, no part has a
    /// leading zero, a decimal point stays in its token's last part.
    private func enumerate(
        tokens: ArraySlice<Token>, parts: Int, prefix: [ReadValue], into results: inout [[ReadValue]],
        overflow: inout Bool
    ) {
        if overflow { return }
        guard let token = tokens.first else {
            if parts == 0 { results.append(prefix) }
            return
        }
        let rest = tokens.dropFirst()
        let lit = token.literal
        let maxHere = parts - rest.count
        guard maxHere >= 1 else { return }
        let signed = lit.first == "+" || lit.first == "-"
        let point = lit.firstIndex(of: ".") ?? lit.count
        // Cut positions may only fall among the integer digits.
        let firstCut = signed ? 2 : 1
        for k in 1...maxHere {
            var cuts: [Int] = []
            chooseCuts(count: k - 1, from: firstCut, until: point, current: &cuts) { cuts in
                var pieces: [ReadValue] = []
                var start = 0
                for (index, end) in (cuts + [lit.count]).enumerated() {
                    let piece = lit[start..<end]
                    let body = piece.first == "+" || piece.first == "-" ? piece.dropFirst() : piece
                    if body.count > 1, body.first == "0", body.dropFirst().first != "." { return }
                    pieces.append(number(piece, token: token, offset: start, isLast: index == cuts.count))
                    start = end
                }
                enumerate(tokens: rest, parts: parts - k, prefix: prefix + pieces, into: &results, overflow: &overflow)
                if results.count > Self.maximumSplits { overflow = true }
            }
            if overflow { return }
        }
    }

    private func chooseCuts(count: Int, from: Int, until: Int, current: inout [Int], _ body: ([Int]) -> Void) {
        if count == 0 {
            body(current)
            return
        }
        guard from <= until - count else { return }
        for c in from...(until - count) {
            current.append(c)
            chooseCuts(count: count - 1, from: c + 1, until: until, current: &current, body)
            current.removeLast()
        }
    }
}
