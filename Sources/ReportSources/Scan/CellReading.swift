import AnnualReport
import Foundation

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

    /// What a cell's two readings make of it: a number, a label, or either (its row decides).
    struct Judgement: Sendable, Equatable {
        /// The cell as a number: the reader text and how it was recognised.
        var number: (text: String, reading: CellReading)?
        /// The cell as a label: the Chinese reading, where it has Chinese.
        var label: String?
        /// A blank mark (its label `—`), or a cell without ink.
        var blank = false

        /// Both readings agree on a number of the cell's glyph count.
        var agreed: Bool { number?.reading == .agreed }
        /// Chinese that no reading of a number fits.
        var definiteLabel: Bool { number == nil && label != nil && !blank }

        static func == (a: Judgement, b: Judgement) -> Bool {
            a.number?.text == b.number?.text && a.number?.reading == b.number?.reading && a.label == b.label
                && a.blank == b.blank
        }
    }

    /// Judges a cell's two readings. Both can miss the same glyph ("11" read as "1"), so a number
    /// needs as many characters in the digits reading as the cell has glyphs side by side
    /// (`glyphs`). The Chinese model reads some digits as characters (21 as 2别): Chinese in its
    /// reading makes the cell a label only where no such number fits.
    /// A cell whose ink is one flat stroke (`dash`) is a blank mark whatever the readings say: no
    /// digit is twice as wide as it is tall.
    static func judge(digits: String, chinese: String, glyphs: Int, dash: Bool = false) -> Judgement {
        if dash { return Judgement(label: "—", blank: true) }
        let first = number(in: digits), second = number(in: chinese)
        // A reading is a candidate only with as many characters as the cell has glyphs.
        let fits = { (text: String) in text.unicodeScalars.filter { $0 != " " }.count == glyphs }
        let fitting = fits(digits) ? first : nil
        if let fitting, fitting == second { return Judgement(number: (fitting.description, .agreed)) }
        if isBlankMark(chinese) {
            // A blank is not a number: a mark read as one may be either, and lists no candidates.
            return first == nil ? Judgement(label: "—", blank: true) : Judgement(number: (unreadable, .disputed([])))
        }
        if hanCount(chinese) > 0 {
            return Judgement(number: fitting.map { ($0.description, .disputed([$0])) }, label: mendingBrackets(chinese))
        }
        let candidates = Array(Set([fitting, fits(chinese) ? second : nil].compactMap { $0 })).sorted()
        // The digits-only reading is the better one at digits: its number stands in the text.
        return Judgement(number: ((first ?? second)?.description ?? unreadable, .disputed(candidates)))
    }

    /// OCR's text with a lone 《 or 》 (what the Chinese model makes of a full-width parenthesis
    /// whose partner it read right) as the parenthesis; a title's balanced pair stays.
    static func mendingBrackets(_ text: String) -> String {
        let opens = text.contains("《"), closes = text.contains("》")
        guard opens != closes else { return text }
        return opens ? text.replacingOccurrences(of: "《", with: "(") : text.replacingOccurrences(of: "》", with: ")")
    }

    static func hanCount(_ text: String) -> Int {
        text.unicodeScalars.filter(TextNormalization.isHan).count
    }

    /// A number as OCR writes it: digits with at most one decimal point inside, and nothing else
    /// but thousands separators and spaces around it; full-width forms folded.
    static func number(in text: String) -> CellNumber? {
        var folded = ""
        // Two numbers in one cell (`12 3`) are not one.
        for scalar in text.trimmingCharacters(in: .whitespaces).unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x2E: folded.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: folded.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value - 0xFF10 + 0x30)))
            case 0xFF0E: folded += "."
            case 0x2C, 0xFF0C: continue
            default: return nil
            }
        }
        guard !folded.isEmpty, folded.first != ".", folded.last != ".", folded.filter({ $0 == "." }).count <= 1 else {
            return nil
        }
        return CellNumber(parsing: folded[...])
    }

    /// The marks reports print in a blank cell, and what OCR makes of a dash (`-=`, `|一`).
    static func isBlankMark(_ text: String) -> Bool {
        let kept = text.filter { $0 != "|" && $0 != " " }
        if ["/", "／", "无"].contains(kept) { return true }
        return !kept.isEmpty && kept.count <= 3 && kept.allSatisfy { "-—―一－_=~～".contains($0) }
    }
}
