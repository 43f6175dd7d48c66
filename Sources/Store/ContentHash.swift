import Crypto
import Foundation

/// SHA-256 in lowercase hex: the address of a stored original, and how session tokens are kept.
enum ContentHash {
    static func hex(_ bytes: some DataProtocol) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
