import ReportReader

/// Checks that the offsets and sizes a ZIP archive's directory names stay inside the bytes (and
/// refuses ZIP64, whose 64-bit fields ZIPFoundation trusts), before
/// ZIPFoundation reads it: its in-memory reader traps on a position past the end (a damaged or
/// hostile archive), where it should throw.
public enum ZIPPreflight {
    /// Throws `ReadError` naming what is out of bounds; returns when the directory is consistent.
    public static func check(_ bytes: [UInt8], origin: String) throws {
        func damaged(_ why: String) -> ReadError {
            ReadError(origin: origin, problem: .unsupported("the ZIP archive is damaged or truncated: \(why)"))
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let count = bytes.count
        guard count >= 22 else { throw damaged("\(count) bytes, fewer than an empty archive has") }
        // The end-of-central-directory record: the last `PK\5\6` within the comment's reach.
        var eocd = count - 22
        let lowest = max(0, count - 22 - 65_535)
        while eocd >= lowest, !(bytes[eocd] == 0x50 && bytes[eocd + 1] == 0x4B && bytes[eocd + 2] == 5 && bytes[eocd + 3] == 6) {
            eocd -= 1
        }
        guard eocd >= lowest else { throw damaged("no end-of-directory record") }
        let entries = u16(eocd + 10), size = u32(eocd + 12), start = u32(eocd + 16)
        let zip64Locator = eocd >= 20 && u32(eocd - 20) == 0x0706_4B50
        if entries == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF || zip64Locator {
            throw damaged("ZIP64 archives are not read")
        }
        guard start + size <= eocd else { throw damaged("the directory (at \(start), \(size) bytes) runs past its end record") }
        var at = start
        for n in 0..<entries {
            guard at + 46 <= eocd, u32(at) == 0x0201_4B50 else { throw damaged("directory entry \(n + 1) is missing") }
            let compressed = u32(at + 20), uncompressed = u32(at + 24)
            let nameLength = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32)
            let local = u32(at + 42), method = u16(at + 10)
            guard u16(at + 6) < 45, uncompressed != 0xFFFF_FFFF, compressed != 0xFFFF_FFFF else {
                throw damaged("entry \(n + 1) needs ZIP64, which is not read")
            }
            guard local + 30 <= count, u32(local) == 0x0403_4B50 else {
                throw damaged("entry \(n + 1) points to \(local), where no file header stands")
            }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            // A stored entry's data (and a data descriptor after it) is found by its uncompressed size.
            let stored = method == 0 ? uncompressed : compressed
            guard dataStart + max(compressed, stored) <= count else {
                throw damaged(
                    "entry \(n + 1) claims \(max(compressed, stored)) bytes at \(dataStart), past the end (\(count) bytes)")
            }
            at += 46 + nameLength + extra + comment
        }
        guard at <= eocd else { throw damaged("the directory runs past its end record") }
    }
}
