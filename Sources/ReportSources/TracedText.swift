import AnnualReport

/// The text an adapter makes of a document, with where in the document each piece came from.
struct TracedText {
    private(set) var text = ""
    /// Where the next character goes: 1-based line and column, in scalars, as the reader counts.
    private var line = 1
    private var column = 1
    private var anchors: [TextOrigins.Anchor] = []

    mutating func append(_ piece: String) {
        for scalar in piece.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        text += piece
    }

    /// What is appended from here on came from `place`.
    mutating func mark(_ place: String) {
        if let last = anchors.last, last.line == line, last.column == column {
            anchors[anchors.count - 1] = TextOrigins.Anchor(line: line, column: column, place: place)
        } else {
            anchors.append(TextOrigins.Anchor(line: line, column: column, place: place))
        }
    }

    /// A table row as one line (`TableRowText`), each cell marked with its place; `before` is
    /// appended first, and nothing at all when every cell is empty.
    mutating func appendRow(_ cells: [String], places: [String], before: String = "") {
        guard let parts = TableRowText.parts(cells) else { return }
        append(before)
        for (k, part) in parts.enumerated() {
            if k > 0 { append("\t") }
            if places.indices.contains(part.cell) { mark(places[part.cell]) }
            append(part.text)
        }
        append("\n")
    }

    var origins: TextOrigins { TextOrigins(anchors: anchors) }
}

/// Where in a document each position of the text made of it came from.
struct TextOrigins: Sendable {
    struct Anchor: Sendable {
        let line: Int
        let column: Int
        let place: String
    }

    /// In text order.
    let anchors: [Anchor]

    /// The place of the last anchor at or before a location.
    func place(of location: SourceLocation) -> String? {
        var low = 0, high = anchors.count
        while low < high {
            let mid = (low + high) / 2
            let anchor = anchors[mid]
            if (anchor.line, anchor.column) <= (location.line, location.column) { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? anchors[low - 1].place : nil
    }

    /// The same origins, for the text with `lines` more lines before it.
    func shifted(byLines lines: Int) -> TextOrigins {
        TextOrigins(anchors: anchors.map { Anchor(line: $0.line + lines, column: $0.column, place: $0.place) })
    }

    /// The pages of a text whose pages a form feed separates (`pdftotext`): `PDF page 3`.
    static func pages(of text: String, kind: String) -> TextOrigins {
        var traced = TracedText()
        for (index, page) in text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated() {
            traced.mark("\(kind) page \(index + 1)")
            traced.append((index > 0 ? "\u{0C}" : "") + page)
        }
        return traced.origins
    }
}
