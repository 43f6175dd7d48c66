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
        let utf8 = Array(text.utf8)
        let n = utf8.count
        var starts = [0]
        guard n > 0 else {
            self.utf8 = []
            self.byteOffsets = [0]
            self.scalars = []
            self.lineStarts = starts
            return
        }
        var offsets: [Int32] = []
        // The bytes are valid UTF-8 (they come from a String): decode by hand into buffers sized for
        // the worst case (one scalar a byte). This is the reader's hottest loop.
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: n) { scalarBuffer, scalarCount in
            offsets = [Int32](unsafeUninitializedCapacity: n + 1) { offsetBuffer, offsetCount in
                utf8.withUnsafeBufferPointer { bytes in
                    var byte = 0
                    var count = 0
                    while byte < n {
                        let b0 = UInt32(bytes[byte])
                        var value: UInt32
                        var width: Int
                        if b0 < 0x80 {
                            value = b0
                            width = 1
                        } else if b0 < 0xE0 {
                            value = (b0 & 0x1F) << 6 | UInt32(bytes[byte + 1] & 0x3F)
                            width = 2
                        } else if b0 < 0xF0 {
                            value = (b0 & 0x0F) << 12 | UInt32(bytes[byte + 1] & 0x3F) << 6 | UInt32(bytes[byte + 2] & 0x3F)
                            width = 3
                        } else {
                            value =
                                (b0 & 0x07) << 18 | UInt32(bytes[byte + 1] & 0x3F) << 12 | UInt32(bytes[byte + 2] & 0x3F) << 6
                                | UInt32(bytes[byte + 3] & 0x3F)
                            width = 4
                        }
                        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                        let normalized =
                            value < 0x80 && value != 0x3F && value != 0x0D ? scalar : TextNormalization.normalize(scalar)
                        if value == 0x0A { starts.append(count + 1) }
                        (scalarBuffer.baseAddress.unsafelyUnwrapped + count).initialize(to: normalized)
                        (offsetBuffer.baseAddress.unsafelyUnwrapped + count).initialize(to: Int32(byte))
                        count += 1
                        byte += width
                    }
                    (offsetBuffer.baseAddress.unsafelyUnwrapped + count).initialize(to: Int32(n))
                    scalarCount = count
                    offsetCount = count + 1
                }
            }
        }
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

    /// The range without the spaces and line breaks at its ends.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, TextNormalization.isSeparator(scalars[lo]) || scalars[lo] == "\n" { lo += 1 }
        while hi > lo, TextNormalization.isSeparator(scalars[hi - 1]) || scalars[hi - 1] == "\n" { hi -= 1 }
        return lo..<hi
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
