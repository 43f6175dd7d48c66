import AnnualReport

/// The text an adapter makes of a document, with where in the document each piece came from.
struct TracedText {
    private(set) var text = ""
    /// Where the next character goes: 1-based line and column, in scalars, as the reader counts.
    private var line = 1
    private var column = 1
    private var anchors: [TextOrigins.Anchor] = []
    /// The source whose offsets `mark(offset:)` records, named only when a place is asked for.
    var source: SourceLines?

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
    mutating func mark(_ place: String) { mark(TextOrigins.Anchor(line: line, column: column, place: place)) }

    /// What is appended from here on came from scalar `offset` of `source`.
    mutating func mark(offset: Int) { mark(TextOrigins.Anchor(line: line, column: column, offset: offset)) }

    private mutating func mark(_ anchor: TextOrigins.Anchor) {
        if let last = anchors.last, last.line == line, last.column == column {
            anchors[anchors.count - 1] = anchor
        } else {
            anchors.append(anchor)
        }
    }

    /// A table row as one line (`TableRowText`), each cell marked by `mark` with its index;
    /// `before` is appended first, and nothing at all when every cell is empty.
    mutating func appendRow(_ cells: [String], before: String = "", mark: (inout TracedText, Int) -> Void) {
        guard let parts = TableRowText.parts(cells) else { return }
        append(before)
        for (k, part) in parts.enumerated() {
            if k > 0 { append("\t") }
            mark(&self, part.cell)
            append(part.text)
        }
        append("\n")
    }

    var origins: TextOrigins { TextOrigins(anchors: anchors, source: source) }
}

/// A source document's lines, which name a scalar offset (`HTML 212:35`) only when asked.
struct SourceLines: Sendable {
    let kind: String
    /// Where each line starts.
    private let starts: [Int]

    init(kind: String, scalars: [Unicode.Scalar]) {
        self.kind = kind
        starts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
    }

    func place(of offset: Int) -> String {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        let line = max(low, 1)
        return "\(kind) \(line):\(offset - starts[line - 1] + 1)"
    }
}

/// Where in a document each position of the text made of it came from.
struct TextOrigins: Sendable {
    struct Anchor: Sendable {
        let line: Int
        let column: Int
        /// The place; or nil, and `offset` in the origins' source names it.
        let place: String?
        let offset: Int

        init(line: Int, column: Int, place: String) {
            (self.line, self.column, self.place, self.offset) = (line, column, place, 0)
        }

        init(line: Int, column: Int, offset: Int) {
            (self.line, self.column, self.place, self.offset) = (line, column, nil, offset)
        }

        fileprivate func shifted(byLines lines: Int) -> Anchor {
            place.map { Anchor(line: line + lines, column: column, place: $0) }
                ?? Anchor(line: line + lines, column: column, offset: offset)
        }
    }

    /// In text order.
    let anchors: [Anchor]
    /// What names the anchors that record an offset.
    var source: SourceLines?

    init(anchors: [Anchor], source: SourceLines? = nil) {
        self.anchors = anchors
        self.source = source
    }

    /// The place of the last anchor at or before a location.
    func place(of location: SourceLocation) -> String? {
        var low = 0, high = anchors.count
        while low < high {
            let mid = (low + high) / 2
            let anchor = anchors[mid]
            if (anchor.line, anchor.column) <= (location.line, location.column) { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let anchor = anchors[low - 1]
        return anchor.place ?? source?.place(of: anchor.offset)
    }

    /// The same origins, for the text with `lines` more lines before it.
    func shifted(byLines lines: Int) -> TextOrigins {
        TextOrigins(anchors: anchors.map { $0.shifted(byLines: lines) }, source: source)
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
