import AnnualReport

/// A PDF's text layer read block by block (plain `pdftotext`) may print table 三's 总计 column apart:
/// every row with one value short, and after the table a lone 总计 followed by one value per row. The
/// block is taken as that column only where every row then adds up (总计 = the six applicants).
struct TotalColumnBlock {
    let text: NormalizedText
    let rowCount: Int

    private static let totalWord = "总计".normalizedScalars

    /// The block's values, one per row, and the text they span; nil when a row holds a blank mark or
    /// no block follows.
    func find(rows: [[Token]], following: [Token]) -> (values: [Token], span: Range<Int>)? {
        guard rows.count == rowCount, rowCount > 1, !rows.joined().contains(where: \.isBlankMark) else { return nil }
        for (i, token) in following.enumerated() where token.kind == .text {
            let words = text.scalars[token.start..<token.end].filter { !TextNormalization.isSeparator($0) }
            guard words.elementsEqual(Self.totalWord) else { continue }
            let values = following[(i + 1)...].prefix { $0.kind == .value }
            guard values.count >= rowCount, let last = values.prefix(rowCount).last else { continue }
            return (Array(values.prefix(rowCount)), token.start..<last.end)
        }
        return nil
    }

    /// Each row completed by its block value, where every row's 总计 is the sum of the rest.
    func complete(rows: [[ReadValue]], block: [ReadValue]) -> [[ReadValue]]? {
        var result: [[ReadValue]] = []
        for (row, total) in zip(rows, block) {
            let parts = row.compactMap(\.number)
            guard parts.count == row.count, let sum = CellNumber.sum(parts), let value = total.number, sum == value else {
                return nil
            }
            result.append(row + [total])
        }
        return result.count == rowCount ? result : nil
    }
}
