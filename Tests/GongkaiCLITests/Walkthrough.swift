import Foundation

/// A browser walkthrough: serves a library with the built `gongkai`, runs a Playwright script of
/// Tests/Browser against it, and returns the script's exit status and transcript.
enum Walkthrough {
    static let browserScripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Browser")

    /// Runs `script` with `python`, its arguments after the server's base URL.
    static func run(
        gongkai binary: URL, library folder: String, python: String, script: String, arguments: [String]
    ) throws -> (status: Int32, transcript: String) {
        let port = FreePort.next()
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--data", folder, "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        Thread.sleep(forTimeInterval: 1.5)

        let walk = Process()
        walk.executableURL = URL(fileURLWithPath: python)
        walk.arguments = [browserScripts.appendingPathComponent(script).path, "http://127.0.0.1:\(port)"] + arguments
        let out = Pipe()
        walk.standardOutput = out
        walk.standardError = out
        try walk.run()
        let transcript = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        walk.waitUntilExit()
        return (walk.terminationStatus, transcript)
    }

    /// Where screenshots go: $GONGKAI_ARTIFACTS, or the temporary folder.
    static var artifacts: String { ProcessInfo.processInfo.environment["GONGKAI_ARTIFACTS"] ?? NSTemporaryDirectory() }
}
