/// A table row of an HTML page, a Word document or a scan as reader text: its cells from the first
/// filled one, separated by tabs. In a row of numbers an empty cell is a known blank, written `—`
/// (after the last value too), so the reader never has to guess which cell of a short row is empty.
enum TableRowText {
    /// The row's text, or nil when every cell is empty.
    static func line(_ cells: [String]) -> String? {
        parts(cells).map { $0.map(\.text).joined(separator: "\t") }
    }

    /// The texts the row's line joins with tabs, each with the index of its cell; nil when every cell is empty.
    static func parts(_ cells: [String]) -> [(cell: Int, text: String)]? {
        guard let first = cells.firstIndex(where: { !$0.isEmpty }), let last = cells.lastIndex(where: { !$0.isEmpty }) else {
            return nil
        }
        let hasNumber = cells.contains { $0.unicodeScalars.contains { $0.value >= 48 && $0.value <= 57 } }
        return (first...(hasNumber ? cells.count - 1 : last)).compactMap { index in
            let text = cells[index].isEmpty ? (hasNumber ? "—" : "") : cells[index]
            return text.isEmpty ? nil : (index, text)
        }
    }
}
