import AnnualReport

/// OCR misreads digits. After a recognised report is read:
/// - a number of a ruled table cell that its two readings read alike is trusted, one they read
///   differently is uncertain with the readings (`readings`);
/// - every identity that fails points at the cells that may be wrong: where changing a single cell
///   makes every identity it belongs to hold, and that change is the only one, the correction is
///   among the cell's candidates;
/// - any other recognised number stays certain only when an identity it belongs to holds;
/// - last, a cell that exactly one of its candidates lets an identity hold is settled to it; the
///   cells made uncertain here are also tried together (their candidates are each cell's own
///   readings), the reader's own uncertain cells (placements of a row's values) are not.
enum OCRReview {
    /// How a scan is read, for the reader's notes.
    static let method =
        "the numbers of ruled table cells recognised twice (digits only, two models), a cell uncertain where the readings differ; locations are lines of the recognised text"

    /// A text with this many traces of recognition (`Report.recognitionTraces`) was made by OCR.
    static let tracesOfRecognition = 2

    /// Reviews a report read from a text that was recognised elsewhere (OCR text saved as text,
    /// Markdown, HTML, Word or a PDF's text layer), as a scan read as text is; others are left alone.
    static func reviewIfRecognised(_ report: inout Report) {
        let traces = report.recognitionTraces
        guard traces.count >= tracesOfRecognition, let first = traces.first else { return }
        review(&report)
        report.readerNotes.insert(
            "the text bears the marks of OCR (\(traces.count) brackets opened and closed in different forms, the first at \(first)): a number stays certain only where an identity confirms it",
            at: 0)
    }

    static func review(_ report: inout Report, readings: [SourceLocation: CellReading] = [:]) {
        var reviewed: Set<Int> = []
        for cell in report.cells.indices {
            guard report.cells[cell].value != nil, let source = report.cells[cell].source,
                case .disputed(let candidates) = readings[source]
            else { continue }
            reviewed.insert(cell)
            report.cells[cell] = Cell(
                value: nil, status: .uncertain, source: source, written: report.cells[cell].written,
                candidates: candidates,
                reasoning: candidates.isEmpty
                    ? "OCR：此格有字迹，两次识别均未得到可信的数字"
                    : "OCR：此格两次识别的结果不一致，可能为 \(candidates.map(\.description).joined(separator: "、"))")
        }
        let identities = report.format.identities
        let failing = identities.filter { $0.holds(in: report.cells) == false }
        let confirmed = Set(identities.filter { $0.holds(in: report.cells) == true }.flatMap { $0.left + $0.right })
        let suspects = Set(failing.flatMap { $0.left + $0.right })
        let cells = report.cells
        var fixes: [(cell: Int, value: CellNumber)] = []
        for cell in suspects {
            guard let read = cells[cell].value else { continue }
            let mine = identities.filter { $0.left.contains(cell) || $0.right.contains(cell) }
            // The value this cell would need for its first failing identity; then every identity must hold.
            guard let identity = mine.first(where: { $0.holds(in: cells) == false }),
                (identity.left + identity.right).allSatisfy({ $0 == cell || cells[$0].status != .uncertain })
            else { continue }
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
        for cell in report.cells.indices {
            guard let read = report.cells[cell].value else { continue }
            let agreed = report.cells[cell].source.map { readings[$0] == .agreed } ?? false
            guard suspects.contains(cell) || !(confirmed.contains(cell) || agreed) else { continue }
            var candidates = [read]
            var reasoning =
                suspects.contains(cell) ? "OCR：所在勾稽关系不成立，识别结果可能有误" : "OCR：没有可验证此识别结果的勾稽关系"
            if let fix = unique, fix.cell == cell {
                candidates = [read, fix.value].sorted()
                reasoning = "OCR：识别为 \(read)，按勾稽关系应为 \(fix.value)（唯一的单格更正）"
            }
            reviewed.insert(cell)
            report.cells[cell] = Cell(
                value: nil, status: .uncertain, source: report.cells[cell].source, written: report.cells[cell].written,
                candidates: candidates, reasoning: reasoning)
        }
        report.settleUncertainCells(by: report.identityConstraints, independent: reviewed)
    }
}
