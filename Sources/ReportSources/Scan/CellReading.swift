import AnnualReport

/// How the number in a ruled table cell of a scan was recognised. Each cell is read alone twice:
/// by the English model allowed only digits, and by the Chinese model allowed anything, which also
/// tells a label from a number. Two readings of a number that agree, with as many characters as the
/// cell has glyphs, are trusted; any other outcome leaves the cell uncertain with the numbers read.
enum CellReading: Sendable, Hashable {
    case agreed
    case disputed([CellNumber])

    /// Reader text standing for a number that could not be recognised, so that its row keeps its
    /// length; the cell is reported uncertain without candidates.
    static let unreadable = "0"

    /// What a cell's two readings make of it.
    struct Judgement: Sendable, Equatable {
        /// The reader text.
        var text: String
        /// How its number was recognised; nil for a cell that holds no number (a label, a blank mark).
        var reading: CellReading?
        /// For a cell the Chinese model read as one character and the digits model as a number of
        /// as many glyphs: that character, should the row turn out to hold no number read alike.
        var label: String? = nil
    }

    /// Judges a cell's two readings. A cell is a label when the Chinese reading has Chinese in it,
    /// except a single character where the digits reading has as many characters as the cell has
    /// glyphs (`glyphs`): the Chinese model reads some lone digits as characters (2 as 归). Both
    /// readings can miss the same glyph ("11" read as "1"): they are trusted only with that count.
    static func judge(digits: String, chinese: String, glyphs: Int) -> Judgement {
        let first = number(in: digits), second = number(in: chinese)
        let fits = digits.unicodeScalars.filter { $0 != " " }.count == glyphs
        if let first, first == second, fits { return Judgement(text: first.description, reading: .agreed) }
        if isBlankMark(chinese) {
            // A blank is not a number: a mark read as one may be either, and lists no candidates.
            return first == nil ? Judgement(text: "—", reading: nil) : Judgement(text: unreadable, reading: .disputed([]))
        }
        let han = hanCount(chinese)
        if han >= 1 {
            guard let first, fits, han == 1, chinese.count == 1 else { return Judgement(text: chinese, reading: nil) }
            return Judgement(text: first.description, reading: .disputed([first]), label: chinese)
        }
        let candidates = Array(Set([first, second].compactMap { $0 })).sorted()
        // The digits-only reading is the better one at digits: its number stands in the text.
        return Judgement(text: (first ?? second)?.description ?? unreadable, reading: .disputed(candidates))
    }

    static func hanCount(_ text: String) -> Int {
        text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
    }

    /// A number as OCR writes it: digits with at most one decimal point inside; spaces, thousands
    /// separators and full-width forms folded.
    static func number(in text: String) -> CellNumber? {
        var folded = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x2E: folded.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: folded.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value - 0xFF10 + 0x30)))
            case 0xFF0E: folded += "."
            case 0x20, 0x2C, 0xFF0C: continue
            default: return nil
            }
        }
        guard !folded.isEmpty, folded.first != ".", folded.last != ".", folded.filter({ $0 == "." }).count <= 1 else {
            return nil
        }
        return CellNumber(parsing: folded[...])
    }

    /// The marks reports print in a blank cell, and what OCR makes of a dash.
    static func isBlankMark(_ text: String) -> Bool {
        ["—", "——", "-", "－", "―", "一", "/", "／", "无", "_"].contains(text)
    }
}
