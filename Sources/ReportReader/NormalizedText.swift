import AnnualReport

/// Source text as an array of scalars, normalised one-to-one (so offsets are source positions),
/// with the line table that turns an offset into a line and column.
struct NormalizedText {
    /// The source's UTF-8, and for each scalar offset (plus one past the end) its byte offset.
    let utf8: [UInt8]
    let byteOffsets: [Int32]
    let scalars: [Unicode.Scalar]
    let lineStarts: [Int]

    init(_ text: String) {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(text.utf8.count)
        utf8.append(contentsOf: text.utf8)
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count / 2)
        var offsets: [Int32] = []
        offsets.reserveCapacity(utf8.count / 2)
        var starts = [0]
        // The bytes are valid UTF-8 (they come from a String): decode by hand, it is the hot loop.
        var byte = 0
        let n = utf8.count
        while byte < n {
            let b0 = UInt32(utf8[byte])
            var value: UInt32
            var width: Int
            if b0 < 0x80 {
                value = b0
                width = 1
            } else if b0 < 0xE0 {
                value = (b0 & 0x1F) << 6 | UInt32(utf8[byte + 1] & 0x3F)
                width = 2
            } else if b0 < 0xF0 {
                value = (b0 & 0x0F) << 12 | UInt32(utf8[byte + 1] & 0x3F) << 6 | UInt32(utf8[byte + 2] & 0x3F)
                width = 3
            } else {
                value =
                    (b0 & 0x07) << 18 | UInt32(utf8[byte + 1] & 0x3F) << 12 | UInt32(utf8[byte + 2] & 0x3F) << 6
                    | UInt32(utf8[byte + 3] & 0x3F)
                width = 4
            }
            let normalized = TextNormalization.normalize(Unicode.Scalar(value) ?? "\u{FFFD}")
            if normalized == "\n" { starts.append(scalars.count + 1) }
            scalars.append(normalized)
            offsets.append(Int32(byte))
            byte += width
        }
        offsets.append(Int32(byte))
        self.utf8 = utf8
        self.byteOffsets = offsets
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
        let r = range.clamped(to: 0..<count)
        return String(decoding: utf8[Int(byteOffsets[r.lowerBound])..<Int(byteOffsets[r.upperBound])], as: UTF8.self)
    }

    /// The normalised text of a range.
    func normalizedText(_ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count * 3)
        for s in scalars[range.clamped(to: 0..<count)] { UTF8.encode(s) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
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
