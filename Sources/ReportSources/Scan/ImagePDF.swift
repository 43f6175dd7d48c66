/// A page image (PNG or JPEG) wrapped, without decoding it, in a one-page PDF, so that poppler's
/// `pdftoppm` turns it into the greyscale raster the table reader works on: a JPEG is a PDF image
/// as it is (`DCTDecode`), a PNG's compressed rows are one with its predictor (`FlateDecode`).
/// Other images (interlaced or transparent PNG, CMYK JPEG, TIFF, BMP) give nil.
enum ImagePDF {
    /// The image's size in pixels and its PDF image dictionary entries and data.
    struct Embedded {
        let width: Int
        let height: Int
        let dictionary: String
        let data: [UInt8]
    }

    /// Most pixels of a page image: a page at 600 dpi has fewer.
    static let pixelLimit = 50_000_000

    /// The PDF of `bytes`, one page the image's size at 72 pixels an inch; nil for an image it cannot
    /// embed, larger than `pixelLimit` or ten times longer than wide (or wider than long).
    static func pdf(of bytes: [UInt8]) -> (pdf: [UInt8], width: Int, height: Int)? {
        guard let image = png(bytes) ?? jpeg(bytes), image.width > 0, image.height > 0,
            image.width * image.height <= pixelLimit, image.height <= 10 * image.width, image.width <= 10 * image.height
        else { return nil }
        let content = Array("q \(image.width) 0 0 \(image.height) 0 0 cm /Im0 Do Q".utf8)
        var objects: [[UInt8]] = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(image.width) \(image.height)] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>"
                    .utf8),
            Array("<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("\nendstream".utf8),
        ]
        objects.append(
            Array(
                "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) \(image.dictionary) /Length \(image.data.count) >>\nstream\n"
                    .utf8) + image.data + Array("\nendstream".utf8))
        var pdf = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let table = pdf.count
        pdf += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            pdf += Array((String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n").utf8)
        }
        pdf += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n".utf8)
        return (pdf, image.width, image.height)
    }

    static func png(_ bytes: [UInt8]) -> Embedded? {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        var index = 8
        var header: ArraySlice<UInt8>?
        var palette: ArraySlice<UInt8>?
        var data: [UInt8] = []
        chunks: while index + 8 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            let start = index + 8
            guard length >= 0, length <= bytes.count - start - 4 else { return nil }
            let body = bytes[start..<(start + length)]
            switch type {
            case "IHDR": header = body
            case "PLTE": palette = body
            case "IDAT": data += body
            case "tRNS": return nil  // transparency: not drawn the same on white
            case "IEND": break chunks
            default: break
            }
            index = start + length + 4
        }
        guard let header, header.count == 13, !data.isEmpty else { return nil }
        let h = Array(header)
        let width = h[0..<4].reduce(0) { $0 << 8 | Int($1) }, height = h[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let depth = Int(h[8]), colour = h[9], interlaced = h[12] != 0
        guard !interlaced, h[10] == 0, h[11] == 0, width < 100_000, height < 100_000 else { return nil }
        let space: String, colours: Int
        switch colour {
        case 0:
            (space, colours) = ("/DeviceGray", 1)
        case 2 where depth == 8 || depth == 16:
            (space, colours) = ("/DeviceRGB", 3)
        case 3:
            guard let palette, palette.count % 3 == 0, !palette.isEmpty, palette.count <= 768 else { return nil }
            let hex = palette.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            (space, colours) = ("[/Indexed /DeviceRGB \(palette.count / 3 - 1) <\(hex.joined())>]", 1)
        default:
            return nil  // grey or colour with alpha
        }
        return Embedded(
            width: width, height: height,
            dictionary:
                "/ColorSpace \(space) /BitsPerComponent \(depth) /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors \(colours) /BitsPerComponent \(depth) /Columns \(width) >>",
            data: data)
    }

    static func jpeg(_ bytes: [UInt8]) -> Embedded? {
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {
                index += 1
                continue
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            // Start of frame (baseline, progressive, …; not DHT, JPG or DAC): precision, height, width, components.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard index + 9 < bytes.count else { return nil }
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                let space: String
                switch bytes[index + 9] {
                case 1: space = "/DeviceGray"
                case 3: space = "/DeviceRGB"
                default: return nil
                }
                return Embedded(
                    width: width, height: height, dictionary: "/ColorSpace \(space) /BitsPerComponent 8 /Filter /DCTDecode",
                    data: bytes)
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }
}
