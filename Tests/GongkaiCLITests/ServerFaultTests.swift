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

    func testAFileThatStopsTheServerLeavesItServingAndTheUploadFinishes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-fault-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
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

        let marker = "GONGKAI-POISON-\(UUID().uuidString)"
        let port = 20_000 + Int.random(in: 0..<20_000)
        let base = "http://127.0.0.1:\(port)"
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--data", folder.path, "--port", String(port)]
        server.environment = [
            "GONGKAI_FAULT_TRAP_MARKER": marker, "SWIFT_BACKTRACE": "enable=no", "PATH": "/usr/bin:/bin",
        ]
        let log = folder.appendingPathComponent("server.log")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        server.standardOutput = logHandle
        server.standardError = logHandle
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        func healthy() async -> Bool { await Self.request(base + "/healthz")?.status == 200 }
        for _ in 0..<100 where !(await healthy()) { try await Task.sleep(for: .milliseconds(200)) }
        let up = await healthy()
        XCTAssertTrue(up, "the server came up")

        // Three files in one upload; the middle one stops the process whenever it is read.
        let good = try ["000_310871bd08bd093a", "001_c6d2da25662234b0"].map {
            try Data(contentsOf: Self.fixtures.appendingPathComponent("seeds/\($0).txt"))
        }
        let boundary = "gongkai-\(UUID().uuidString)"
        var body = Data()
        for (name, content) in [("a.txt", good[0]), ("poison.txt", Data("\(marker) 年度报告".utf8)), ("b.txt", good[1])] {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        let auth = "Basic " + Data("ops:fault-passphrase-1".utf8).base64EncodedString()
        let upload = await Self.request(
            base + "/api/reports", method: "POST", body: body,
            headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Authorization": auth])
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
        try logHandle.close()
        let transcript = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        XCTAssertEqual(transcript.components(separatedBy: "1 秒后重启").count - 1, 2, transcript)
    }

    /// Starts `gongkai serve` with `arguments` on a free port; returns the process and its address.
    private func serve(_ arguments: [String]) async throws -> (Process, String) {
        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--port", String(port), "--no-supervisor"] + arguments
        server.environment = ["PATH": "/usr/bin:/bin"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if await Self.request(base + "/healthz")?.status == 200 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        return (server, base)
    }

    private func multipart(_ files: [(String, Data)]) -> (Data, String) {
        let boundary = "gongkai-\(UUID().uuidString)"
        var body = Data()
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
}
