import Crypto
import Foundation
import NIOPosix
import _CryptoExtras

/// Passwords are kept as PBKDF2-HMAC-SHA256 hashes with a random salt:
/// `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64).
enum PasswordHash {
    static let rounds = 210_000

    static func make(_ password: String) throws -> String {
        let salt = RandomToken.bytes(16)
        let hash = try derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]),
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
            let hash = try? derive(password, salt: [UInt8](salt), rounds: rounds)
        else { return false }
        // Compare every byte, so that the time taken does not tell how much matched.
        guard hash.count == expected.count else { return false }
        return zip(hash, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Threads of their own for hashing: 210,000 rounds are tens of milliseconds that must hold
    /// neither the store, an event loop, nor the pool SQLite's calls run on (a sign-in flood queues
    /// here, behind itself only).
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// `make` on the hashing threads.
    static func makeOffThread(_ password: String) async throws -> String {
        try await pool.runIfActive { try make(password) }
    }

    /// `verify` on the hashing threads.
    static func verifyOffThread(_ password: String, against stored: String) async -> Bool {
        (try? await pool.runIfActive { verify(password, against: stored) }) ?? false
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }
}

/// Random bytes from the system's cryptographic generator.
public enum RandomToken {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A random token in hex (session ids, CSRF tokens).
    public static func hex(_ count: Int = 32) -> String {
        bytes(count).map { String($0, radix: 16).leftPadded() }.joined()
    }
}

extension String {
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
