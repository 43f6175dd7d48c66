import Foundation
import Store
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server as an operator runs it, under faults: a file that stops the process (a trap in the
/// reader, injected here) leaves the library serving, and the upload it came in finishes.
final class ServerFaultTests: XCTestCase {
    private var binary = URL(fileURLWithPath: "/")

    override func setUpWithError() throws {
        let places = [Bundle.main.bundleURL, Bundle(for: ServerFaultTests.self).bundleURL].flatMap {
            [$0, $0.deletingLastPathComponent()]
        }
        guard
            let found = places.map({ $0.appendingPathComponent("gongkai") }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0.path)
            })
        else { throw XCTSkip("gongkai is not built; run `swift build` first") }
        binary = found
    }

    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// One HTTP exchange; nil when the connection failed.
    private static func request(
        _ url: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]
    ) async -> (status: Int, body: String)? {
        guard let target = URL(string: url) else { return nil }
        var request = URLRequest(url: target, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
            let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// The account `ops` (password `fault-passphrase-1`) in a library folder, made with `gongkai users add`.
    private func addOperator(in folder: URL) throws {
        let add = Process()
        add.executableURL = binary
        add.arguments = ["users", "add", "ops", "--role", "reviewer", "--data", folder.path]
        let input = Pipe()
        add.standardInput = input
        add.standardOutput = FileHandle.nullDevice
        try add.run()
        input.fileHandleForWriting.write(Data("fault-passphrase-1\n".utf8))
        try input.fileHandleForWriting.close()
        add.waitUntilExit()
        XCTAssertEqual(add.terminationStatus, 0)
    }

    func testAFileThatStopsTheServerLeavesItServingAndTheUploadFinishes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-fault-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try addOperator(in: folder)

        let marker = "GONGKAI-POISON-\(UUID().uuidString)"
        let log = folder.appendingPathComponent("server.log")
        let (server, base) = try await serve(
            ["--data", folder.path], supervised: true, environment: ["GONGKAI_FAULT_TRAP_MARKER": marker], log: log)
        defer {
            server.terminate()
            server.waitUntilExit()
        }

        // Three files in one upload; the middle one stops the process whenever it is read.
        let good = try ["000_310871bd08bd093a", "001_c6d2da25662234b0"].map {
            try Data(contentsOf: Self.fixtures.appendingPathComponent("seeds/\($0).txt"))
        }
        let (body, type) = multipart([("a.txt", good[0]), ("poison.txt", Data("\(marker) 年度报告".utf8)), ("b.txt", good[1])])
        let auth = "Basic " + Data("ops:fault-passphrase-1".utf8).base64EncodedString()
        let upload = await Self.request(
            base + "/api/reports", method: "POST", body: body, headers: ["Content-Type": type, "Authorization": auth])
        XCTAssertNil(upload, "the process serving the upload died with it")

        // The supervisor restarts the server; the new one takes up the job, reads the poisoned file
        // alone, dies once more, and the next one fails that file and finishes the rest.
        var job = ""
        for _ in 0..<150 {
            job = await Self.request(base + "/api/jobs/1", headers: ["Authorization": auth])?.body ?? ""
            if job.contains("\"state\":\"done\"") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        XCTAssertTrue(job.contains("\"state\":\"done\""), job)
        XCTAssertTrue(job.contains("\"imported\":2") && job.contains("\"failed\":1"), job)
        XCTAssertTrue(job.contains("两次中止"), job)
        let home = await Self.request(base + "/")
        XCTAssertEqual(home?.status, 200)
        XCTAssertTrue(home?.body.contains("共 2 份报告") ?? false)
        let transcript = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        XCTAssertEqual(transcript.components(separatedBy: "1 秒后重启").count - 1, 2, transcript)
    }

    /// Starts `gongkai serve` with `arguments` on a free port (supervised, or bare), its output in
    /// `log`; returns the process and its address once it answers /healthz.
    private func serve(
        _ arguments: [String], supervised: Bool = false, environment: [String: String] = [:], log: URL? = nil
    ) async throws -> (Process, String) {
        let port = FreePort.next()
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--port", String(port)] + (supervised ? [] : ["--no-supervisor"]) + arguments
        server.environment = ["PATH": "/usr/bin:/bin", "SWIFT_BACKTRACE": "enable=no"].merging(environment) { $1 }
        if let log {
            try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            server.standardOutput = handle
            server.standardError = handle
        } else {
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
        }
        try server.run()
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if await Self.request(base + "/healthz")?.status == 200 { return (server, base) }
            try await Task.sleep(for: .milliseconds(200))
        }
        XCTFail("the server did not come up")
        return (server, base)
    }

    /// A multipart/form-data body of text `fields` and `files` (all named "files"), and its type.
    private func multipart(_ files: [(String, Data)], fields: [(String, String)] = []) -> (Data, String) {
        let boundary = "gongkai-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, content) in files {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    func testTwoServersOnOnePostgreSQLImportTheSameFilesAtOnceAndStoreEachOnce() async throws {
        guard let url = ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES"] else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("scripts/test sets GONGKAI_TEST_POSTGRES in CI") }
            throw XCTSkip("skipped: no PostgreSQL (scripts/test starts one and sets GONGKAI_TEST_POSTGRES)")
        }
        let wipe = try await ReportStore.open(databaseURL: url)
        try await wipe.dropEverything()
        try await wipe.close()
        let setup = try await ReportStore.open(databaseURL: url)
        try await setup.addUser(name: "ops", password: "fault-passphrase-1", role: .reviewer)
        try await setup.close()

        let (first, a) = try await serve(["--database", url])
        let (second, b) = try await serve(["--database", url])
        defer {
            for server in [first, second] {
                server.terminate()
                server.waitUntilExit()
            }
        }
        let files = try [
            "000_310871bd08bd093a", "001_c6d2da25662234b0", "002_09886ce637bf6d9d", "003_e5e51e0cfe3bc0cf",
            "004_7f2f36b97c6d827f",
        ]
        .map { ($0 + ".txt", try Data(contentsOf: Self.fixtures.appendingPathComponent("seeds/\($0).txt"))) }
        let auth = "Basic " + Data("ops:fault-passphrase-1".utf8).base64EncodedString()
        let (body, type) = multipart(files)
        async let one = Self.request(
            a + "/api/reports", method: "POST", body: body, headers: ["Content-Type": type, "Authorization": auth])
        async let two = Self.request(
            b + "/api/reports", method: "POST", body: body, headers: ["Content-Type": type, "Authorization": auth])
        let answers = await [one, two]
        for answer in answers {
            XCTAssertNotNil(answer, "both servers answered")
            XCTAssertTrue([200, 201].contains(answer?.status ?? 0), answer?.body ?? "")
            XCTAssertEqual(answer?.body.components(separatedBy: "\"status\":\"failed\"").count, 1, answer?.body ?? "")
        }
        let imported = answers.map { ($0?.body.components(separatedBy: "\"status\":\"imported\"").count ?? 1) - 1 }
        XCTAssertEqual(imported.reduce(0, +), 5, "each file imported once, by one server or the other: \(imported)")
        for base in [a, b] {
            let list = await Self.request(base + "/api/reports")
            XCTAssertTrue(list?.body.hasPrefix("{\"limit\":1000,\"offset\":0,\"reports\":[") ?? false)
            XCTAssertTrue(list?.body.contains("\"total\":5") ?? false, list?.body ?? "")
        }
    }

    /// A session that shows every response as it came: no redirect followed, no cookie kept.
    private final class Literal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) { completionHandler(nil) }
    }

    private static let literal: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration, delegate: Literal(), delegateQueue: nil)
    }()

    /// One exchange through `literal`: status, headers, body.
    private static func exchange(
        _ url: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, headers: [AnyHashable: Any], body: String) {
        var request = URLRequest(url: try XCTUnwrap(URL(string: url)), timeoutInterval: 60)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await literal.data(for: request)
        let http = try XCTUnwrap(response as? HTTPURLResponse)
        return (http.statusCode, http.allHeaderFields, String(decoding: data, as: UTF8.self))
    }

    /// A child process of `parent`, from /proc.
    private static func child(of parent: Int32) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in entries.compactMap(Int32.init) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // pid (name) state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == parent { return pid }
        }
        return nil
    }

    private static func cookie(_ name: String, in headers: [AnyHashable: Any]) -> String? {
        let all = headers.compactMap { key, value in (key as? String)?.lowercased() == "set-cookie" ? value as? String : nil }
        for line in all.flatMap({ $0.components(separatedBy: ", ") }) where line.hasPrefix(name + "=") {
            return String(line.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    func testKillingTheServerDuringABrowserUploadLosesNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-kill-upload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try addOperator(in: folder)

        let log = folder.appendingPathComponent("server.log")
        let (server, base) = try await serve(["--data", folder.path], supervised: true, log: log)
        defer {
            server.terminate()
            server.waitUntilExit()
        }

        // Sign in as a browser does: the sign-in form's cookie and token, then the session cookie.
        let form = try await Self.exchange(base + "/login")
        let signInToken = try XCTUnwrap(Self.cookie("gongkai_signin", in: form.headers))
        let signedIn = try await Self.exchange(
            base + "/login", method: "POST", body: Data("csrf=\(signInToken)&name=ops&password=fault-passphrase-1".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "gongkai_signin=\(signInToken)"])
        let session = try XCTUnwrap(Self.cookie("gongkai_session", in: signedIn.headers), "signed in")
        let uploadPage = try await Self.exchange(base + "/upload", headers: ["Cookie": "gongkai_session=\(session)"])
        let csrf = try XCTUnwrap(
            uploadPage.body.range(of: "name=\"csrf\" value=\"").map {
                String(uploadPage.body[$0.upperBound...].prefix { $0 != "\"" })
            })

        // Three hundred reports in one upload; the server is killed as soon as it has answered.
        let seed = try String(contentsOf: Self.fixtures.appendingPathComponent("seeds/001_c6d2da25662234b0.txt"), encoding: .utf8)
        let files = (0..<300).map { ("r\($0).txt", Data((seed + String(repeating: "\n", count: $0 + 1)).utf8)) }
        let (body, type) = multipart(files, fields: [("csrf", csrf)])
        let uploaded = try await Self.exchange(
            base + "/upload", method: "POST", body: body, headers: ["Content-Type": type, "Cookie": "gongkai_session=\(session)"])
        XCTAssertEqual(uploaded.status, 303)
        let child = try XCTUnwrap(Self.child(of: server.processIdentifier), "the supervised server")
        kill(child, SIGKILL)

        // The supervisor starts the server again; it takes up the job and finishes it.
        var page = ""
        for _ in 0..<300 {
            page = (try? await Self.exchange(base + "/jobs/1", headers: ["Cookie": "gongkai_session=\(session)"]))?.body ?? ""
            if page.contains("导入结果") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        XCTAssertTrue(page.contains("新导入 <strong class=\"imported\">300</strong>"), page)
        let list = await Self.request(base + "/api/reports?limit=1")
        XCTAssertTrue(list?.body.contains("\"total\":300") ?? false, "every report stored once: \(list?.body ?? "")")
        let transcript = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        XCTAssertTrue(transcript.contains("took up import job 1"), "the job was cut off and taken up again:\n\(transcript)")
    }
}
