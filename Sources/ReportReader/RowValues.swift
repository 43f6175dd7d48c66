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
    /// Cells run together with no separator: every split into `n` numbers the digits and the
    /// row's identity allow (possibly one, possibly none).
    case splits([[ReadValue]])
    /// Fewer values than cells, clearly separated: a column is missing.
    case partial([ReadValue])
    /// The digits allow too many splits to list.
    case undetermined
    /// More values than cells: each run of `n` consecutive values the row's rule accepts (the extra
    /// ones are row numbers or stray marks; which they are, only the rule can tell).
    case alignments([[ReadValue]])
}

/// What a row's cells must satisfy, used to keep and to prune splits of run-together digits.
enum SplitRule {
    /// No identity ties the row's cells.
    case none
    /// The last cell is the sum of the others (table 三's 总计 column).
    case lastIsSum
    /// Any other test on a complete split (table 四's blocks).
    case test(([CellNumber?]) -> Bool)

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// Whether a complete row satisfies the rule; a blank cell satisfies any sum.
    func accepts(_ cells: [CellNumber?]) -> Bool {
        switch self {
        case .none: return true
        case .test(let accept): return accept(cells)
        case .lastIsSum:
            guard let total = cells.last, let total else { return true }
            let parts = cells.dropLast()
            guard parts.allSatisfy({ $0 != nil }) else { return true }
            return CellNumber.sum(parts.compactMap { $0 }) == total
        }
    }
}

/// Turns a group of value tokens into readings of a row.
struct RowValues {
    let text: NormalizedText
    static let maximumSplits = 20_000
    /// Cut positions tried before the reader gives up on a run of digits.
    static let maximumSteps = 2_000_000
    /// Digits run together beyond this many are not split: the ways to cut them grow too fast.
    static let maximumDigits = 48

    /// Whether a literal is written with a leading zero (`098`, not `0` or `0.5`): no table prints a
    /// count so, and a recogniser or converter changed it (`698` read as `098`).
    static func hasLeadingZero(_ literal: some Collection<Unicode.Scalar>) -> Bool {
        var digits = literal.drop { $0 == "+" || $0 == "-" }.makeIterator()
        guard digits.next() == "0", let second = digits.next() else { return false }
        return second.asciiDigit != nil
    }

    /// Readings of a group as `n` cells; splits of run-together digits are kept only when `accept`
    /// allows them (an identity the row must satisfy).
    func reading(
        of group: ValueGroup, columns n: Int, notes: inout [String], rule: SplitRule = .none
    ) -> RowReading {
        let tokens = group.tokens
        if tokens.count > n {
            let all = tokens.map(value)
            let windows = (0...(all.count - n)).map { Array(all[$0..<($0 + n)]) }
            // Windows that read the same numbers (a row of zeros) are one reading.
            var seen: Set<[CellNumber?]> = []
            let kept = windows.filter { rule.accepts($0.map(\.number)) && seen.insert($0.map(\.number)).inserted }
            notes.append(
                "\(text.location(tokens[0].start)): 该行应有 \(n) 个数值，却有 \(tokens.count) 个："
                    + (rule.isNone
                        ? "无勾稽关系可据以判断多余的是哪些"
                        : kept.count == 1 ? "仅一种对齐满足勾稽关系" : "\(kept.count) 种对齐满足勾稽关系"))
            return .alignments(kept)
        }
        if tokens.count == n { return .exact(tokens.map(value)) }
        let splittable = tokens.allSatisfy { !$0.isBlankMark }
        if !group.runTogether || !splittable { return .partial(tokens.map(value)) }
        if tokens.reduce(0, { $0 + $1.end - $1.start }) > Self.maximumDigits || n > 32 { return .undetermined }
        if tokens.count == n { return .exact(tokens.map(value)) }
        let (results, overflow) = splits(tokens, parts: n, budget: Self.maximumSteps, rule: rule)
        if overflow { return .undetermined }
        return .splits(results)
    }

    func value(_ token: Token) -> ReadValue {
        let location = text.location(token.start)
        if token.isBlankMark { return ReadValue(number: nil, location: location, written: text.text(token.start..<token.end)) }
        return number(text.scalars[token.start..<token.end], token: token, offset: 0, isLast: true)
    }

    private func number(_ literal: ArraySlice<Unicode.Scalar>, token: Token, offset: Int, isLast: Bool) -> ReadValue {
        var n = CellNumber(scalars: literal)
        var written: String?
        if isLast, let power = token.unitPower {
            n = n?.shifted(by: power)
            written = text.text(token.start + offset..<token.writtenEnd)
        } else if literal.first == "+" || Self.hasLeadingZero(literal) {
            written = text.text((token.start + offset)..<(token.start + offset + literal.count))
        }
        return ReadValue(number: n, location: text.location(token.start + offset), written: written)
    }

