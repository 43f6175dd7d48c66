import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import Store

/// The databases every web test runs on: embedded SQLite always, and the PostgreSQL server that
/// scripts/test starts (GONGKAI_TEST_POSTGRES). In CI a missing PostgreSQL is a failure; elsewhere
/// the PostgreSQL half is skipped with a note.
enum Libraries {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    /// The region at the end of a path of names from the top ("辽宁省", "沈阳市").
    static func region(_ store: ReportStore, _ names: String...) async throws -> Region {
        var parent = 0
        var found: Region?
        for name in names {
            found = try await store.regions(parentID: parent).first { $0.name == name }
            parent = try XCTUnwrap(found, "no region \(name)").id
        }
        return try XCTUnwrap(found)
    }

    /// Runs `body` once on a fresh SQLite library and once on a fresh PostgreSQL one.
    static func each(_ body: (ReportStore, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-web-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(body, on: try await ReportStore.open(dataDirectory: folder), "SQLite")
        guard let url = ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES"] else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                XCTFail("scripts/test starts PostgreSQL in CI; GONGKAI_TEST_POSTGRES is not set")
            } else {
                print("note: the PostgreSQL half of the web tests was skipped (set GONGKAI_TEST_POSTGRES, as scripts/test does)")
            }
            return
        }
        let wipe = try await ReportStore.open(databaseURL: url)
        try await wipe.dropEverything()
        try await wipe.close()
        try await run(body, on: try await ReportStore.open(databaseURL: url), "PostgreSQL")
    }

    /// Runs `body` on a store and closes it, whether or not the body throws.
    private static func run(
        _ body: (ReportStore, String) async throws -> Void, on store: ReportStore, _ database: String
    ) async throws {
        do {
            try await body(store, database)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

/// A browser's side of the conversation: cookies kept between requests, forms, uploads.
struct Browser {
    var cookies: [String: String] = [:]

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
    }

    /// GET, keeping cookies; returns the response.
    mutating func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader, body: nil)
        keep(response)
        return response
    }

    /// POSTs a form (urlencoded), keeping cookies.
    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws
        -> TestResponse
    {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// POSTs multipart/form-data: text fields and files.
    mutating func upload(
        _ client: some TestClientProtocol, _ uri: String, fields: [(String, String)],
        files: [(field: String, name: String, bytes: [UInt8])]
    ) async throws -> TestResponse {
        let (body, type) = Self.multipart(fields: fields, files: files)
        var headers = cookieHeader
        headers[.contentType] = type
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        keep(response)
        return response
    }

    /// Signs in through the sign-in form.
    mutating func signIn(_ client: some TestClientProtocol, _ name: String, _ password: String) async throws -> TestResponse {
        _ = try await get(client, "/login")
        return try await post(
            client, "/login", [("csrf", cookies["gongkai_signin"] ?? ""), ("name", name), ("password", password)])
    }

    /// Follows an upload's redirect to its job page until the job is done; returns the final page.
    mutating func finishedJob(_ client: some TestClientProtocol, after upload: TestResponse) async throws -> String {
        let location = try XCTUnwrap(upload.headers[.location], "an upload answers with its job page")
        XCTAssertTrue(location.hasPrefix("/jobs/"), location)
        for _ in 0..<200 {
            let page = String(buffer: try await get(client, location).body)
            if page.contains("导入结果") { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("the job at \(location) did not finish in 10 s")
        return ""
    }

    /// Opens a page and returns the CSRF token its forms carry.
    mutating func csrf(_ client: some TestClientProtocol, _ uri: String) async throws -> String {
        let page = String(buffer: try await get(client, uri).body)
        return try XCTUnwrap(Self.csrf(in: page), "no form with a CSRF token on \(uri)")
    }

    /// The CSRF token a page's forms carry.
    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func multipart(fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) -> ([UInt8], String)
    {
        let boundary = "gongkai-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }
}
