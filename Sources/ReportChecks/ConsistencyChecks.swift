import AnnualReport
import Foundation

/// `consistency.*`: numbers in the narrative against the tables; the fee statement.
enum ConsistencyChecks {
    static let all: [Check] = [textNumber, textShare, feeStatement]

    static let textNumber = Check(
        id: "consistency.text-number", summary: "a number stated in the narrative differs from the table"
    ) { report in
        // A reading whose cells are uncertain counts by their candidates: it agrees when one of them
        // would; it disagrees only when none would.
        report.narrativeFacts.compactMap { fact in
            var disagreeing: [(keys: [String], sum: CellNumber?)] = []
            for reading in fact.readings where !reading.isEmpty {
                let indices = reading.compactMap { report.format.index(of: $0) }
                guard indices.count == reading.count else { continue }
                let constraint = CellConstraint(left: indices, right: [], constant: fact.value, reason: "")
                switch constraint.verdict(in: report.cells) {
                case .holds, .possible: return nil
                case .fails(let sum, _): disagreeing.append((reading, sum))
                case .failsForEveryCandidate: disagreeing.append((reading, nil))
                case .silent: continue
                }
            }
            guard let first = disagreeing.first else { return nil }
            let cells = first.keys.compactMap { report.findingCell(key: $0) }
            let names = cells.map(\.label).joined(separator: " + ")
            return Finding(
                id: "consistency.text-number", severity: .warning,
                message: "正文「\(fact.phrase)」为 \(fact.value)，而表格中 \(names) "
                    + (first.sum.map { "为 \($0)" } ?? "读取不确定，其任何可能的取值都不相符"),
                cells: cells, expected: first.sum?.description, source: fact.source, origin: report.origin)
        }
    }

    static let textShare = Check(
        id: "consistency.text-share", summary: "a share stated in the narrative differs from the tables"
    ) { report in
        // Agreeing with any reading of the number and of the whole, rounded or cut to the decimals
        // written, is agreeing; only cells read with certainty are judged.
        report.narrativeShares.compactMap { share in
            let stated = share.percent.doubleValue, step = pow(10, -Double(share.decimals))
            var closest: (part: [String], whole: [String], percent: Double)?
            for part in share.parts {
                for whole in share.wholes {
                    guard let numerator = readSum(part, in: report), let denominator = readSum(whole, in: report),
                        denominator > 0
                    else { continue }
                    let percent = 100 * numerator / denominator
                    let rounded = abs(percent - stated) <= step / 2 + 1e-9
                    let cut = percent + 1e-9 >= stated && percent < stated + step
                    if rounded || cut { return nil }
                    if closest.map({ abs(percent - stated) < abs($0.percent - stated) }) ?? true {
                        closest = (part, whole, percent)
                    }
                }
            }
            guard let first = closest else { return nil }
            let cells = (first.part + first.whole).compactMap { report.findingCell(key: $0) }
            let names = { (keys: [String]) in keys.compactMap { report.findingCell(key: $0)?.label }.joined(separator: " + ") }
            let computed = String(format: "%.\(share.decimals)f", first.percent)
            return Finding(
                id: "consistency.text-share", severity: .warning,
                message:
                    "正文「\(share.phrase)」所述比例为 \(String(format: "%.\(share.decimals)f", stated))%，而表格中 \(names(first.part)) ÷ \(names(first.whole)) 为 \(computed)%",
                cells: cells, expected: computed + "%", source: share.source, origin: report.origin)
        }
    }

    /// The sum of the cells of `keys` where every one is read; nil otherwise.
    private static func readSum(_ keys: [String], in report: Report) -> Double? {
        var sum = 0.0
        for key in keys {
            guard let cell = report.cell(key), cell.status == .read, let value = cell.value else { return nil }
            sum += value.doubleValue
        }
        return sum
    }

    static let feeStatement = Check(
        id: "consistency.fee-statement", summary: "2021+: section 六 says nothing about 信息处理费"
    ) { report in
        guard report.format.version == .v2021, let other = report.sections[.other] else { return [] }
        if other.text.contains("处理费") || other.text.contains("收费") { return [] }
        return [
            Finding(
                id: "consistency.fee-statement", severity: .warning, message: "第六部分未说明信息处理费的收取情况",
                source: other.source, origin: report.origin)
        ]
    }
}
