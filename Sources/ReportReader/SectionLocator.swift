import AnnualReport

/// Finds the six sections by their headings (or, where a converter lost a heading, by content).
struct SectionLocator {
    struct Found {
        var start: [SectionID: Int] = [:]
        var headingFound: Set<SectionID> = []
        /// Where each table region begins (after its heading) and ends.
        var tableRange: [TableID: Range<Int>] = [:]
    }

    let text: NormalizedText

    private func scalars(_ s: String) -> [Unicode.Scalar] { s.normalizedScalars }

    /// The first offset ≥ `from` where `marker` stands and, within `window` characters after it,
    /// `word` follows without `forbidden` in between.
    private func heading(_ marker: String, then word: String, window: Int, from: Int, excluding forbidden: [String] = [])
        -> Int?
    {
        let m = scalars(marker), w = scalars(word), bad = forbidden.map(scalars)
        var next = from
        while let at = text.find(m, in: next..<text.count) {
            next = at + 1
            let end = min(text.count, at + m.count + window + w.count)
            guard let hit = text.find(w, in: (at + m.count)..<end) else { continue }
            let span = (at + m.count)..<hit
            if bad.contains(where: { text.find($0, in: span.lowerBound..<min(text.count, hit + w.count)) != nil }) { continue }
            if (span.lowerBound..<hit).contains(where: { text.scalars[$0].asciiDigit != nil }) { continue }
            return at
        }
        return nil
    }

    private func lineStart(of offset: Int) -> Int { text.lineStarts[text.lineIndex(offset)] }

    func locate() -> Found {
        var found = Found()
        if let s1 = heading("一、", then: "总体情况", window: 2, from: 0) ?? heading("一、", then: "概述", window: 2, from: 0) {
            found.start[.overview] = s1
            found.headingFound.insert(.overview)
        }
        var cursor = found.start[.overview] ?? 0
        if let s2 = heading("二、", then: "主动公开", window: 2, from: cursor) {
            found.start[.proactive] = s2
            found.headingFound.insert(.proactive)
        } else if let t = text.find(scalars("第二十条第(一)项"), in: cursor..<text.count) {
            found.start[.proactive] = max(cursor, lineStart(of: t))  // never before the section found last
        }
        cursor = found.start[.proactive] ?? cursor
        if let s3 = heading("三、", then: "收到和处理", window: 2, from: cursor) {
            found.start[.requests] = s3
            found.headingFound.insert(.requests)
        } else if let t = text.find(scalars("申请人情况"), in: cursor..<text.count) {
            found.start[.requests] = max(cursor, lineStart(of: t))  // never before the section found last
        }
        cursor = found.start[.requests] ?? cursor
        if let s4 = heading("四、", then: "复议", window: 24, from: cursor, excluding: ["结转"]) {
            found.start[.appeals] = s4
            found.headingFound.insert(.appeals)
        } else if let last = text.find(scalars("结转下年度继续办理"), in: cursor..<text.count),
            let t = text.find(scalars("行政复议"), in: last..<text.count)
        {
            found.start[.appeals] = max(cursor, lineStart(of: t))  // never before the section found last
        }
        cursor = found.start[.appeals] ?? cursor
        if let s5 = heading("五、", then: "问题", window: 24, from: cursor) {
            found.start[.problems] = s5
            found.headingFound.insert(.problems)
        } else if let t = text.find(scalars("存在的主要问题"), in: cursor..<text.count)
            ?? text.find(scalars("存在问题"), in: cursor..<text.count)
        {
            found.start[.problems] = max(cursor, lineStart(of: t))  // never before the section found last
        }
        cursor = found.start[.problems] ?? cursor
        if let s6 = heading("六、", then: "其他", window: 6, from: cursor) {
            found.start[.other] = s6
            found.headingFound.insert(.other)
        }
        let ordered = SectionID.allCases.compactMap { id in found.start[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }
        func end(after id: SectionID) -> Int {
            guard let s = found.start[id] else { return text.count }
            return ordered.first { $0.1 > s }?.1 ?? text.count
        }
        let pairs: [(TableID, SectionID)] = [(.proactive, .proactive), (.requests, .requests), (.appeals, .appeals)]
        for (table, section) in pairs {
            guard let s = found.start[section] else { continue }
            var bodyStart = s
            if found.headingFound.contains(section) {
                bodyStart = headingEnd(from: s, limit: end(after: section))
            }
            found.tableRange[table] = bodyStart..<end(after: section)
        }
        return found
    }

    /// A heading runs to the first of: a line break, `情况`, or (inline pages) the first digit.
    private func headingEnd(from start: Int, limit: Int) -> Int {
        let s = text.scalars
        var i = start
        let qingkuang = scalars("情况")
        while i < limit {
            if s[i] == "\n" { return i }
            if text.matches(qingkuang, at: i) { return i + 2 }
            i += 1
        }
        return limit
    }

    /// The text of each section, from its heading to the next section.
    func sections(_ found: Found) -> [SectionID: SectionText] {
        let ordered = SectionID.allCases.compactMap { id in found.start[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }
        var result: [SectionID: SectionText] = [:]
        for (k, (id, start)) in ordered.enumerated() {
            let end = k + 1 < ordered.count ? ordered[k + 1].1 : text.count
            result[id] = SectionText(
                text: text.text(text.trimmed(start..<end)), source: text.location(start),
                headingFound: found.headingFound.contains(id))
        }
        return result
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard
            let first = scalars.firstIndex(where: {
                !TextNormalization.isSeparator(TextNormalization.normalize($0)) && $0 != "\n"
            })
        else { return "" }
        let last =
            scalars.lastIndex(where: { !TextNormalization.isSeparator(TextNormalization.normalize($0)) && $0 != "\n" }) ?? first
        return String(scalars[first...last])
    }
}
