import AnnualReport

/// A piece of table text: a value (a number or a blank mark) or words.
struct Token {
    enum Kind { case value, text }

    let kind: Kind
    /// Offsets of the token in the text.
    let start: Int
    let end: Int
    /// A blank mark: `/`, `—`, `-`, `无`.
    var isBlankMark = false
    /// Power of ten that converts the written unit to 万元 (元: −4, 亿元: +4), when a unit follows.
    var unitPower: Int?
    /// Where the value as written ends, its unit included.
    var writtenEnd = 0
    /// Where a note written after the value stands, e.g. `（其中修订16件）`.
    var note: Range<Int>?
    /// Whether a tab, `|` or line break stands between this token and the previous one.
    var strongSeparatorBefore = false
    /// 0-based line index of the token's start.
    var line = 0
}

/// Splits a range of normalised text into value and word tokens.
///
/// Row numbering glued to a value (`00000002.其他…`: the `2` numbers the next row) is split off, and
/// page marks on their own line (`— 5 —`, `第3页`) are skipped.
struct Tokenizer {
    let text: NormalizedText

    private static let yuan: [Unicode.Scalar] = ["元"]
    private static let wanYuan: [Unicode.Scalar] = ["万", "元"]
    private static let yiYuan: [Unicode.Scalar] = ["亿", "元"]

    func tokens(in range: Range<Int>) -> [Token] {
        let s = text.scalars
        var tokens: [Token] = []
        var i = range.lowerBound
        let hi = range.upperBound
        var strong = false
        var line = text.lineIndex(i)
        if isPageMark(lineFrom: text.lineStarts[line], to: hi) { i = max(i, text.lineEnd(i)) }
        while i < hi {
            let c = s[i]
            if c == "\n" {
                strong = true
                line += 1
                i += 1
                if i < hi && isPageMark(lineFrom: i, to: hi) {
                    while i < hi && s[i] != "\n" { i += 1 }
                }
                continue
            }
            if c == "\t" || c == "|" {
                strong = true
                i += 1
                continue
            }
            if TextNormalization.isSeparator(c) {
                i += 1
                continue
            }
            // Numbering stands first in its line or cell, or right after words: never among values.
            let numberingMayStand = strong || tokens.last.map { $0.kind == .text } ?? true
            if let token = number(at: i, limit: hi, numberingMayStand: numberingMayStand)
                ?? blankMark(at: i, limit: hi, lowerBound: range.lowerBound)
            {
                var t = token.token
                t.strongSeparatorBefore = strong
                t.line = line
                tokens.append(t)
                for k in t.start..<token.next where s[k] == "\n" { line += 1 }
                strong = false
                i = token.next
                continue
            }
            let end = wordEnd(from: i, limit: hi)
            var t = Token(kind: .text, start: i, end: end)
            t.strongSeparatorBefore = strong
            t.line = line
            tokens.append(t)
            strong = false
            i = end
        }
        return tokens
    }

    /// The end of a run of words starting at `i`: stops at separators and at digits (a leading row
    /// number such as `1.` belongs to the words).
    private func wordEnd(from start: Int, limit: Int) -> Int {
        let s = text.scalars
        var j = start
        while j < limit, j - start < 2, s[j].asciiDigit != nil { j += 1 }
        if j > start { j += 1 }  // `1.属于…`, `12、…`: numbering, checked by the caller
        while j < limit {
            let c = s[j]
            if TextNormalization.isSeparator(c) || c == "\n" || c.asciiDigit != nil { break }
            if c == "(", let close = noteEnd(from: j, limit: limit) ?? numberingEnd(from: j, limit: limit) {
                j = close
                continue
            }
            j += 1
        }
        return min(max(j, start + 1), limit)
    }

