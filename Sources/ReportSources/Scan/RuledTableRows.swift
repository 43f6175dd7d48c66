/// The rows of ruled tables on a page image: bands between two horizontal ruling lines that vertical
/// rules cross from top to bottom, split into cells at those rules. A merged cell spans several
/// bands and gives a part of itself to each; a band no rule crosses (a heading between two tables)
/// is not a row.
enum RuledTableRows {
    /// One row: its band and its cells, left to right.
    struct Row: Sendable {
        let band: PixelBox
        let cells: [PixelBox]
    }

    /// A ruling line is at least this share of the page's width (text never is).
    static let minimumLineShare = 0.15
    /// Gaps in a rule of up to this many pixels (a scan's breaks) are bridged.
    static let bridgedGap = 2
    /// A vertical rule inks this share of its band's height.
    static let ruleShare = 0.9

    static func rows(in image: GrayImage) -> [Row] {
        let lines = closingPageBreaks(horizontalLines(in: image), in: image)
        var rows: [Row] = []
        for (upper, lower) in zip(lines, lines.dropFirst()) {
            // A band thinner than a line of text, or taller than a fifth of the page, is not a table row.
            guard lower.top - upper.bottom >= 12, lower.top - upper.bottom < image.height / 5 else { continue }
            let rules = verticalRules(in: image, top: upper.bottom, bottom: lower.top)
            guard let first = rules.first, let last = rules.last, rules.count >= 2 else { continue }
            let band = PixelBox(left: first.lowerBound, top: upper.bottom, right: last.upperBound, bottom: lower.top)
            let cells = zip(rules, rules.dropFirst()).compactMap { from, to -> PixelBox? in
                to.lowerBound - from.upperBound > 6
                    ? PixelBox(left: from.upperBound, top: band.top, right: to.lowerBound, bottom: band.bottom) : nil
            }
            if !cells.isEmpty { rows.append(Row(band: band, cells: cells)) }
        }
        return rows
    }

    /// Horizontal ruling lines, top to bottom: adjacent inked pixel rows merged into one line whose
    /// box spans its longest run.
    static func horizontalLines(in image: GrayImage) -> [PixelBox] {
        let minimum = max(60, Int(Double(image.width) * minimumLineShare))
        var lines: [PixelBox] = []
        for y in 0..<image.height {
            guard let run = longestRun(in: image, y: y), run.upperBound - run.lowerBound >= minimum else { continue }
            if var last = lines.last, y - last.bottom <= 1 {
                last.bottom = y + 1
                last.left = min(last.left, run.lowerBound)
                last.right = max(last.right, run.upperBound)
                lines[lines.count - 1] = last
            } else {
                lines.append(PixelBox(left: run.lowerBound, top: y, right: run.upperBound, bottom: y + 1))
            }
        }
        return lines
    }

    /// A table a page break cuts has no rule where the page cuts it: its vertical rules run on
    /// past its first (or last) horizontal line and stop together, short of the image's edge, with
    /// the cells' padding blank beside where they stop. There a rule is assumed. (A crop through the
    /// table, or text touching it, is no page break: its cells would be cut through.)
    static func closingPageBreaks(_ lines: [PixelBox], in image: GrayImage) -> [PixelBox] {
        guard lines.count >= 2, let first = lines.first, let last = lines.last else { return lines }
        var closed = lines
        let below = verticalRules(in: image, top: first.bottom, bottom: lines[1].top)
        if let top = openEnd(of: first, rules: below, upward: true, in: image) { closed.insert(top, at: 0) }
        let above = verticalRules(in: image, top: lines[lines.count - 2].bottom, bottom: last.top)
        if let bottom = openEnd(of: last, rules: above, upward: false, in: image) { closed.append(bottom) }
        return closed
    }

    /// Pixel rows of padding a page break leaves blank inside a cut cell, beside its rules' end.
    static let breakPadding = 3

    /// Where the outer two of `rules` stop together at least a row's height beyond `line`, a
    /// line there as wide as `line`.
    private static func openEnd(of line: PixelBox, rules: [Range<Int>], upward: Bool, in image: GrayImage) -> PixelBox? {
        guard rules.count >= 2, let left = rules.first, let right = rules.last else { return nil }
        let step = upward ? -1 : 1
        var ends: [Int] = []
        for rule in [left, right] {
            let x = (rule.lowerBound + rule.upperBound) / 2
            var y = upward ? line.top - 1 : line.bottom
            var end = upward ? line.top : line.bottom - 1
            var gap = 0
            while gap <= bridgedGap {
                guard y >= 0, y < image.height else { return nil }  // the image's edge: a crop, not a break
                if image.isInk(x: x, y: y) {
                    end = y
                    gap = 0
                } else {
                    gap += 1
                }
                y += step
            }
            ends.append(end)
        }
        guard let near = upward ? ends.max() : ends.min(), let far = upward ? ends.min() : ends.max(),
            far - near <= 3, abs(near - (upward ? line.top : line.bottom)) >= 12
        else { return nil }
        // The cells' padding beside the break is blank between the rules.
        for offset in 1...breakPadding {
            let y = near - step * offset
            for x in left.upperBound..<right.lowerBound where image.isInk(x: x, y: y) {
                if !rules.contains(where: { $0.contains(x) }) { return nil }
            }
        }
        return PixelBox(left: line.left, top: far, right: line.right, bottom: far + 1)
    }

    /// The longest run of ink in pixel row `y`, small gaps bridged.
    static func longestRun(in image: GrayImage, y: Int) -> Range<Int>? {
        var best: Range<Int>?
        var start: Int?
        var lastInk = -1
        for x in 0..<image.width where image.isInk(x: x, y: y) {
            if let first = start, x - lastInk - 1 <= bridgedGap {
                lastInk = x
                if (best?.count ?? 0) < x + 1 - first { best = first..<(x + 1) }
            } else {
                start = x
                lastInk = x
                if best == nil { best = x..<(x + 1) }
            }
        }
        return best
    }

    /// The x ranges of vertical rules crossing the band from `bandTop` to `bandBottom` (its edge rows left out),
    /// across the whole page: a merged cell's column has no horizontal rule of its own in the band.
    static func verticalRules(in image: GrayImage, top bandTop: Int, bottom bandBottom: Int) -> [Range<Int>] {
        let top = bandTop + 2, bottom = bandBottom - 2
        guard bottom > top else { return [] }
        let needed = Int(Double(bottom - top) * ruleShare)
        var rules: [Range<Int>] = []
        for x in 0..<image.width {
            var ink = 0
            for y in top..<bottom where image.isInk(x: x, y: y) { ink += 1 }
            guard ink >= needed else { continue }
            if let last = rules.last, last.upperBound == x {
                rules[rules.count - 1] = last.lowerBound..<(x + 1)
            } else {
                rules.append(x..<(x + 1))
            }
        }
        return rules
    }
}
