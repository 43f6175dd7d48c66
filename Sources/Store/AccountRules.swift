import Foundation

/// Account names as stored and as typed at sign-in: NFKC (full-width `ａｄｍｉｎ` is `admin`), trimmed,
/// at most 64 characters, and free of characters that hide or reorder text (U+202E, zero-width
/// marks, controls), so that two accounts never look alike.
public enum AccountName {
    /// What a name must be, for messages.
    public static let rule = "用户名须为 1–64 个字符，不含控制字符、格式字符（如 U+202E）或空白以外的不可见字符"

    /// The normalised name, or nil when it breaks the rule.
    public static func normalized(_ raw: String) -> String? {
        guard raw.utf8.count <= 1024 else { return nil }
        let name = raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64,
            name.unicodeScalars.allSatisfy({ scalar in
                scalar == " " || (!scalar.properties.isWhitespace && !hidden.contains(scalar.properties.generalCategory))
            })
        else { return nil }
        return name
    }

    private static let hidden: Set<Unicode.GeneralCategory> = [
        .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned,
    ]
}

/// The least a password must be: at least 10 characters, of at least 5 different ones, not only
/// digits, and not containing the account name (`12345678` and `aaaaaaaaaa` are refused).
public enum PasswordPolicy {
    /// Longer passwords are refused before they are hashed.
    public static let maximumBytes = 1024

    /// Why the password is too weak, or nil.
    public static func problem(_ password: String, name: String) -> String? {
        if password.count < 10 { return "密码至少 10 个字符" }
        if password.utf8.count > maximumBytes { return "密码最长 \(maximumBytes) 字节" }
        if Set(password).count < 5 { return "密码须含至少 5 个不同的字符" }
        if password.allSatisfy(\.isNumber) { return "密码不能只有数字" }
        if password.lowercased().contains(name.lowercased()) { return "密码不能包含用户名" }
        return nil
    }
}