    /// A number at `i`: digits with optional sign and decimals, a unit, and a note in brackets; nil
    /// where the digits are a row's numbering (`numberingMayStand`: first in the line or cell, or
    /// after words).
    private func number(at i: Int, limit: Int, numberingMayStand: Bool) -> (token: Token, next: Int)? {
        let s = text.scalars
        var j = i
        if s[j] == "+" || s[j] == "-" {
            guard j + 1 < limit, s[j + 1].asciiDigit != nil else { return nil }
            j += 1
        } else if s[j].asciiDigit == nil {
            return nil
        }
        let digitsStart = j
        while j < limit, s[j].asciiDigit != nil { j += 1 }
        var end = j
        if j + 1 < limit, s[j] == ".", s[j + 1].asciiDigit != nil {
            j += 1
            while j < limit, s[j].asciiDigit != nil { j += 1 }
            end = j
        } else if j + 1 < limit, s[j] == "." || s[j] == "、", !TextNormalization.isSeparator(s[j + 1]),
            s[j + 1].asciiDigit == nil
        {
            // A row number: `1.属于国家秘密`, or glued to the previous row's values: `00000002.其他`.
            if j - digitsStart == 1 { return nil }
            end = j - 1
        } else if numberingMayStand, i == digitsStart, j - digitsStart <= 2, isNumbering(markAt: j, limit: limit) {
            // `1. 信访举报投诉类申请` (Markdown, Word lists), `1. 0 0 0`, a line `2.` between a wrapped
            // label's pieces, a cell `| 8. |`: the numbering of a label, never a value.
            return nil
        }
        var token = Token(kind: .value, start: i, end: end)
        var next = end
        var k = end
        while k < limit, s[k] == " " { k += 1 }
        if text.matches(Self.wanYuan, at: k) {
            token.unitPower = 0
            next = k + 2
        } else if text.matches(Self.yiYuan, at: k) {
            token.unitPower = 4
            next = k + 2
        } else if text.matches(Self.yuan, at: k) {
            token.unitPower = -4
            next = k + 1
        }
        token.writtenEnd = next
        k = next
        while k < limit, TextNormalization.isSeparator(s[k]) || s[k] == "\n" { k += 1 }
        if k < limit, s[k] == "(", let close = noteEnd(from: k, limit: limit) {
            token.note = k..<close
            next = close
        }
        return (token, next)
    }

    /// Whether `.` or `、` stands at `mark` and ends the token: the mark of a row number written
    /// apart from its label.
    private func isNumbering(markAt mark: Int, limit: Int) -> Bool {
        let s = text.scalars
        guard mark < limit, s[mark] == "." || s[mark] == "、" else { return false }
        return mark + 1 >= limit || TextNormalization.isSeparator(s[mark + 1])
    }

    /// A blank mark standing alone: `/`, `—`, `——`, `-`, `无`, `空`.
    private func blankMark(at i: Int, limit: Int, lowerBound: Int) -> (token: Token, next: Int)? {
        let s = text.scalars
        let c = s[i]
        guard c == "/" || c == "—" || c == "-" || c == "无" || c == "空" else { return nil }
        if i > lowerBound, !TextNormalization.isSeparator(s[i - 1]), s[i - 1] != "\n" { return nil }
        var j = i + 1
        if c == "—" || c == "-" { while j < limit, s[j] == c { j += 1 } }
        if j - i > 2 { return nil }  // `|---|` rules of Markdown tables
        if j < limit, !TextNormalization.isSeparator(s[j]), s[j] != "\n" { return nil }
        var token = Token(kind: .value, start: i, end: j)
        token.isBlankMark = true
        return (token, j)
    }

    /// The end of a bracketed row number before a label: `(1)信访…`, `(12)其他`.
    private func numberingEnd(from open: Int, limit: Int) -> Int? {
        let s = text.scalars
        var j = open + 1
        while j < limit, j - open <= 2, s[j].asciiDigit != nil { j += 1 }
        guard j > open + 1, j + 1 < limit, s[j] == ")", TextNormalization.isHan(s[j + 1]) else { return nil }
        return j + 1
    }

    /// The end of a bracketed note that holds one number and words, e.g. `(含自然失效 29 件)`.
    private func noteEnd(from open: Int, limit: Int) -> Int? {
        let s = text.scalars
        var j = open + 1
        var numbers = 0, han = false
        while j < limit, j - open < 40 {
            let c = s[j]
            if c == ")" { return numbers == 1 && han ? j + 1 : nil }
            if c == "(" { return nil }
            if c.asciiDigit != nil {
                // One number: brackets around several are a wrapped label with a row's values inside.
                if s[j - 1].asciiDigit == nil && s[j - 1] != "." { numbers += 1 }
            } else if TextNormalization.isHan(c) {
                han = true
            }
            j += 1
        }
        return nil
    }

    /// A line that holds only a page mark: `— 5 —`, `- 5 -`, `第 5 页`, `第5页 共7页`.
    private func isPageMark(lineFrom start: Int, to limit: Int) -> Bool {
        let s = text.scalars
        var digits = 0, dashes = 0, page = 0
        var i = start
        while i < limit {
            let c = s[i]
            if c == "\n" { break }
            if c.asciiDigit != nil {
                digits += 1
            } else if c == "—" || c == "-" {
                dashes += 1
            } else if c == "第" || c == "页" || c == "共" {
                page += 1
            } else if !TextNormalization.isSeparator(c) {
                return false
            }
            if digits > 3 { return false }
            i += 1
        }
        return digits > 0 && (dashes >= 2 || page >= 2)
    }
}
