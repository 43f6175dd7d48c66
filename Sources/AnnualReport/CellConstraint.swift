/// A statement that the cells of `left` sum to the cells of `right` plus `constant`: a table
/// identity, a number the narrative states, last year's figure carried on.
public struct CellConstraint: Sendable, Hashable {
    /// Cell indices summed on the left.
    public let left: [Int]
    /// Cell indices summed on the right.
    public let right: [Int]
    /// A number added to the right: the narrative's figure, last year's value.
    public let constant: CellNumber
    /// Where the statement comes from, in Chinese, for the reasoning of a cell it resolves.
    public let reason: String

    /// A constraint.
    public init(left: [Int], right: [Int], constant: CellNumber = CellNumber(0), reason: String) {
        self.left = left
        self.right = right
        self.constant = constant
        self.reason = reason
    }

    /// The table identity as a constraint.
    public init(_ identity: Identity, reason: String) {
        self.init(left: identity.left, right: identity.right, reason: reason)
    }

    /// What the constraint says about the cells as read.
    public enum Verdict: Equatable, Sendable {
        /// Every cell has a value and the sides agree.
        case holds
        /// Every cell has a value and the sides differ.
        case fails(left: CellNumber, right: CellNumber)
        /// Some cells are uncertain, and no choice among their candidates makes the sides agree:
        /// the constraint fails whatever the true values are.
        case failsForEveryCandidate
        /// Some cells are uncertain, and some choice among their candidates makes the sides agree.
        case possible
        /// A cell is blank, missing or uncertain with no candidate list, a sum overflows, or the
        /// choices are too many to try: the constraint says nothing.
        case silent
    }

    /// Most distinct sums a side is followed through before the constraint falls silent.
    static let sumLimit = 4_096

    /// What the constraint says over `cells`.
    public func verdict(in cells: [Cell]) -> Verdict {
        // The common case, every cell read, without building sets.
        switch (readSum(left, in: cells), readSum(right, in: cells)) {
        case (.sum(let a), .sum(let r)):
            guard let b = CellNumber.sum(r, constant) else { return .silent }
            return a == b ? .holds : .fails(left: a, right: b)
        case (.silent, _), (_, .silent): return .silent
        default: break
        }
        guard let l = possibleSums(left, in: cells), let r = possibleSums(right, in: cells) else { return .silent }
        var shifted: Set<CellNumber> = []
        for value in r {
            guard let sum = CellNumber.sum(value, constant) else { return .silent }
            shifted.insert(sum)
        }
        return l.isDisjoint(with: shifted) ? .failsForEveryCandidate : .possible
    }

    private enum SideSum {
        case sum(CellNumber)
        case uncertain
        case silent
    }

    /// The side's sum where every cell is read; whether an uncertain cell with candidates stands in
    /// the way; silent where a cell is blank, missing or unknown, or the sum overflows.
    private func readSum(_ side: [Int], in cells: [Cell]) -> SideSum {
        var sum = CellNumber(0)
        var uncertain = false
        for i in side {
            guard i >= 0, i < cells.count else { return .silent }
            switch cells[i].status {
            case .read:
                guard let value = cells[i].value, let next = CellNumber.sum(sum, value) else { return .silent }
                sum = next
            case .uncertain where !cells[i].candidates.isEmpty: uncertain = true
            default: return .silent
            }
        }
        return uncertain ? .uncertain : .sum(sum)
    }

    /// Every sum `side` may have: a read cell its value, an uncertain one any of its candidates.
    private func possibleSums(_ side: [Int], in cells: [Cell]) -> Set<CellNumber>? {
        var sums: Set<CellNumber> = [CellNumber(0)]
        for i in side {
            guard i >= 0, i < cells.count else { return nil }
            let options: [CellNumber]
            switch cells[i].status {
            case .read:
                guard let value = cells[i].value else { return nil }
                options = [value]
            case .uncertain where !cells[i].candidates.isEmpty: options = cells[i].candidates
            default: return nil
            }
            var next: Set<CellNumber> = []
            for sum in sums {
                for option in options {
                    guard let s = CellNumber.sum(sum, option) else { return nil }
                    next.insert(s)
                }
            }
            guard next.count <= Self.sumLimit else { return nil }
            sums = next
        }
        return sums
    }

    /// The one candidate of the one uncertain cell that makes the constraint hold, where every
    /// other cell is read and exactly one candidate does.
    func resolution(in cells: [Cell]) -> (cell: Int, value: CellNumber)? {
        let involved = left + right
        guard involved.allSatisfy({ $0 >= 0 && $0 < cells.count }) else { return nil }
        let open = Set(involved.filter { cells[$0].status != .read })
        guard open.count == 1, let cell = open.first, cells[cell].status == .uncertain else { return nil }
        var fitting: [CellNumber] = []
        for candidate in cells[cell].candidates {
            var trial = cells
            trial[cell] = Cell(value: candidate, status: .read, source: cells[cell].source)
            if verdict(in: trial) == .holds { fitting.append(candidate) }
        }
        return fitting.count == 1 ? (cell, fitting[0]) : nil
    }

    /// Most choices among the candidates of several uncertain cells tried together.
    static let jointLimit = 1_024

