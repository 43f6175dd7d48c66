import AnnualReport

/// OCR misreads digits. After a recognised report is read, every identity that fails points at the
/// cells that may be wrong: where changing a single cell makes every identity it belongs to hold,
/// and that change is the only one, the correction is offered first among the cell's candidates.
/// A recognised number stays certain only when an identity it belongs to holds and none fails;
/// every other one (all of table 二, which no identity ties) is reported uncertain.
enum OCRReview {
    static func review(_ report: inout Report) {
        let identities = report.format.identities
        let failing = identities.filter { $0.holds(in: report.cells) == false }
        let confirmed = Set(identities.filter { $0.holds(in: report.cells) == true }.flatMap { $0.left + $0.right })
        let suspects = Set(failing.flatMap { $0.left + $0.right })
        var fixes: [(cell: Int, value: CellNumber)] = []
        let cells = report.cells
        for cell in suspects {
            guard let read = cells[cell].value else { continue }
            let mine = identities.filter { $0.left.contains(cell) || $0.right.contains(cell) }
            // The value this cell would need for its first failing identity; then every identity must hold.
            guard let identity = mine.first(where: { $0.holds(in: cells) == false }) else { continue }
            let others = { (side: [Int]) in side.filter { $0 != cell }.compactMap { cells[$0].value } }
            let onLeft = identity.left.contains(cell)
            guard let known = CellNumber.sum(others(onLeft ? identity.left : identity.right)),
                let target = CellNumber.sum(others(onLeft ? identity.right : identity.left)),
                let needed = CellNumber.difference(target, known), !(needed < CellNumber(0)), needed != read
            else { continue }
            var trial = cells
            trial[cell].value = needed
            if mine.allSatisfy({ $0.holds(in: trial) != false }) && failing.allSatisfy({ $0.holds(in: trial) != false }) {
                fixes.append((cell, needed))
            }
        }
        let unique = fixes.count == 1 ? fixes.first : nil
        for cell in report.cells.indices where suspects.contains(cell) || !confirmed.contains(cell) {
            guard let read = report.cells[cell].value else { continue }
            var candidates = [read]
            var reasoning =
                suspects.contains(cell) ? "OCR：所在勾稽关系不成立，识别结果可能有误" : "OCR：没有可验证此识别结果的勾稽关系"
            if let fix = unique, fix.cell == cell {
                candidates.insert(fix.value, at: 0)
                reasoning = "OCR：识别为 \(read)，按勾稽关系应为 \(fix.value)（唯一的单格更正）"
            }
            report.cells[cell] = Cell(
                value: nil, status: .uncertain, source: report.cells[cell].source, written: report.cells[cell].written,
                candidates: candidates, reasoning: reasoning)
        }
    }
}
