/// How a parsed agency name is compared with the register: spacing and bracket widths do not count,
/// and a name that is not found exactly gets candidates ranked by how much of it they share.
public enum AgencyName {
    /// The name without spaces, with full-width brackets made half-width.
    public static func normalized(_ name: String) -> String {
        var out = ""
        for c in name where !c.isWhitespace {
            switch c {
            case "（": out.append("(")
            case "）": out.append(")")
            default: out.append(c)
            }
        }
        return out
    }

    /// Similarity in 0…1: the Dice coefficient of the two names' character pairs, raised to 0.8 when
    /// one name contains the other (「辽阳市」 and 「辽阳市人民政府」).
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = normalized(a), y = normalized(b)
        if x == y { return 1 }
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var score = dice(Array(x), Array(y))
        if x.contains(y) || y.contains(x) { score = max(score, 0.8) }
        return score
    }

    /// The least similarity for a register name to be offered as a candidate.
    public static let candidateThreshold = 0.5

    private static func dice(_ a: [Character], _ b: [Character]) -> Double {
        guard a.count > 1, b.count > 1 else { return 0 }
        var pairs: [String: Int] = [:]
        for i in 0..<(a.count - 1) { pairs[String(a[i...i + 1]), default: 0] += 1 }
        var shared = 0
        for i in 0..<(b.count - 1) {
            let pair = String(b[i...i + 1])
            if let n = pairs[pair], n > 0 {
                shared += 1
                pairs[pair] = n - 1
            }
        }
        return 2 * Double(shared) / Double(a.count - 1 + b.count - 1)
    }
}
