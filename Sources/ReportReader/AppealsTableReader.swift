import AnnualReport

/// Reads table 四: fifteen numbers in three blocks of five, after the header words.
struct AppealsTableReader {
    let text: NormalizedText
    let format: ReportFormat

    func read(tokens: [Token], into report: inout Report) {
        let fill = TableFill(format: format, table: .appeals)
        let valueTokens = tokens.filter { $0.kind == .value }
        guard let first = valueTokens.first else {
            // The table is there (its header words are) but holds no value: every cell is blank.
            // Without them (a converter put `[TABLE]` in its place) nothing is known of its cells.
            if let header = tokens.first(where: { $0.kind == .text }),
                Self.headerWords.contains(where: { text.find($0, in: header.start..<(tokens.last?.end ?? header.start)) != nil })
            {
                for r in (format.rows[.appeals] ?? []).indices {
                    fill.setBlank(row: r, at: text.location(header.start), in: &report)
                }
            }
            return
        }
        let rows = format.rows[.appeals] ?? []
        let width = rows.first?.columns.count ?? 5
        let n = rows.count * width
        let values = RowValues(text: text)
        var candidates: [[ReadValue]]
        var reasoning: String?
        var doubt: String?
        if valueTokens.count >= n {
            // Extra numbers before or after the table: keep the run of fifteen whose blocks add up.
            let windows = [Array(valueTokens.prefix(n)), Array(valueTokens.suffix(n))].map { $0.map(values.value) }
            candidates = windows.filter(blocksAddUp)
            if valueTokens.count > n {
                report.readerNotes.append(
                    "\(text.location(first.start)): table 四 has \(valueTokens.count) values for \(n) cells")
            }
            if candidates.isEmpty, interleaved(tokens) {
                // Header words stand among the values (text taken in reading order, not row by row)
                // and the blocks do not add up: the order of the values is not the table's.
                let all = Array(Set(valueTokens.compactMap { values.value($0).number })).sorted()
                for r in rows.indices {
                    fill.setUncertain(
                        row: r, at: text.location(first.start), candidates: Array(repeating: all, count: width),
                        in: &report, reasoning: "表四的数值与表头文字交错，且按出现顺序各部分总计不等于其分项之和：顺序不可靠")
                }
                return
            }
            if candidates.isEmpty && valueTokens.count > n {
                // Extra values and neither run adds up: which fifteen are the table is unknown.
                candidates = windows
                doubt = "表四有 \(valueTokens.count) 个数值，应为 \(n) 个，且首尾两种取法的各部分总计都不等于其分项之和"
            }
            if candidates.isEmpty || valueTokens.count == n { candidates = [windows[0]] }
        } else {
            let runTogether = !valueTokens.dropFirst().contains { $0.strongSeparatorBefore }
            let group = ValueGroup(tokens: valueTokens, label: nil, runTogether: runTogether)
            switch values.reading(of: group, columns: n, notes: &report.readerNotes, rule: .test(blocksAddUp)) {
            case .exact(let v): candidates = [v]
            case .splits(let splits):
                candidates = splits
                reasoning = "数字连写，依各部分总计拆分"
            case .partial, .undetermined, .alignments:  // alignments need more values than cells: not here
                for r in rows.indices {
                    fill.setUncertain(
                        row: r, at: text.location(first.start), candidates: [], in: &report,
                        reasoning: "表四有 \(valueTokens.count) 个数值，应为 \(n) 个")
                }
                return
            }
        }
        for r in rows.indices {
            let slice = candidates.map { Array($0[(r * width)..<((r + 1) * width)]) }
            if slice.isEmpty {
                fill.setUncertain(
                    row: r, at: text.location(first.start), candidates: [], in: &report,
                    reasoning: "连写数字的任何拆法都不能使各部分总计等于其分项之和")
            } else if slice.count == 1 {
                fill.setExact(slice[0], row: r, in: &report, reasoning: reasoning)
            } else {
                fill.setOptions(slice, row: r, in: &report, reasoning: doubt ?? "数字连写，有 \(slice.count) 种拆法")
            }
        }
    }

    /// Whether words stand between the table's first and last value.
    private func interleaved(_ tokens: [Token]) -> Bool {
        guard let first = tokens.firstIndex(where: { $0.kind == .value }),
            let last = tokens.lastIndex(where: { $0.kind == .value })
        else { return false }
        return tokens[first...last].contains { $0.kind == .text }
    }

    /// Words of table 四's header: the outcome columns.
    private static let headerWords = ["维持", "纠正", "尚未审结"].map(\.normalizedScalars)

    private func blocksAddUp(_ values: [ReadValue]) -> Bool { blocksAddUp(values.map(\.number)) }

    private func blocksAddUp(_ values: [CellNumber?]) -> Bool {
        stride(from: 0, to: values.count - 4, by: 5).allSatisfy { start in
            let block = Array(values[start..<(start + 5)])
            guard block.allSatisfy({ $0 != nil }) else { return true }
            let numbers = block.compactMap { $0 }
            return CellNumber.sum(Array(numbers.prefix(4))) == numbers[4]
        }
    }
}
