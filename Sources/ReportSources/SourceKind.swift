/// What a file is, recognised by its content (the extension is only a tie-breaker).
public enum SourceKind: String, Sendable, CaseIterable {
    case text, html, pdf, docx, legacyWord = "doc", image, otherZip = "zip", binary

    /// Sniffs the first bytes.
    public static func sniff(_ bytes: [UInt8], name: String = "") -> SourceKind {
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let head = bytes.prefix(64 * 1024)
            return contains(head, Array("word/".utf8)) ? .docx : .otherZip
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyWord }
        if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || starts([0x49, 0x49, 0x2A, 0x00])
            || starts([0x4D, 0x4D, 0x00, 0x2A]) || starts([0x42, 0x4D])
        {
            return .image
        }
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        for marker in ["<!doctype html", "<html", "<table", "<body", "<meta", "<div", "<p>"]
        where contains(head, Array(marker.utf8)) {
            return .html
        }
        let lower = name.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".shtml") { return .html }
        return .text
    }

    private static func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        let h = Array(haystack)
        guard let first = needle.first, h.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= h.count {
            if h[i] == first && h[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
