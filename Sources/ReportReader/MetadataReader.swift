import AnnualReport

/// Reads the title, agency, year and publication date from the lines around the report.
struct MetadataReader {
    let text: NormalizedText

    struct Metadata {
        var title: String?
        var agency: String?
        var year: Int?
        var published: CalendarDate?
        var yearMentions: [(kind: String, year: Int, source: SourceLocation)] = []
    }

    private func line(_ i: Int) -> Range<Int> {
        let start = text.lineStarts[i]
        let end = i + 1 < text.lineStarts.count ? text.lineStarts[i + 1] - 1 : text.count
        return start..<max(start, end)
    }

    private func normalized(_ r: Range<Int>) -> String { text.normalizedText(r) }

    func read(firstSection: Int?, overview: Range<Int>?) -> Metadata {
        var meta = Metadata()
        let headLimit = firstSection ?? min(text.count, 2000)
        var lines: [Range<Int>] = []
        for i in text.lineStarts.indices {
            let r = line(i)
            if r.lowerBound >= headLimit || lines.count >= 14 { break }
            if text.scalars[r].contains(where: { !TextNormalization.isSeparator($0) }) { lines.append(r) }
        }
        var titleLine: Int?
        for (k, r) in lines.enumerated() where text.matches(Self.titleField, at: firstNonSpace(r)) {
            meta.title = text.text((firstNonSpace(r) + Self.titleField.count)..<r.upperBound).trimmingWhitespace()
            titleLine = k
            break
        }
        if meta.title == nil {
            for (k, r) in lines.enumerated() where text.find(Self.disclosure, in: r) != nil {
                var ranges = [r]
                if text.find(Self.report, in: r) == nil, k + 1 < lines.count { ranges.append(lines[k + 1]) }
                // A title wrapped over two lines (a PDF's centred heading): look at both together.
                let joined = ranges.flatMap { text.scalars[$0] }.filter { !TextNormalization.isSeparator($0) }
                guard contains(joined, Self.report), joined.count < 80, ranges.contains(where: { yearOffset(in: $0) != nil })
                else { continue }
                // A Markdown heading's `#` marks are not part of the title.
                meta.title = ranges.map { String(text.text($0).trimmingWhitespace().drop { $0 == "#" }).trimmingWhitespace() }
                    .joined()
                titleLine = k
                break
            }
        }
        if let title = meta.title, let (y, at) = year(in: title) {
            meta.yearMentions.append(("title", y, text.location(lines[titleLine ?? 0].lowerBound)))
            let scalars = Array(title.unicodeScalars)
            var before = String(String.UnicodeScalarView(scalars[..<at])).trimmingWhitespace()
            if before.hasPrefix("标题") { before = "" }
            var agency = before
            if agency.isEmpty {
                let after = String(String.UnicodeScalarView(scalars[(at + 4)...]))
                let rest = after.drop { $0 == " " || $0 == "年" || $0 == "度" }
                if let cut = rest.range(of: "政府信息公开") { agency = String(rest[..<cut.lowerBound]).trimmingWhitespace() }
            }
            if agency.isEmpty, let k = titleLine, k > 0 {
                let previous = text.text(lines[k - 1]).trimmingWhitespace()
                if previous.count <= 30,
                    previous.unicodeScalars.allSatisfy({ TextNormalization.isHan($0) || $0 == "（" || $0 == "）" })
                {
                    agency = previous
                }
            }
            meta.agency = agency.isEmpty ? nil : agency
        }
        readPeriod(into: &meta, limit: min(text.count, headLimit + 4000))
        if let overview, let at = yearOffset(in: overview.lowerBound..<min(overview.upperBound, overview.lowerBound + 600)) {
            meta.yearMentions.append(("body", yearValue(at), text.location(at)))
        }
        meta.year =
            meta.yearMentions.first { $0.kind == "title" }?.year
            ?? meta.yearMentions.first { $0.kind == "period" }?.year
            ?? meta.yearMentions.first { $0.kind == "body" }?.year
        meta.published = publication(lines: lines)
        return meta
    }

