/// A set of words to look for in one pass over normalised text: each position is tried only
/// against the words that can start with its scalar.
struct NeedleSet: Sendable {
    let needles: [[Unicode.Scalar]]
    private let byFirst: [UInt32: [Int]]
    /// Whether any needle starts with a scalar whose low 16 bits are the index: a fast reject
    /// before the dictionary is asked.
    private let mayStart: [Bool]

    init(_ needles: [[Unicode.Scalar]]) {
        self.needles = needles
        var index: [UInt32: [Int]] = [:]
        var bits = Array(repeating: false, count: 1 << 16)
        for (i, needle) in needles.enumerated() {
            guard let first = needle.first else { continue }
            index[first.value, default: []].append(i)
            bits[Int(first.value & 0xFFFF)] = true
        }
        byFirst = index
        mayStart = bits
    }

    /// The needles that can start at `scalar`.
    @inline(__always)
    func candidates(startingWith scalar: Unicode.Scalar) -> [Int]? {
        guard mayStart[Int(scalar.value & 0xFFFF)] else { return nil }
        return byFirst[scalar.value]
    }

    /// Which needles occur in `range` of `scalars`.
    func present(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Bool] {
        var found = Array(repeating: false, count: needles.count)
        var remaining = needles.count
        for i in range {
            guard let list = candidates(startingWith: scalars[i]) else { continue }
            for n in list where !found[n] {
                let needle = needles[n]
                guard i + needle.count <= range.upperBound else { continue }
                var k = 1
                while k < needle.count && scalars[i + k] == needle[k] { k += 1 }
                if k == needle.count {
                    found[n] = true
                    remaining -= 1
                    if remaining == 0 { return found }
                }
            }
        }
        return found
    }
}
