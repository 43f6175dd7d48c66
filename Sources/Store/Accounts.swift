import Foundation
import SQLKit

/// What an account may do: reviewers review reports and match agency names; admins also manage
/// accounts and the register.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin, reviewer

    /// The role's Chinese name.
    public var label: String { self == .admin ? "管理员" : "审核员" }
}

/// A reviewer or admin account.
public struct User: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let role: Role
}

/// A signed-in user with the session's CSRF token, which every form must send back.
public struct Session: Sendable {
    public let user: User
    public let csrf: String
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Codable, Equatable {
    public let at: String
    public let user: String
    public let action: String
    public let target: String
    public let detail: String
}

/// An account operation that was refused, with the reason.
public struct AccountError: Error, CustomStringConvertible {
    public let description: String
}

extension ReportStore {
    /// How long a session lasts.
    public static let sessionLifetime: TimeInterval = 12 * 3600

    /// Creates an account; the password (at least 8 characters) is kept only as a PBKDF2 hash.
    @discardableResult
    public func addUser(name: String, password: String, role: Role, by actor: String = "system") async throws -> User {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw AccountError(description: "用户名须为 1–64 个字符") }
        guard password.count >= 8 else { throw AccountError(description: "密码至少 8 个字符") }
        guard try await db.raw("SELECT id FROM users WHERE name = \(bind: name)").first() == nil else {
            throw AccountError(description: "用户 \(name) 已存在")
        }
        let hash = try PasswordHash.make(password)
        var user: User?
        try await transaction {
            guard
                let row = try await self.db.raw(
                    "INSERT INTO users (name, password_hash, role, created_at) VALUES (\(bind: name), \(bind: hash), \(bind: role.rawValue), \(bind: Self.now())) RETURNING id"
                ).first()
            else { throw CocoaError(.coderInvalidValue) }
            user = User(id: try row.decode(column: "id", as: Int.self), name: name, role: role)
            try await self.log(user: actor, action: "add-user", target: name, detail: role.rawValue)
        }
        guard let user else { throw CocoaError(.coderInvalidValue) }
        return user
    }

    /// Every account, by name.
    public func users() async throws -> [User] {
        try await db.raw("SELECT id, name, role FROM users ORDER BY name").all().map(Self.user)
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .reviewer)
    }

    /// The account when the password is right, else nil.
    public func authenticate(name: String, password: String) async throws -> User? {
        guard let row = try await db.raw("SELECT id, name, role, password_hash FROM users WHERE name = \(bind: name)").first()
        else {
            _ = PasswordHash.verify(password, against: Self.decoyHash)  // the same time whether or not the name exists
            return nil
        }
        guard PasswordHash.verify(password, against: try row.decode(column: "password_hash", as: String.self)) else { return nil }
        return try Self.user(row)
    }

    private static let decoyHash = (try? PasswordHash.make("decoy password")) ?? ""

    /// Starts a session; returns the token for the cookie (only its hash is stored).
    public func startSession(for user: User) async throws -> String {
        let token = RandomToken.hex()
        let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(Self.sessionLifetime))
        try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: Self.now())").run()
        try await db.raw(
            "INSERT INTO sessions (token_sha256, user_id, csrf, expires_at) VALUES (\(bind: ContentHash.hex(Array(token.utf8))), \(bind: user.id), \(bind: RandomToken.hex()), \(bind: expires))"
        ).run()
        try await log(user: user.name, action: "sign-in", target: user.name, detail: "")
        return token
    }

    /// The live session of a cookie token, or nil.
    public func session(token: String) async throws -> Session? {
        guard
            let row = try await db.raw(
                "SELECT users.id AS id, users.name AS name, users.role AS role, sessions.csrf AS csrf FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_sha256 = \(bind: ContentHash.hex(Array(token.utf8))) AND expires_at > \(bind: Self.now())"
            ).first()
        else { return nil }
        return Session(user: try Self.user(row), csrf: try row.decode(column: "csrf", as: String.self))
    }

    /// Ends a session.
    public func endSession(token: String) async throws {
        try await db.raw("DELETE FROM sessions WHERE token_sha256 = \(bind: ContentHash.hex(Array(token.utf8)))").run()
    }

    /// Appends to the audit log.
    public func log(user: String, action: String, target: String, detail: String) async throws {
        try await db.raw(
            "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES (\(bind: Self.now()), \(bind: user), \(bind: action), \(bind: target), \(bind: detail))"
        ).run()
    }

    /// The latest entries of the audit log, newest first.
    public func auditLog(limit: Int = 200) async throws -> [AuditEntry] {
        try await db.raw("SELECT at, user_name, action, target, detail FROM audit_log ORDER BY id DESC LIMIT \(bind: limit)")
            .all()
            .map(Self.auditEntry)
    }

    static func auditEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            at: try row.decode(column: "at", as: String.self), user: try row.decode(column: "user_name", as: String.self),
            action: try row.decode(column: "action", as: String.self), target: try row.decode(column: "target", as: String.self),
            detail: try row.decode(column: "detail", as: String.self))
    }
}
