import Foundation
import ReportReader

/// A command-line tool Gongkai uses at the edge (pdftotext, pdftoppm, tesseract, libreoffice),
/// looked up on PATH at run time.
public struct ExternalTool: Sendable {
    /// The command name.
    public let name: String
    /// The Debian/Ubuntu packages that provide it.
    public let package: String

    /// A tool and the packages that install it.
    public init(name: String, package: String) {
        self.name = name
        self.package = package
    }

    public static let pdftotext = ExternalTool(name: "pdftotext", package: "poppler-utils")
    public static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")
    public static let tesseract = ExternalTool(name: "tesseract", package: "tesseract-ocr tesseract-ocr-chi-sim")
    public static let libreoffice = ExternalTool(name: "libreoffice", package: "libreoffice-writer-nogui")

    /// The executable's path, or nil when it is not installed.
    public var path: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for dir in paths {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the tool with a time limit; returns standard output. Throws a `ReadError` naming the
    /// package when the tool is missing, and the tool's message when it fails.
    public func run(_ arguments: [String], origin: String, timeout: TimeInterval = 120) throws -> Data {
        guard let path else {
            throw ReadError(origin: origin, problem: .missingTool(name: name, install: "apt-get install \(package)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw ReadError(origin: origin, problem: .toolFailed(name: name, message: "no answer after \(Int(timeout)) s"))
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let message = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw ReadError(
                origin: origin,
                problem: .toolFailed(name: name, message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return (try? Data(contentsOf: out)) ?? Data()
    }
}