    /// The one choice among the candidates of the uncertain cells (every other cell read) that
    /// makes the constraint hold, where every uncertain cell is one of `independent`: cells whose
    /// candidates do not depend on each other (OCR readings of each cell), unlike the placements of
    /// a short row's values.
    func jointResolution(in cells: [Cell], independent: Set<Int>) -> [(cell: Int, value: CellNumber)]? {
        let involved = left + right
        guard involved.allSatisfy({ $0 >= 0 && $0 < cells.count }) else { return nil }
        let open = Array(Set(involved.filter { cells[$0].status != .read })).sorted()
        guard !open.isEmpty, open.allSatisfy({ independent.contains($0) }),
            open.allSatisfy({ cells[$0].status == .uncertain && !cells[$0].candidates.isEmpty })
        else { return nil }
        var choices = 1
        for cell in open {
            choices *= cells[cell].candidates.count
            guard choices <= Self.jointLimit else { return nil }
        }
        var trial = cells
        var fitting: [[CellNumber]] = []
        func choose(_ index: Int, _ chosen: [CellNumber]) {
            guard fitting.count < 2 else { return }
            guard index < open.count else {
                if verdict(in: trial) == .holds { fitting.append(chosen) }
                return
            }
            for candidate in cells[open[index]].candidates {
                trial[open[index]] = Cell(value: candidate, status: .read, source: nil)
                choose(index + 1, chosen + [candidate])
            }
        }
        choose(0, [])
        guard fitting.count == 1 else { return nil }
        return Array(zip(open, fitting[0]))
    }
}

extension Report {
    /// Settles uncertain cells that exactly one of their candidates fits under one of `constraints`
    /// (the table's own identities), again and again while any is settled; each such cell is read,
    /// with the constraint named in its reasoning. Returns how many cells were settled.
    /// The candidates of several uncertain cells of one constraint are tried together where every
    /// one of them is among `independent` (cells whose candidates do not depend on each other's).
    @discardableResult
    public mutating func settleUncertainCells(by constraints: [CellConstraint], independent: Set<Int> = []) -> Int {
        guard cells.contains(where: { $0.status == .uncertain && !$0.candidates.isEmpty }) else { return 0 }
        var settled = 0
        var changed = true
        while changed {
            changed = false
            for constraint in constraints {
                let resolved =
                    constraint.resolution(in: cells).map { [$0] }
                    ?? (independent.isEmpty ? nil : constraint.jointResolution(in: cells, independent: independent))
                for (i, value) in resolved ?? [] {
                    let candidates = cells[i].candidates.map(\.description).joined(separator: "、")
                    let why =
                        resolved?.count == 1
                        ? "可能为 \(candidates)，其中只有 \(value) 符合\(constraint.reason)"
                        : "可能为 \(candidates)，与同一关系中其他不确定单元格的候选值只有一种组合符合\(constraint.reason)，即 \(value)"
                    cells[i] = Cell(
                        value: value, status: .read, source: cells[i].source, written: cells[i].written,
                        reasoning: [cells[i].reasoning, why].compactMap { $0 }.joined(separator: "；"))
                    settled += 1
                    changed = true
                }
            }
        }
        return settled
    }

    /// Adds to the reasoning of each uncertain cell exactly one candidate of which fits one of
    /// `constraints`, which candidate that is, and leaves the cell uncertain. For statements from
    /// outside the table — the narrative, last year's report — which the checks exist to test:
    /// settling a cell on them would turn their own slip into an error in the table.
    public mutating func noteCandidates(agreeingWith constraints: [CellConstraint]) {
        guard cells.contains(where: { $0.status == .uncertain && $0.candidates.count > 1 }) else { return }
        for constraint in constraints {
            guard let (i, value) = constraint.resolution(in: cells), cells[i].candidates.count > 1 else { continue }
            let note = "只有 \(value) 符合\(constraint.reason)"
            if cells[i].reasoning?.contains(note) == true { continue }
            cells[i].reasoning = [cells[i].reasoning, note].compactMap { $0 }.joined(separator: "；")
        }
    }

    /// The table identities of the layout as constraints.
    public var identityConstraints: [CellConstraint] {
        format.identities.map { CellConstraint($0, reason: "表内勾稽关系（\($0.kind.statement)）") }
    }

    /// The narrative's numbers that state one sum of cells, as constraints.
    public var narrativeConstraints: [CellConstraint] {
        narrativeFacts.compactMap { fact in
            guard fact.readings.count == 1, let keys = fact.readings.first else { return nil }
            let indices = keys.compactMap { format.index(of: $0) }
            guard !indices.isEmpty, indices.count == keys.count else { return nil }
            return CellConstraint(left: indices, right: [], constant: fact.value, reason: "正文「\(fact.phrase)」")
        }
    }
}

extension Identity.Kind {
    /// The identity in words.
    public var statement: String {
        switch self {
        case .carry: "一 + 二 = 三（七）+ 四"
        case .outcomeTotal: "（七）总计 = 各项办理结果之和"
        case .applicantTotal: "总计 = 六类申请人之和"
        case .appealTotal: "总计 = 结果维持、结果纠正、其他结果、尚未审结之和"
        }
    }
}
