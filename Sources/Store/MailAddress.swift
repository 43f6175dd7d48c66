/// A mail address as the outbox accepts it: one `@`, a dotted domain, at most 200 characters, and
/// nothing an SMTP command or a mail header could be split on (no controls, spaces, `<>,;"`).
public enum MailAddress {
    public static func isValid(_ address: String) -> Bool {
        guard address.count <= 200,
            address.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value != 0x7F && !"<>,;\"()[]\\".unicodeScalars.contains($0)
            })
        else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let domain = parts.last else { return false }
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
