import Foundation

/// A word tesseract recognised, with its box on the page (from its TSV output).
struct RecognisedWord: Sendable {
    let text: String
    let box: PixelBox
    /// Block, paragraph and line numbers: words of one printed line share them.
    let line: [Int]

    /// The words of tesseract's `tsv` output (level 5 rows with text).
    static func words(inTSV bytes: [UInt8]) -> [RecognisedWord] {
        var words: [RecognisedWord] = []
        for row in bytes.split(separator: 10).dropFirst() {
            let fields = row.split(separator: 9, omittingEmptySubsequences: false)
            guard fields.count >= 12, fields[0].elementsEqual("5".utf8) else { continue }
            let numbers = fields[1..<10].map { Int(String(decoding: $0, as: UTF8.self)) }
            guard numbers.allSatisfy({ $0.map { (0...1_000_000).contains($0) } ?? false }) else { continue }
            let n = numbers.compactMap { $0 }
            let text = String(decoding: Array(fields[11...].joined(separator: [9])), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, n[7] > 0, n[8] > 0 else { continue }
            words.append(
                RecognisedWord(
                    text: text, box: PixelBox(left: n[5], top: n[6], right: n[5] + n[7], bottom: n[6] + n[8]),
                    line: Array(n[1..<4])))
        }
        return words
    }

    /// Words of one line in reading order, joined: with a space only between two Latin letters or digits.
    static func joined(_ words: [RecognisedWord]) -> String {
        var text = ""
        for word in words.sorted(by: { $0.box.left < $1.box.left }) { append(word.text, to: &text) }
        return text
    }

    /// Appends a word: after a space only between two Latin letters or digits.
    static func append(_ word: String, to text: inout String) {
        if let last = text.unicodeScalars.last, let first = word.unicodeScalars.first, last.isASCIIAlphanumeric,
            first.isASCIIAlphanumeric
        {
            text += " "
        }
        text += word
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value)
    }
}