    /// A piece of a token: the token's index and the literal's range.
    private struct Piece {
        let token: Int
        let range: Range<Int>
    }

    /// Every way to cut the tokens into `parts` numbers: each token gives one or more, no part has a
    /// leading zero, a decimal point stays in its token's last part. Works on digits only; the
    /// accepted splits are turned into located values at the end.
    private func splits(
        _ tokens: [Token], parts: Int, budget: Int, rule: SplitRule
    ) -> (splits: [[ReadValue]], overflow: Bool) {
        var pieces: [Piece] = []
        var numbers: [CellNumber?] = []
        var accepted: [[Piece]] = []
        var steps = 0
        var overflow = false
        // Where each token's digits end for the cutting; with `.lastIsSum` the total is cut off first.
        let literals = tokens.map { Array(text.scalars[$0.start..<$0.end]) }
        var ends = literals.map(\.count)
        var target: CellNumber?
        var running = CellNumber(0)
        var partsToCut = parts

        func value(_ token: Int, _ range: Range<Int>, last: Bool) -> CellNumber? {
            let n = CellNumber(scalars: literals[token][range])
            if last, let power = tokens[token].unitPower { return n?.shifted(by: power) }
            return n
        }

        /// `lit[start..<end]` is a number: digits after an optional sign, no leading zero.
        func isNumber(_ lit: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
            var b = start
            if b < end, lit[b] == "+" || lit[b] == "-" { b += 1 }
            guard end > b, lit[b].asciiDigit != nil else { return false }
            return !Self.hasLeadingZero(lit[b..<end])
        }

        func cut(_ t: Int, from start: Int, remaining: Int) {
            steps += 1
            if steps > budget || accepted.count > Self.maximumSplits {
                overflow = true
                return
            }
            let active = tokens.indices.last { ends[$0] > 0 } ?? -1
            if t > active {
                guard remaining == 0 else { return }
                if let target {
                    if running == target { accepted.append(pieces) }
                } else if case .test(let accept) = rule {
                    if accept(numbers) { accepted.append(pieces) }
                } else {
                    accepted.append(pieces)
                }
                return
            }
            let lit = literals[t]
            let tokenEnd = ends[t]
            let tokensLeft = active - t
            let point = min(lit.firstIndex(of: ".") ?? lit.count, tokenEnd)
            func take(_ end: Int, next: () -> Void) {
                guard isNumber(lit, start, end) else { return }
                let v = value(t, start..<end, last: end == lit.count)
                let before = running
                if let target {
                    guard let v, let sum = CellNumber.sum([running, v]), !(target < sum) else { return }
                    running = sum
                }
                pieces.append(Piece(token: t, range: start..<end))
                numbers.append(v)
                next()
                pieces.removeLast()
                numbers.removeLast()
                running = before
            }
            // The piece that ends the token.
            if remaining - 1 >= tokensLeft {
                take(tokenEnd) { cut(t + 1, from: 0, remaining: remaining - 1) }
            }
            // A cut among the token's integer digits; its remainder needs a part of its own.
            guard remaining - 1 >= tokensLeft + 1, start + 1 < point else { return }
            for end in (start + 1)..<point where !overflow {
                take(end) { cut(t, from: end, remaining: remaining - 1) }
            }
        }
        if case .lastIsSum = rule, let lastToken = tokens.indices.last {
            // Each possible total (a suffix of the last token), then the other cells up to it.
            let lit = literals[lastToken]
            let point = lit.firstIndex(of: ".") ?? lit.count
            partsToCut = parts - 1
            for start in 0..<min(point + 1, lit.count) where isNumber(lit, start, lit.count) && !overflow {
                guard let total = value(lastToken, start..<lit.count, last: true), total.isInteger, !(total < CellNumber(0))
                else { continue }
                target = total
                running = CellNumber(0)
                ends[lastToken] = start
                let before = accepted.count
                cut(0, from: 0, remaining: partsToCut)
                for k in before..<accepted.count { accepted[k].append(Piece(token: lastToken, range: start..<lit.count)) }
            }
        } else {
            cut(0, from: 0, remaining: partsToCut)
        }
        let located = accepted.map { split in
            split.map { piece -> ReadValue in
                let token = tokens[piece.token]
                let last = piece.range.upperBound == literals[piece.token].count
                let number = value(piece.token, piece.range, last: last)
                let written: String? =
                    last && token.unitPower != nil
                    ? text.text((token.start + piece.range.lowerBound)..<token.writtenEnd) : nil
                return ReadValue(number: number, location: text.location(token.start + piece.range.lowerBound), written: written)
            }
        }
        return (located, overflow)
    }
}
