import AnnualReport

/// `consistency.*`: numbers in the narrative against the tables; the fee statement.
enum ConsistencyChecks {
    static let all: [Check] = [textNumber, feeStatement]

    static let textNumber = Check(
        id: "consistency.text-number", summary: "a number stated in the narrative differs from the table"
    ) { report in
        report.narrativeFacts.compactMap { fact in
            var sums: [(keys: [String], sum: CellNumber)] = []
            for reading in fact.readings {
                let values = reading.map { report.value($0) }
                guard !reading.isEmpty, values.allSatisfy({ $0 != nil }), let sum = CellNumber.sum(values.compactMap { $0 })
                else {
                    continue
                }
                if sum == fact.value { return nil }
                sums.append((reading, sum))
            }
            guard let first = sums.first else { return nil }
            let cells = first.keys.compactMap { report.findingCell(key: $0) }
            let names = cells.map(\.label).joined(separator: " + ")
            return Finding(
                id: "consistency.text-number", severity: .warning,
                message: "正文「\(fact.phrase)」为 \(fact.value)，而表格中 \(names) 为 \(first.sum)", cells: cells,
                expected: first.sum.description, source: fact.source, origin: report.origin)
        }
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
