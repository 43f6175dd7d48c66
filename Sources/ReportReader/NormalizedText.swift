import AnnualReport

/// Source text as an array of scalars, normalised one-to-one (so offsets are source positions),
/// with the line table that turns an offset into a line and column.
struct NormalizedText {
    let original: [Unicode.Scalar]
    let scalars: [Unicode.Scalar]
    let lineStarts: [Int]

    init(_ text: String) {
        var original: [Unicode.Scalar] = []
        original.reserveCapacity(text.utf8.count / 2)
        original.append(contentsOf: text.unicodeScalars)
        var scalars = original
        var starts = [0]
        for i in scalars.indices {
            let n = TextNormalization.normalize(scalars[i])
            scalars[i] = n
            if n == "\n" { starts.append(i + 1) }
        }
        self.original = original
        self.scalars = scalars
        self.lineStarts = starts
    }

    var count: Int { scalars.count }

    /// 0-based line index of an offset.
    func lineIndex(_ offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The 1-based line and column of an offset.
    func location(_ offset: Int) -> SourceLocation {
        let line = lineIndex(offset)
        return SourceLocation(line: line + 1, column: offset - lineStarts[line] + 1)
    }

    /// End offset (exclusive, before the newline) of the line containing `offset`.
    func lineEnd(_ offset: Int) -> Int {
        let line = lineIndex(offset)
        return line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : count
    }

    /// The original text of a range.
    func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: original[range.clamped(to: 0..<count)])
        return String(view)
    }

    /// The first offset in `range` where `needle` (already normalised) starts.
    func find(_ needle: [Unicode.Scalar], in range: Range<Int>) -> Int? {
        guard let first = needle.first, range.count >= needle.count else { return nil }
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if scalars[i] == first {
                var k = 1
                while k < needle.count && scalars[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Every offset in `range` where `needle` starts.
    func findAll(_ needle: [Unicode.Scalar], in range: Range<Int>) -> [Int] {
        var result: [Int] = []
        var from = range.lowerBound
        while let at = find(needle, in: from..<range.upperBound) {
            result.append(at)
            from = at + 1
        }
        return result
    }

    /// Whether `needle` occurs at `offset`.
    func matches(_ needle: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset >= 0, offset + needle.count <= count else { return false }
        for k in needle.indices where scalars[offset + k] != needle[k] { return false }
        return true
    }
}

extension String {
    /// The string's scalars after the reader's normalisation.
    var normalizedScalars: [Unicode.Scalar] { unicodeScalars.map(TextNormalization.normalize) }
}
