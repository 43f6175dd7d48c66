/// An 8-bit greyscale raster, as `pdftoppm -gray` writes it (binary PGM, `P5`).
struct GrayImage: Sendable {
    let width: Int
    let height: Int
    /// Row-major, 0 black to 255 white.
    private(set) var pixels: [UInt8]

    /// Pixels darker than this are ink.
    static let inkLevel: UInt8 = 160

    /// A white image.
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 255, count: width * height)
    }

    /// Parses a binary PGM with a maximum value of 255; nil for anything else.
    init?(pgm bytes: [UInt8]) {
        var index = 0
        func token() -> Int? {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "#") {
                    while index < bytes.count, bytes[index] != 10 { index += 1 }
                } else if bytes[index] == 32 || (9...13).contains(bytes[index]) {
                    index += 1
                } else {
                    break
                }
            }
            var value = 0
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]), index - start < 6 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
            }
            // More than six digits is no size or level this reads.
            guard index > start, index == bytes.count || !(48...57).contains(bytes[index]) else { return nil }
            return value
        }
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        index = 2
        guard let width = token(), let height = token(), let maximum = token(), maximum == 255, width > 0, height > 0
        else { return nil }
        index += 1  // the single whitespace before the raster
        let count = width * height
        guard bytes.count - index >= count else { return nil }
        self.width = width
        self.height = height
        pixels = Array(bytes[index..<(index + count)])
    }

    /// The image as binary PGM.
    var pgm: [UInt8] { Array("P5\n\(width) \(height)\n255\n".utf8) + pixels }

    func isInk(x: Int, y: Int) -> Bool { pixels[y * width + x] < Self.inkLevel }

    /// The number of ink pixels in `box`.
    func ink(in box: PixelBox) -> Int {
        var count = 0
        for y in box.top..<box.bottom {
            let row = y * width
            for x in box.left..<box.right where pixels[row + x] < Self.inkLevel { count += 1 }
        }
        return count
    }

    /// The smallest box holding every ink pixel of `box`, or nil when it has none.
    func inkBounds(in box: PixelBox) -> PixelBox? {
        var left = box.right, right = box.left, top = box.bottom, bottom = box.top
        for y in box.top..<box.bottom {
            let row = y * width
            for x in box.left..<box.right where pixels[row + x] < Self.inkLevel {
                left = min(left, x)
                right = max(right, x + 1)
                top = min(top, y)
                bottom = max(bottom, y + 1)
            }
        }
        return left < right ? PixelBox(left: left, top: top, right: right, bottom: bottom) : nil
    }

    /// The number of glyphs side by side in `box`: runs of pixel columns with ink, apart from runs
    /// of fewer than `speck` ink pixels (dust). A digit is one glyph, and so is a decimal point.
    func glyphCount(in box: PixelBox, speck: Int = 4) -> Int {
        var count = 0, run = 0
        for x in box.left...box.right {
            var ink = 0
            if x < box.right {
                for y in box.top..<box.bottom where pixels[y * width + x] < Self.inkLevel { ink += 1 }
            }
            if ink > 0 {
                run += ink
            } else {
                if run >= speck { count += 1 }
                run = 0
            }
        }
        return count
    }

    /// Copies `box` of `source` to (`x`, `y`) of this image; both must fit.
    mutating func paste(_ box: PixelBox, of source: GrayImage, atX x: Int, y: Int) {
        for row in 0..<box.height {
            let from = (box.top + row) * source.width + box.left
            let to = (y + row) * width + x
            pixels.replaceSubrange(to..<(to + box.width), with: source.pixels[from..<(from + box.width)])
        }
    }
}

/// A rectangle of pixels: `left` and `top` inclusive, `right` and `bottom` exclusive.
struct PixelBox: Sendable, Hashable {
    var left: Int, top: Int, right: Int, bottom: Int

    var width: Int { right - left }
    var height: Int { bottom - top }
    var centerX: Int { (left + right) / 2 }
    var centerY: Int { (top + bottom) / 2 }

    func contains(x: Int, y: Int) -> Bool { x >= left && x < right && y >= top && y < bottom }

    /// The box shrunk by `margin` on every side, or nil when nothing is left.
    func inset(by margin: Int) -> PixelBox? {
        let box = PixelBox(left: left + margin, top: top + margin, right: right - margin, bottom: bottom - margin)
        return box.width > 0 && box.height > 0 ? box : nil
    }
}
