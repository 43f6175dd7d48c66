import Foundation
import SQLKit

/// What an account may do: reviewers review reports and match agency names; admins also manage
/// accounts and the register; agency officers handle their own agency's disclosure requests and
/// nothing else.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin, reviewer, officer

    /// The role's Chinese name.
    public var label: String {
        switch self {
        case .admin: "管理员"
        case .reviewer: "审核员"
        case .officer: "办理人员"
        }
    }
}

/// A reviewer or admin account.
public struct User: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let role: Role
    /// A disabled account cannot sign in.
    public var disabled = false
    /// An officer's agency.
    public var agency: String? = nil
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

extension String {
    /// Nil when empty.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// An account operation that was refused, with the reason.
public struct AccountError: Error, CustomStringConvertible {
    public let description: String
    /// The current password given was wrong (a guess to count).
    public var isWrongPassword = false
}

extension ReportStore {
    /// How long a session lasts.
    public static let sessionLifetime: TimeInterval = 12 * 3600

    /// Creates an account; the password is kept only as a PBKDF2 hash, computed off the store.
    @discardableResult
    public func addUser(
        name: String, password: String, role: Role, agency: String? = nil, email: String? = nil, by actor: String = "system"
    )
        async throws -> User
    {
        guard let name = AccountName.normalized(name) else { throw AccountError(description: AccountName.rule) }
        let agency = agency?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (role == .officer) == (agency.map { !$0.isEmpty } ?? false), (agency?.count ?? 0) <= 200 else {
            throw AccountError(description: "办理人员账号须指定所属机关（最长 200 字），其他账号不指定")
        }
        let address = (email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let address, !MailAddress.isValid(address) {
            throw AccountError(description: "邮箱地址不正确")
        }
        if let problem = PasswordPolicy.problem(password, name: name) { throw AccountError(description: problem) }
        guard try await db.raw("SELECT id FROM users WHERE name = \(bind: name)").first() == nil else {
            throw AccountError(description: "用户 \(name) 已存在")
        }
        let hash = try await PasswordHash.makeOffThread(password)
        var user: User?
        try await transaction {
            guard
                let row = try await self.db.raw(
                    "INSERT INTO users (name, password_hash, role, created_at, agency, email) VALUES (\(bind: name), \(bind: hash), \(bind: role.rawValue), \(bind: Self.now()), \(bind: agency), \(bind: address)) RETURNING id"
                ).first()
            else { throw CocoaError(.coderInvalidValue) }
            user = User(id: try row.decode(column: "id", as: Int.self), name: name, role: role, agency: agency)
            try await self.log(user: actor, action: "add-user", target: name, detail: role.rawValue)
        }
        guard let user else { throw CocoaError(.coderInvalidValue) }
        return user
    }

    /// Sets a new password (the old one must be given unless an admin resets it) and ends every
    /// session of the account.
    public func changePassword(userID: Int, current: String?, new password: String, by actor: String) async throws {
        guard let row = try await db.raw("SELECT name, password_hash FROM users WHERE id = \(bind: userID)").first() else {
            throw AccountError(description: "没有账号 \(userID)")
        }
        let name = try row.decode(column: "name", as: String.self)
        if let current {
            let stored = try row.decode(column: "password_hash", as: String.self)
            guard await PasswordHash.verifyOffThread(current, against: stored) else {
                throw AccountError(description: "当前密码不对", isWrongPassword: true)
            }
        }
        if let problem = PasswordPolicy.problem(password, name: name) { throw AccountError(description: problem) }
        let hash = try await PasswordHash.makeOffThread(password)
        try await transaction {
            try await self.db.raw("UPDATE users SET password_hash = \(bind: hash) WHERE id = \(bind: userID)").run()
            try await self.db.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run()
            try await self.log(user: actor, action: "change-password", target: name, detail: "")
        }
    }

    /// Disables (or enables again) an account; disabling ends its sessions.
    public func setDisabled(userID: Int, _ disabled: Bool, by actor: String) async throws {
        guard let row = try await db.raw("SELECT name FROM users WHERE id = \(bind: userID)").first() else {
            throw AccountError(description: "没有账号 \(userID)")
        }
        let name = try row.decode(column: "name", as: String.self)
        try await transaction {
            try await self.db.raw("UPDATE users SET disabled = \(bind: disabled ? 1 : 0) WHERE id = \(bind: userID)").run()
            if disabled { try await self.db.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run() }
            try await self.log(user: actor, action: disabled ? "disable-user" : "enable-user", target: name, detail: "")
        }
    }

    /// Ends every session of an account (signed in on a lost phone, say).
    public func revokeSessions(userID: Int, by actor: String) async throws {
        guard let row = try await db.raw("SELECT name FROM users WHERE id = \(bind: userID)").first() else {
            throw AccountError(description: "没有账号 \(userID)")
        }
        let name = try row.decode(column: "name", as: String.self)
        try await transaction {
            try await self.db.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run()
            try await self.log(user: actor, action: "revoke-sessions", target: name, detail: "")
        }
    }

    /// Every account, by name.
    public func users() async throws -> [User] {
        try await db.raw("SELECT id, name, role, disabled, agency FROM users ORDER BY name").all().map(Self.user)
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .reviewer,
            disabled: (try row.decode(column: "disabled", as: Int?.self) ?? 0) != 0,
            agency: try row.decode(column: "agency", as: String?.self))
    }

