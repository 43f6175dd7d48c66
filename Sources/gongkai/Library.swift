import ArgumentParser
import Foundation
import ReportReader
import ReportSources
import Store

/// Where the report library lives.
struct LibraryOptions: ParsableArguments {
    @Option(help: "The library's folder: an embedded SQLite database, nothing to install.")
    var data: String = "gongkai-data"

    @Option(help: "A PostgreSQL database instead (postgres://user:password@host/db?sslmode=disable); default: $DATABASE_URL.")
    var database: String?

    /// Opens the library: PostgreSQL when a URL is given, else SQLite in the folder.
    func open() async throws -> ReportStore {
        try await ReportStore.open(database: database ?? ProcessInfo.processInfo.environment["DATABASE_URL"], dataDirectory: data)
    }

    /// Whether there is a library to open without creating one.
    var exists: Bool {
        database != nil || ProcessInfo.processInfo.environment["DATABASE_URL"] != nil
            || FileManager.default.fileExists(atPath: URL(fileURLWithPath: data).appendingPathComponent("gongkai.sqlite").path)
    }

    /// The library for messages: the folder, or the database URL without its password.
    var name: String {
        database.map(DatabaseURL.redacted) ?? ProcessInfo.processInfo.environment["DATABASE_URL"].map { _ in "DATABASE_URL" }
            ?? data
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import reports — files and folders, any format Gongkai reads — into the library.",
        discussion: """
            A ZIP file is unpacked and every report in it imported. Each report is stored with its original file (content-addressed: the same file twice is one
            report), its parsed cells with where they were read, its findings and the reader version.
            One bad file never stops the rest; a report is stored whole or not at all.

            Examples:
              gongkai import reports/                        into ./gongkai-data/gongkai.sqlite
              gongkai import --data /srv/gongkai 2024/*.pdf
            """
    )

    @OptionGroup var library: LibraryOptions

    @Argument(help: "Report files or folders.")
    var inputs: [String]

    func run() async throws {
        ExternalTool.stopOnInterrupt()
        let store = try await library.open()
        let files = Batch.expand(inputs)
        var imported = 0, duplicates = 0, failed: [String] = []
        let bar = files.count > 1 && isatty(STDERR_FILENO) == 1
        for start in stride(from: 0, to: files.count, by: ReportStore.importBatch) {
            let chunk = files[start..<min(files.count, start + ReportStore.importBatch)]
            if bar, let file = chunk.first {
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(start)/\(files.count) \(file.relative)".utf8))
            }
            var readable: [(bytes: [UInt8], name: String)] = []
            for file in chunk {
                do {
                    readable.append((try Inputs.bytes(of: file.path), file.relative))
                } catch let error as ReadError {
                    failed.append(error.description)
                }
            }
            for result in try await store.importUploads(readable) {
                switch result.outcome {
                case .imported: imported += 1
                case .duplicate: duplicates += 1
                case .failed(let error): failed.append(error.description)
                }
            }
        }
        if bar { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        try await store.close()
        var summary =
            "\(imported + duplicates + failed.count) 份文件：新导入 \(imported)，已存在 \(duplicates)，未能读取 \(failed.count)（资料库 \(library.name)）"
        for f in failed.prefix(20) { summary += "\n  " + f }
        Inputs.printStatus(summary)
        if !failed.isEmpty { throw ExitCode(2) }
    }
}

struct Reparse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-read every stored original with this version of the reader.",
        discussion: """
            Example:
              gongkai reparse --data gongkai-data
            """
    )

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Only reports read by an older reader version.")
    var onlyOlder = false

    func run() async throws {
        ExternalTool.stopOnInterrupt()
        let store = try await library.open()
        let (reread, failed) = try await store.reparse(onlyOlder: onlyOlder)
        try await store.close()
        Inputs.printStatus("重新读取 \(reread) 份报告，\(failed) 份未能读取（保留原数据）")
    }
}

struct Reports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the reports in the library.",
        discussion: """
            Examples:
              gongkai reports --year 2024 --errors
              gongkai reports --agency 淮安市人民政府 --json
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: "Only this year.")
    var year: Int?

    @Option(help: "Only this agency.")
    var agency: String?

    @Flag(help: "Only reports with errors.")
    var errors = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try await library.open()
        let list = try await store.reports(ReportFilter(year: year, agency: agency, withErrors: errors))
        try await store.close()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(list), as: UTF8.self))
            return
        }
        for r in list {
            print(
                "\(r.id)\t\(r.year.map(String.init) ?? "—")\t\(r.agency ?? "（机关不详）")\t错误 \(r.errors) 警告 \(r.warnings) 未定 \(r.uncertain)\t\(r.name)"
            )
        }
    }
}
