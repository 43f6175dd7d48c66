import Foundation

/// The words of a PDF's text layer with their boxes, from `pdftotext -bbox-layout` (XHTML: pages,
/// lines, words in points from the top left).
enum PDFWords {
    /// Each page's words, boxes scaled from points to pixels at `resolution` dots an inch; words of
    /// one printed line share a line number.
    static func pages(inBBoxLayout bytes: [UInt8], resolution: Int) -> [[RecognisedWord]] {
        let text = String(decoding: bytes, as: UTF8.self)
        let scale = Double(resolution) / 72
        var pages: [[RecognisedWord]] = []
        var line = 0
        var cursor = text.startIndex
        while let open = text[cursor...].range(of: "<") {
            guard let close = text[open.upperBound...].range(of: ">") else { break }
            let tag = text[open.upperBound..<close.lowerBound]
            cursor = close.upperBound
            if tag == "page" || tag.hasPrefix("page ") {
                pages.append([])
            } else if tag == "line" || tag.hasPrefix("line ") {
                line += 1
            } else if tag.hasPrefix("word "), !pages.isEmpty {
                // A word never closed ends the words: looking again for each would take quadratic time.
                guard let end = text[cursor...].range(of: "</word>") else { break }
                let content = unescaped(text[cursor..<end.lowerBound])
                cursor = end.upperBound
                let numbers = ["xMin", "yMin", "xMax", "yMax"].map { attribute(String($0), in: tag).map { $0 * scale } }
                guard !content.isEmpty, let x0 = numbers[0], let y0 = numbers[1], let x1 = numbers[2], let y1 = numbers[3],
                    x0 > -1e7, y0 > -1e7, x1 >= x0, y1 >= y0, x1 < 1e7, y1 < 1e7
                else { continue }
                let box = PixelBox(left: Int(x0), top: Int(y0), right: Int(x1.rounded(.up)), bottom: Int(y1.rounded(.up)))
                pages[pages.count - 1].append(RecognisedWord(text: content, box: box, line: [line]))
            }
        }
        return pages
    }

    /// The number in `name="…"` of a tag.
    private static func attribute(_ name: String, in tag: Substring) -> Double? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return Double(rest[..<end])
    }

    private static func unescaped(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
