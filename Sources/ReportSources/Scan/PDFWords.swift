import Foundation

/// The words of a PDF's text layer with their boxes, from `pdftotext -bbox-layout` (XHTML: pages,
/// lines, words in points from the top left). Read on the bytes, in one pass.
enum PDFWords {
    /// Each page's words, boxes scaled from points to pixels at `resolution` dots an inch; words of
    /// one printed line share a line number.
    static func pages(inBBoxLayout bytes: [UInt8], resolution: Int) -> [[RecognisedWord]] {
        let scale = Double(resolution) / 72
        var pages: [[RecognisedWord]] = []
        var line = 0
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            var close = i + 1
            while close < n, bytes[close] != UInt8(ascii: ">") { close += 1 }
            guard close < n else { break }
            let tag = bytes[(i + 1)..<close]
            i = close + 1
            if isTag(tag, "page") {
                pages.append([])
            } else if isTag(tag, "line") {
                line += 1
            } else if isTag(tag, "word"), !pages.isEmpty {
                // The word's text runs to the next `<` (its `</word>`); a word never closed ends the words.
                var end = i
                while end < n, bytes[end] != UInt8(ascii: "<") { end += 1 }
                guard end < n else { break }
                let content = unescaped(String(decoding: bytes[i..<end], as: UTF8.self))
                i = end
                let numbers = ["xMin", "yMin", "xMax", "yMax"].map { attribute($0, in: tag).map { $0 * scale } }
                guard !content.isEmpty, let x0 = numbers[0], let y0 = numbers[1], let x1 = numbers[2], let y1 = numbers[3],
                    x0 > -1e7, y0 > -1e7, x1 >= x0, y1 >= y0, x1 < 1e7, y1 < 1e7
                else { continue }
                let box = PixelBox(left: Int(x0), top: Int(y0), right: Int(x1.rounded(.up)), bottom: Int(y1.rounded(.up)))
                pages[pages.count - 1].append(RecognisedWord(text: content, box: box, line: [line]))
            }
        }
        return pages
    }

    /// Whether the tag's text (between `<` and `>`) opens an element called `name`.
    private static func isTag(_ tag: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard tag.count >= count else { return false }
        let matches = name.withUTF8Buffer { tag.prefix(count).elementsEqual($0) }
        return matches && (tag.count == count || tag[tag.startIndex + count] == UInt8(ascii: " "))
    }

    /// The number in `name="…"` of a tag.
    private static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> Double? {
        let needle = Array(" \(name)=\"".utf8)
        guard tag.count >= needle.count else { return nil }
        var k = tag.startIndex
        while k + needle.count <= tag.endIndex {
            if tag[k..<(k + needle.count)].elementsEqual(needle) {
                var end = k + needle.count
                while end < tag.endIndex, tag[end] != UInt8(ascii: "\"") { end += 1 }
                guard end - (k + needle.count) <= 32 else { return nil }
                return Double(String(decoding: tag[(k + needle.count)..<end], as: UTF8.self))
            }
            k += 1
        }
        return nil
    }

    private static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
