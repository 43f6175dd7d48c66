import AnnualReport

/// Chooses among the possible splits of run-together rows using the identities: a split is kept only
/// if some choice for every other row satisfies every identity. What all surviving choices agree on is
/// certain; the rest is uncertain with its candidates.
struct SplitSolver {
    let identities: [Identity]
    /// Search budget: beyond this many partial assignments the remaining rows stay uncertain.
    static let budget = 500_000

    /// `options[r]`: for each row (by its cells' indices `cellsOfRow[r]`) the candidate value
    /// vectors. Returns, for every cell index, the set of values it takes across all solutions; nil
    /// when the search ran out of budget or found no solution.
    func solve(options: [[[CellNumber?]]], cellsOfRow: [[Int]], fixed: [Int: CellNumber?]) -> [Int: Set<CellNumber?>]? {
        let order = options.indices.sorted { options[$0].count < options[$1].count }
        var assignment = fixed
        var seen: [Int: Set<CellNumber?>] = [:]
        var steps = 0
        var solutions = 0
        let relevant = identities.filter { $0.kind == .carry || $0.kind == .outcomeTotal || $0.kind == .appealTotal }

        func consistent() -> Bool {
            for identity in relevant {
                var complete = true
                var left: [CellNumber] = []
                var right: [CellNumber] = []
                for i in identity.left {
                    guard let v = assignment[i] else {
                        complete = false
                        break
                    }
                    guard let n = v else { complete = false; break }
                    left.append(n)
                }
                if !complete { continue }
                for i in identity.right {
                    guard let v = assignment[i] else {
                        complete = false
                        break
                    }
                    guard let n = v else { complete = false; break }
                    right.append(n)
                }
                if !complete { continue }
                if CellNumber.sum(left) != CellNumber.sum(right) { return false }
            }
            return true
        }

        func search(_ depth: Int) -> Bool {
            steps += 1
            if steps > Self.budget { return false }
            if depth == order.count {
                solutions += 1
                for (k, v) in assignment { seen[k, default: []].insert(v) }
                return true
            }
            let r = order[depth]
            for option in options[r] {
                for (c, cell) in cellsOfRow[r].enumerated() { assignment[cell] = option[c] }
                if consistent() {
                    if !search(depth + 1) && steps > Self.budget { return false }
                }
            }
            for cell in cellsOfRow[r] { assignment[cell] = nil }
            return steps <= Self.budget
        }
        _ = search(0)
        if steps > Self.budget || solutions == 0 { return nil }
        return seen
    }
}