    /// The account when the name (normalised as at creation) is an enabled account's and the
    /// password is right, else nil. The hash is checked off the store, so that a flood of sign-ins
    /// does not hold up the pages.
    public func authenticate(name: String, password: String) async throws -> User? {
        guard let name = AccountName.normalized(name), password.utf8.count <= PasswordPolicy.maximumBytes,
            let row = try await db.raw(
                "SELECT id, name, role, disabled, agency, password_hash FROM users WHERE name = \(bind: name)"
            ).first()
        else {
            // The same time whether or not the name exists.
            _ = await PasswordHash.verifyOffThread(password, against: Self.decoyHash)
            return nil
        }
        let stored = try row.decode(column: "password_hash", as: String.self)
        guard await PasswordHash.verifyOffThread(password, against: stored) else { return nil }
        let user = try Self.user(row)
        return user.disabled ? nil : user
    }

    private static let decoyHash = (try? PasswordHash.make("decoy password")) ?? ""

    /// Starts a session; returns the token for the cookie (only its hash is stored).
    public func startSession(for user: User) async throws -> String {
        let token = RandomToken.hex()
        let expires = Self.timestamp(Date().addingTimeInterval(Self.sessionLifetime))
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
                "SELECT users.id AS id, users.name AS name, users.role AS role, users.disabled AS disabled, users.agency AS agency, sessions.csrf AS csrf FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_sha256 = \(bind: ContentHash.hex(Array(token.utf8))) AND expires_at > \(bind: Self.now()) AND users.disabled = 0"
            ).first()
        else { return nil }
        return Session(user: try Self.user(row), csrf: try row.decode(column: "csrf", as: String.self))
    }

    /// Ends a session.
    public func endSession(token: String) async throws {
        try await db.raw("DELETE FROM sessions WHERE token_sha256 = \(bind: ContentHash.hex(Array(token.utf8)))").run()
    }

    /// Appends to the audit log; each field is cut to a bound (a 1 MB user name sent to the sign-in
    /// form is logged as its first 64 characters).
    public func log(user: String, action: String, target: String, detail: String) async throws {
        try await db.raw(
            "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES (\(bind: Self.now()), \(bind: Self.bounded(user, 64)), \(bind: Self.bounded(action, 64)), \(bind: Self.bounded(target, 256)), \(bind: Self.bounded(detail, 2000)))"
        ).run()
    }

    static func bounded(_ s: String, _ characters: Int) -> String {
        s.count <= characters ? s : String(s.prefix(characters)) + "…"
    }

    /// A page of the audit log, newest first.
    public func auditLog(limit: Int = 200, offset: Int = 0) async throws -> [AuditEntry] {
        try await db.raw(
            "SELECT at, user_name, action, target, detail FROM audit_log ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)"
        )
        .all()
        .map(Self.auditEntry)
    }

    /// How many entries the audit log has.
    public func auditCount() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM audit_log").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func auditEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            at: try row.decode(column: "at", as: String.self), user: try row.decode(column: "user_name", as: String.self),
            action: try row.decode(column: "action", as: String.self), target: try row.decode(column: "target", as: String.self),
            detail: try row.decode(column: "detail", as: String.self))
    }
}