    /// The offset of the first year written `2019年` or `2020 年` in a range of the text.
    func yearOffset(in range: Range<Int>) -> Int? {
        let s = text.scalars
        var i = range.lowerBound
        while i + 4 < range.upperBound {
            if (s[i] == "1" || s[i] == "2"), i == 0 || s[i - 1].asciiDigit == nil,
                s[i + 1].asciiDigit != nil, s[i + 2].asciiDigit != nil, s[i + 3].asciiDigit != nil
            {
                var k = i + 4
                while k < range.upperBound, s[k] == " " { k += 1 }
                if k < range.upperBound, s[k] == "年", (1990...2100).contains(yearValue(i)) { return i }
            }
            i += 1
        }
        return nil
    }

    private func yearValue(_ at: Int) -> Int {
        (0..<4).reduce(0) { $0 * 10 + (text.scalars[at + $1].asciiDigit ?? 0) }
    }

    /// A year written `2019年` or `2020 年`: its value and offset.
    func year(in s: String) -> (Int, Int)? {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i + 4 < scalars.count {
            if scalars[i] == "1" || scalars[i] == "2",
                (0..<4).allSatisfy({ scalars[i + $0].asciiDigit != nil }),
                i == 0 || scalars[i - 1].asciiDigit == nil
            {
                var k = i + 4
                while k < scalars.count, scalars[k] == " " { k += 1 }
                if k < scalars.count, scalars[k] == "年" {
                    let y = (0..<4).reduce(0) { $0 * 10 + (scalars[i + $1].asciiDigit ?? 0) }
                    if (1990...2100).contains(y) { return (y, i) }
                }
            }
            i += 1
        }
        return nil
    }

    private static let titleField = "标题:".normalizedScalars
    private static let disclosure = "信息公开".normalizedScalars
    private static let report = "报告".normalizedScalars

    private func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private func firstNonSpace(_ r: Range<Int>) -> Int {
        r.first { !TextNormalization.isSeparator(text.scalars[$0]) } ?? r.lowerBound
    }

    private static let periodMarkers = ["1月1日", "1 月 1 日"].map(\.normalizedScalars)

    /// `数据统计期限为2022年1月1日至…`: the statistics period's year.
    private func readPeriod(into meta: inout Metadata, limit: Int) {
        for marker in Self.periodMarkers {
            guard let at = text.find(marker, in: 0..<limit) else { continue }
            if let y = yearOffset(in: max(0, at - 8)..<at) {
                meta.yearMentions.append(("period", yearValue(y), text.location(y)))
                return
            }
        }
    }

    /// `发布时间: 2023-02-20` in a crawler's header, or a date line `2021年1月29日` at the end.
    private func publication(lines: [Range<Int>]) -> CalendarDate? {
        for r in lines {
            let s = normalized(r)
            if s.hasPrefix("发布时间:") || s.hasPrefix("发布日期:") {
                let digits = s.unicodeScalars.drop { $0.asciiDigit == nil }
                let parts = String(String.UnicodeScalarView(digits.prefix(10))).split { $0 == "-" || $0 == "/" || $0 == "." }
                if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                    return CalendarDate(year: y, month: m, day: d)
                }
            }
        }
        // A closing date line: `2021年1月29日`, nothing else on it.
        var seen = 0
        var i = text.lineStarts.count - 1
        while i >= 0 && seen < 6 {
            let scalars = text.scalars[line(i)].filter { !TextNormalization.isSeparator($0) }
            i -= 1
            guard !scalars.isEmpty else { continue }
            seen += 1
            guard scalars.count <= 12, scalars.last == "日" else { continue }
            var numbers: [Int] = []
            var current: Int?
            var separatorsOK = true
            for s in scalars {
                if let d = s.asciiDigit {
                    current = (current ?? 0) * 10 + d
                } else {
                    if let c = current { numbers.append(c) }
                    current = nil
                    if !(s == "年" || s == "月" || s == "日") { separatorsOK = false }
                }
            }
            if separatorsOK, numbers.count == 3 {
                return CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
            }
        }
        return nil
    }
}
