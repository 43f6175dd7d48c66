/// A table row of an HTML page or a Word document as reader text: its cells from the first filled
/// one, separated by tabs. In a row of numbers an empty cell is a known blank, written `—` (after the
/// last value too), so the reader never has to guess which cell of a short row is empty.
enum TableRowText {
    /// The row's text, or nil when every cell is empty.
    static func line(_ cells: [String]) -> String? {
        guard let first = cells.firstIndex(where: { !$0.isEmpty }), let last = cells.lastIndex(where: { !$0.isEmpty }) else {
            return nil
        }
        let hasNumber = cells.contains { $0.unicodeScalars.contains { $0.value >= 48 && $0.value <= 57 } }
        let parts = (first...(hasNumber ? cells.count - 1 : last)).map { cells[$0].isEmpty ? (hasNumber ? "—" : "") : cells[$0] }
        return parts.filter { !$0.isEmpty }.joined(separator: "\t")
    }
}
