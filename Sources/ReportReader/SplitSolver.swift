import AnnualReport

/// Chooses among the possible splits of run-together rows using the identities: a split is kept only
/// if some choice for every other row satisfies every identity. What all surviving choices agree on is
/// certain; the rest is uncertain with its candidates.
struct SplitSolver {
    let identities: [Identity]
    /// Search budget: beyond this many partial assignments the remaining rows stay uncertain.
    static let budget = 200_000

    /// `options[r]`: for each row (by its cells' indices `cellsOfRow[r]`) the candidate value
    /// vectors; `fixed`: the cells already known. Returns, for every cell index, the set of values it
    /// takes across all solutions; nil when the search ran out of budget or found no solution.
    func solve(options: [[[CellNumber?]]], cellsOfRow: [[Int]], fixed: [Int: CellNumber?]) -> [Int: Set<CellNumber?>]? {
        let order = options.indices.sorted { options[$0].count < options[$1].count }
        var assignment = fixed
        var seen: [Int: Set<CellNumber?>] = [:]
        var steps = 0
        var solutions = 0
        let relevant = identities.filter { $0.kind != .applicantTotal }
        // The identities to test when a row is assigned: those touching its cells.
        let touching: [[Identity]] = cellsOfRow.map { cells in
            let set = Set(cells)
            return relevant.filter { !set.isDisjoint(with: $0.left) || !set.isDisjoint(with: $0.right) }
        }

        func sum(_ cells: [Int]) -> CellNumber?? {
            var values: [CellNumber] = []
            for i in cells {
                guard let assigned = assignment[i] else { return .none }  // not yet assigned
                guard let v = assigned else { return .some(nil) }  // blank: the identity says nothing
                values.append(v)
            }
            return .some(CellNumber.sum(values))
        }

        func holds(_ row: Int) -> Bool {
            for identity in touching[row] {
                guard case .some(.some(let l)) = sum(identity.left), case .some(.some(let r)) = sum(identity.right) else {
                    continue
                }
                if l != r { return false }
            }
            return true
        }

        func search(_ depth: Int) {
            steps += 1
            if steps > Self.budget { return }
            if depth == order.count {
                solutions += 1
                for (k, v) in assignment { seen[k, default: []].insert(v) }
                return
            }
            let r = order[depth]
            for option in options[r] {
                for (c, cell) in cellsOfRow[r].enumerated() { assignment[cell] = option[c] }
                if holds(r) { search(depth + 1) }
                if steps > Self.budget { break }
            }
            for cell in cellsOfRow[r] { assignment[cell] = nil }
        }
        search(0)
        if steps > Self.budget || solutions == 0 { return nil }
        return seen
    }
}
