import AnnualReport

extension Report {
    /// A cell read from a number written with a leading zero (`098`) is uncertain: no table prints a
    /// count so, and which digit was lost or changed cannot be told.
    mutating func doubtLeadingZeros() {
        for i in cells.indices where cells[i].status == .read {
            guard let written = cells[i].written,
                RowValues.hasLeadingZero(written.unicodeScalars.lazy.map(TextNormalization.normalize))
            else { continue }
            cells[i] = Cell(
                value: nil, status: .uncertain, source: cells[i].source, written: written, candidates: [],
                reasoning: "写作“\(written)”：表中的数不以 0 开头，此处应是识别或转换改动了数字")
        }
    }
}
