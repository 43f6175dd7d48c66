import ArgumentParser
import Foundation
import Store
import WebApp

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the report library: pages and a JSON API (embedded SQLite by default).",
        discussion: """
            Examples:
              gongkai serve                                    http://127.0.0.1:8080, library in ./gongkai-data
              gongkai import --data lib reports/ && gongkai serve --data lib --port 9000
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    func run() async throws {
        let store = try await library.open()
        Inputs.printStatus("Gongkai 报告库：http://\(host):\(port)/ （资料库 \(library.name)）")
        try await WebApp.serve(store: store, host: host, port: port)
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the shipped sample reports into a library and serve it: the whole system in one step.",
        discussion: """
            Imports Tests/Fixtures/seeds and Tests/Fixtures/samples (and ../shared/samples/real when it is
            there) into ./gongkai-demo (embedded SQLite), then serves http://127.0.0.1:8080/.

            Example:
              swift run gongkai demo
            """
    )

    @Option(help: "The demo library's folder.")
    var data = "gongkai-demo"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Argument(help: "Folders or files to import (default: the shipped samples).")
    var samples: [String] = ["Tests/Fixtures/seeds", "Tests/Fixtures/samples", "../shared/samples/real"]

    func run() async throws {
        let store = try await ReportStore.open(dataDirectory: data)
        let present = samples.filter { FileManager.default.fileExists(atPath: $0) }
        var imported = 0
        for file in Batch.expand(present) {
            if case .imported = try await store.importFile(bytes: try Inputs.bytes(of: file.path), name: file.relative) {
                imported += 1
            }
        }
        let count = try await store.reports().count
        Inputs.printStatus("导入 \(imported) 份新报告，资料库共 \(count) 份（\(data)）。打开 http://127.0.0.1:\(port)/")
        try await WebApp.serve(store: store, host: "127.0.0.1", port: port)
    }
}
