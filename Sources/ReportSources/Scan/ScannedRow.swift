/// A ruled table row of a scan as reader text: labels on the left, then values. Which cells are
/// which is the row's to decide, because a cell alone can be read either way:
/// - a row with no number (both readings agree, or differ without reading Chinese) is a heading:
///   every cell is its label;
/// - otherwise its last label is the last cell of Chinese that no number fits, left of the first
///   number; cells left of it are labels (a merged cell's fragments), cells right of it values.
struct ScannedRow: Sendable {
    /// Each cell's reader text; empty for a cell left out.
    private(set) var texts: [String]
    /// How each value cell's number was recognised.
    private(set) var readings: [CellReading?]
    /// The first value cell.
    private(set) var firstValue: Int

    /// The row of `cells`; `pageTexts` are the whole page's reading of each cell, for a label the
    /// cell pass could not read. With `exactText` (a PDF's text layer) a value cell's text that is
    /// not a number (`96171.6万元`) stays as it is.
    init(_ cells: [CellReading.Judgement], pageTexts: [String], exactText: Bool = false) {
        texts = cells.indices.map { c in
            cells[c].label ?? (cells[c].blank || !pageTexts.indices.contains(c) ? "" : pageTexts[c])
        }
        readings = Array(repeating: nil, count: cells.count)
        // A number: both readings agree, or they differ without either reading Chinese in it.
        let number = { (cell: CellReading.Judgement) in
            cell.agreed || cell.label == nil && cell.number.map { $0.reading != .disputed([]) } == true
        }
        guard let firstNumber = cells.firstIndex(where: number) else {
            firstValue = cells.count
            return
        }
        let lastLabel = cells.indices.last { $0 < firstNumber && cells[$0].definiteLabel }
        firstValue = (lastLabel ?? -1) + 1
        for c in firstValue..<cells.count {
            if let (text, reading) = cells[c].number {
                (texts[c], readings[c]) = (text, reading)
            } else if cells[c].blank {
                texts[c] = ""
            } else if !exactText {
                // Chinese where a value stands, which no reading of a number fits.
                (texts[c], readings[c]) = (CellReading.unreadable, .disputed([]))
            }
        }
    }

    /// The texts the row's line joins with tabs, each with the index of its cell: the labels that
    /// have text (a merged cell gives text to one of its rows), then the values with a blank mark
    /// for each empty cell. Nil for a row with no text.
    var parts: [(cell: Int, text: String)]? {
        let labels = texts[..<firstValue].enumerated().filter { !$0.element.isEmpty }.map { (cell: $0.offset, text: $0.element) }
        guard let parts = TableRowText.parts(labels.map(\.text) + texts[firstValue...]) else { return nil }
        return labels + parts.dropFirst(labels.count).map { (cell: $0.cell - labels.count + firstValue, text: $0.text) }
    }
}
