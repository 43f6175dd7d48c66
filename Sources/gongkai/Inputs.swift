import AnnualReport
import Foundation
import ReportReader
import ReportSources
import ReportWriter

/// Reads the files named on the command line (`-` is standard input).
enum Inputs {
    static func bytes(of path: String) throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(origin: path, problem: .unreadable("no such file"))
        }
        if isDirectory.boolValue {
            throw ReadError(origin: path, problem: .unreadable("it is a directory; name the files in it"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(origin: path, problem: .unreadable("permission denied or not a regular file"))
        }
        return [UInt8](data)
    }

    /// Whether a file is a data file (`gongkai init`'s YAML, or the canonical JSON) rather than a
    /// published report.
    static func isDataFile(_ bytes: [UInt8], origin: String) -> Bool {
        let lower = origin.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
            || bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
    }

    /// The report in a file: a data file through `ReportInput`, anything else through the reader.
    static func report(bytes: [UInt8], origin: String) async throws -> Report {
        isDataFile(bytes, origin: origin)
            ? try ReportInput.read(bytes: bytes, origin: origin) : try await ReportSources.read(bytes: bytes, origin: origin)
    }

    /// A text file (UTF-8), for calendars and case files.
    static func text(of path: String) throws -> String {
        guard let text = String(validating: try bytes(of: path), as: UTF8.self) else {
            throw ReadError(origin: path, problem: .unreadable("not UTF-8 text"))
        }
        return text
    }

    static var colorOutput: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }

    /// A status line on standard error (summaries), without the error prefix.
    static func printStatus(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("gongkai: " + message + "\n").utf8))
    }
}
