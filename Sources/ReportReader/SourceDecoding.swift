import Foundation

/// The text encodings the reader detects.
public enum SourceEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

/// Text decoded from a file's bytes, with the encoding that was detected.
public struct DecodedSource: Sendable {
    /// The text.
    public let text: String
    /// The encoding detected.
    public let encoding: SourceEncoding
    /// Byte offset of the first invalid sequence, when the bytes were not all valid (they were
    /// replaced by U+FFFD).
    public let firstInvalidByte: Int?
}

/// Detects the encoding of report text and decodes it, without being told.
public enum SourceDecoding {
    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes bytes; throws `ReadError` for empty or binary input.
    public static func decode(_ bytes: [UInt8], origin: String) throws -> DecodedSource {
        guard !bytes.isEmpty else { throw ReadError(origin: origin, problem: .empty) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return utf16(Array(bytes.dropFirst(2)), littleEndian: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return utf16(Array(bytes.dropFirst(2)), littleEndian: false)
        }
        if !bytes.prefix(4096).contains(0), let text = String(validating: bytes, as: UTF8.self) {
            return DecodedSource(text: text, encoding: .utf8, firstInvalidByte: nil)
        }
        if let endian = utf16WithoutBOM(bytes) {
            let decoded = utf16(bytes, littleEndian: endian)
            if isPlainText(decoded.text) { return decoded }
        }
        if looksBinary(bytes) { throw ReadError(origin: origin, problem: .binary) }
        let utf8Result = utf8(bytes)
        if utf8Result.firstInvalidByte == nil { return utf8Result }
        if let text = String(data: Data(bytes), encoding: gb18030) {
            return DecodedSource(text: text, encoding: .gb18030, firstInvalidByte: nil)
        }
        let invalidShare = invalidUTF8Share(bytes)
        if invalidShare > 0.05 { throw ReadError(origin: origin, problem: .undecodable(byte: utf8Result.firstInvalidByte ?? 0)) }
        return utf8Result
    }

    private static func utf8(_ bytes: [UInt8]) -> DecodedSource {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedSource(text: text, encoding: .utf8, firstInvalidByte: nil)
        }
        var firstInvalid: Int?
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var scalars = String.UnicodeScalarView()
        var offset = 0
        var consumedBefore = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                offset += UTF8.width(s)
                consumedBefore = offset
            case .emptyInput:
                break loop
            case .error:
                if firstInvalid == nil { firstInvalid = consumedBefore }
                scalars.append("\u{FFFD}")
                offset += 1
                consumedBefore = offset
            }
        }
        return DecodedSource(text: String(scalars), encoding: .utf8, firstInvalidByte: firstInvalid)
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> DecodedSource {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var firstInvalid: Int? = bytes.count % 2 == 1 ? bytes.count - 1 : nil
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var index = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                index += UTF16.width(s)
            case .emptyInput: break loop
            case .error:
                if firstInvalid == nil { firstInvalid = index * 2 }
                scalars.append("\u{FFFD}")
                index += 1
            }
        }
        return DecodedSource(
            text: String(scalars), encoding: littleEndian ? .utf16LE : .utf16BE, firstInvalidByte: firstInvalid)
    }

    /// UTF-16 without a byte-order mark shows as many zero bytes in one parity (ASCII) or as
    /// CJK code units; returns the endianness when the pattern is clear.
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        let sample = bytes.prefix(4096)
        var zeroEven = 0, zeroOdd = 0, cjkLE = 0, cjkBE = 0
        var i = 0
        while i + 1 < sample.count {
            let a = sample[sample.startIndex + i], b = sample[sample.startIndex + i + 1]
            if a == 0 { zeroEven += 1 }
            if b == 0 { zeroOdd += 1 }
            if (0x4E...0x9F).contains(b) { cjkLE += 1 }
            if (0x4E...0x9F).contains(a) { cjkBE += 1 }
            i += 2
        }
        let pairs = sample.count / 2
        if zeroOdd * 4 > pairs && zeroEven == 0 { return true }
        if zeroEven * 4 > pairs && zeroOdd == 0 { return false }
        // Chinese text in UTF-16: most code units are 0x4E00–0x9FFF and there are no NUL pairs.
        if cjkLE * 10 > pairs * 6 && cjkBE * 10 < pairs * 3 && !isValidUTF8(bytes) { return true }
        if cjkBE * 10 > pairs * 6 && cjkLE * 10 < pairs * 3 && !isValidUTF8(bytes) { return false }
        return nil
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func invalidUTF8Share(_ bytes: [UInt8]) -> Double {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var errors = 0, total = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: total += 1
            case .emptyInput: break loop
            case .error:
                errors += 1
                total += 1
            }
        }
        return total == 0 ? 1 : Double(errors) / Double(total)
    }

    /// Text has no control characters but tab and line breaks, and no replacement characters.
    private static func isPlainText(_ text: String) -> Bool {
        var bad = 0, total = 0
        for s in text.unicodeScalars.prefix(4096) {
            total += 1
            if (s.value < 0x20 && s != "\n" && s != "\r" && s != "\t") || s == "\u{FFFD}" { bad += 1 }
        }
        return total > 0 && bad * 100 <= total
    }

    /// NUL bytes or many control characters mean the file is not text.
    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        var controls = 0
        for b in sample {
            if b == 0 { return true }
            if b < 0x09 || (b > 0x0D && b < 0x20) { controls += 1 }
        }
        return controls * 20 > sample.count
    }
}
