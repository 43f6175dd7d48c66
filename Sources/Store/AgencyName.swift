/// How a parsed agency name is compared with the register: spacing and bracket widths do not count,
/// and a name that is not found exactly gets candidates ranked by how much of it they share — the
/// Dice coefficient of the two names' character pairs, raised to 0.8 when one name contains the other
/// (「辽阳市」 and 「辽阳市人民政府」).
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

    /// The least similarity for a register name to be offered as a candidate.
    public static let candidateThreshold = 0.5

    /// The register's names indexed by character pair, so that the candidates of a name are found
    /// among the names that share a pair with it rather than by comparing with every name.
    public struct Index: Sendable {
        private var names: [String] = []
        private var pairSets: [Set<String>] = []
        private var postings: [String: [Int]] = [:]

        public init(_ names: [String]) {
            for name in names {
                let pairs = Set(AgencyName.pairs(normalized(name)))
                for pair in pairs { postings[pair, default: []].append(self.names.count) }
                self.names.append(normalized(name))
                pairSets.append(pairs)
            }
        }

        /// The positions (in the names given) of the names at least `candidateThreshold` similar to
        /// `name`, with their similarity, most similar first. Names are gathered through their rarer
        /// pairs (「人民」「政府」 are in thousands of names and single out none), then scored in full.
        public func candidates(of name: String, limit: Int = 5) -> [(index: Int, similarity: Double)] {
            let key = normalized(name)
            let pairs = Set(AgencyName.pairs(key))
            let common = max(50, names.count / 50)
            var gathered = Set<Int>()
            for pair in pairs where (postings[pair]?.count ?? 0) <= common { gathered.formUnion(postings[pair] ?? []) }
            if gathered.isEmpty { for pair in pairs { gathered.formUnion(postings[pair] ?? []) } }
            var found: [(index: Int, similarity: Double)] = []
            for i in gathered {
                let shared = pairs.intersection(pairSets[i]).count
                var score = 2 * Double(shared) / Double(max(1, pairs.count + pairSets[i].count))
                if names[i] == key {
                    score = 1
                } else if names[i].contains(key) || key.contains(names[i]) {
                    score = max(score, 0.8)
                }
                if score >= candidateThreshold { found.append((i, score)) }
            }
            return Array(
                found.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.index < $1.index }.prefix(
                    limit))
        }
    }

    static func pairs(_ s: String) -> [String] {
        let c = Array(s)
        return c.count < 2 ? [] : (0..<(c.count - 1)).map { String(c[$0...$0 + 1]) }
    }
}
