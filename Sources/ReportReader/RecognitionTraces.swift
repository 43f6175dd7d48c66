import AnnualReport

/// Marks that a text was made by character recognition rather than typed: a bracket opened in
/// one family and closed in another a few characters on (`第〈五) 项`, `第《一) 项`, `（单位：万元〉`).
/// Tesseract's Chinese model reads a full-width parenthesis as 〈 or 《 on one side only; a typist
/// does not, and every statutory report prints such brackets in its table headings. Where they
/// are found, a digit may have been misrecognised just as well, and a number no identity confirms
/// is not certain.
enum RecognitionTraces {
    /// Brackets closed further on than this are not the short labels the trace is looked for in.
    static let span = 8

    private enum Family { case round, angle }

    /// Where the text opens a bracket of one family and closes it in the other.
    static func find(in text: NormalizedText) -> [SourceLocation] {
        var traces: [SourceLocation] = []
        let scalars = text.scalars
        for i in scalars.indices {
            guard let opened = opener(at: i, in: text) else { continue }
            var j = i + 1
            while j < min(i + 1 + span, scalars.count), scalars[j] != "\n" {
                if opener(at: j, in: text) != nil { break }
                if let closed = closer(at: j, in: text) {
                    if closed != opened { traces.append(text.location(i)) }
                    break
                }
                j += 1
            }
        }
        return traces
    }

    /// The family of an opening bracket at `i`, as the source wrote it (normalisation turns 〈 into `(`).
    private static func opener(at i: Int, in text: NormalizedText) -> Family? {
        switch text.scalars[i] {
        case "《": .angle
        case "(": original(at: i, in: text) == "〈" ? .angle : .round
        default: nil
        }
    }

    private static func closer(at i: Int, in text: NormalizedText) -> Family? {
        switch text.scalars[i] {
        case "》": .angle
        case ")": original(at: i, in: text) == "〉" ? .angle : .round
        default: nil
        }
    }

    /// The source's scalar at `i` where normalisation may have changed it (〈〉 are three UTF-8 bytes).
    private static func original(at i: Int, in text: NormalizedText) -> Unicode.Scalar? {
        let byte = Int(text.byteOffsets[i])
        guard byte + 2 < text.utf8.count, text.utf8[byte] == 0xE3, text.utf8[byte + 1] == 0x80 else { return nil }
        switch text.utf8[byte + 2] {
        case 0x88: return "〈"
        case 0x89: return "〉"
        default: return nil
        }
    }
}
