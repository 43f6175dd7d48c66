import Foundation

/// Table cells that may hold numbers, each trimmed to its ink and pasted one under another into
/// one image, so that one tesseract run reads them all; its words are handed back cell by cell.
struct CellStrip: Sendable {
    /// White around each pasted cell.
    static let padding = 48
    /// Most pixels of a strip: far more than a page of table cells needs.
    static let pixelLimit = 60_000_000

    /// Whether the strip of `cells` stays within `pixelLimit`.
    static func fits(_ cells: [PixelBox]) -> Bool {
        var height = padding
        for cell in cells {
            height += cell.height + padding
            guard height <= pixelLimit else { return false }
        }
        return (cells.map(\.width).max() ?? 0) + 2 * padding <= pixelLimit / height
    }

    private var image: GrayImage
    /// For each cell, the rows of the strip its words may fall in.
    private var slots: [Range<Int>] = []

    /// The strip of `cells` (boxes of ink) of `page`.
    init(_ cells: [PixelBox], of page: GrayImage) {
        let padding = Self.padding
        let width = (cells.map(\.width).max() ?? 0) + 2 * padding
        let height = cells.reduce(padding) { $0 + $1.height + padding }
        image = GrayImage(width: width, height: height)
        var y = padding
        for cell in cells {
            image.paste(cell, of: page, atX: padding, y: y)
            slots.append((y - padding / 2)..<(y + cell.height + padding / 2))
            y += cell.height + padding
        }
    }

    /// What `model` reads in each cell, in the order the cells were given.
    func texts(by model: OCRText.Model, origin: String) async throws -> [String] {
        guard !slots.isEmpty else { return [] }
        let words = try await TemporaryFolder.with { folder in
            let file = folder.appendingPathComponent("cells.pgm")
            try Data(image.pgm).write(to: file)
            return RecognisedWord.words(inTSV: try await OCRText.run(imageAt: file.path, origin: origin, model: model))
        }
        var texts = [String](repeating: "", count: slots.count)
        for word in words {
            // Slots are in order from the top: find the one holding the word's centre.
            var low = 0, high = slots.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if slots[middle].lowerBound <= word.box.centerY { low = middle } else { high = middle - 1 }
            }
            if slots[low].contains(word.box.centerY) { RecognisedWord.append(word.text, to: &texts[low]) }
        }
        return texts
    }
}
