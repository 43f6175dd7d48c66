/// The one-to-one character normalisation every reader and matcher uses.
///
/// Each scalar maps to exactly one scalar, so positions in normalised text are positions in the source.
public enum TextNormalization {
    /// Full-width digits, letters and punctuation to ASCII; the many kinds of space to a plain space;
    /// `?` (a lost non-breaking space in scraped pages) to a space; 〈〉 to parentheses.
    @inlinable public static func normalize(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 {
            if v == 0x3F || v == 0x0D { return " " }  // '?' noise, stray CR
            return s
        }
        switch v {
        case 0xFF01...0xFF5E:
            return Unicode.Scalar(v - 0xFEE0) ?? s
        case 0x3000, 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0xFEFF, 0x2028, 0x2029:
            return " "
        case 0x2014, 0x2013, 0x2015, 0x2212, 0x2500:  // dashes
            return "—"
        case 0x3008: return "("  // 〈 and 〉: what OCR makes of full-width parentheses
        case 0x3009: return ")"
        case 0x2F00...0x2FD5:
            return Unicode.Scalar(kangxiRadicalIdeographs[Int(v - 0x2F00)]) ?? s
        case 0xFF5F...0xFF60:
            return s
        default:
            return s
        }
    }

    /// Whether a normalised scalar separates cells or words: space, tab, newline, `|`.
    @inlinable public static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x7C: return true
        default: return false
        }
    }

    /// Whether a scalar is a CJK ideograph.
    @inlinable public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x2FA1F)
    }
}
