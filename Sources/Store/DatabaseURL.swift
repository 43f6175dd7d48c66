import Foundation
import PostgresKit

/// Why a library could not be opened, in words an operator can act on (no password in them).
public struct OpenError: Error, CustomStringConvertible {
    public let description: String
}

/// The `--database` setting: a PostgreSQL URL, or nothing for the embedded SQLite library. Any
/// other scheme is refused rather than silently served from SQLite.
public enum DatabaseURL {
    /// The schemes that name PostgreSQL.
    static let postgresSchemes: Set<String> = ["postgres", "postgresql"]

    /// The URL with its password replaced by `***`, for banners, summaries and errors.
    public static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
            let at = url[schemeEnd.upperBound...].firstIndex(of: "@")
        else { return url }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }

    /// Checks that `url` names PostgreSQL; else says what is wrong.
    static func checkScheme(_ url: String) throws {
        guard let schemeEnd = url.range(of: "://") else {
            throw OpenError(
                description:
                    "--database \(redacted(url)) is not a URL: give postgres://user:password@host:5432/database, or leave --database out for the embedded SQLite library in --data"
            )
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard postgresSchemes.contains(scheme) else {
            throw OpenError(
                description:
                    "--database scheme \"\(scheme)\" is not supported: Gongkai stores in PostgreSQL (postgres://…) or, with no --database, in embedded SQLite"
            )
        }
    }

    /// A PostgreSQL error as the server stated it, without the URL's password.
    static func explained(_ error: any Error, url: String) -> OpenError {
        if let psql = error as? PSQLError {
            let reason =
                psql.serverInfo?[.message] ?? psql.underlying.map { String(describing: $0) } ?? String(describing: psql.code)
            return OpenError(description: "PostgreSQL \(redacted(url)): \(reason)")
        }
        if let open = error as? OpenError { return open }
        return OpenError(
            description:
                "PostgreSQL \(redacted(url)): \(String(describing: error).replacingOccurrences(of: url, with: redacted(url)))")
    }
}
