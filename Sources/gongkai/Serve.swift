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

    @Option(help: "The largest upload accepted, in MB (1–4096).")
    var maxUploadMb = 200

    @Flag(help: "Behind an HTTPS reverse proxy: Secure cookies, and the client address from X-Forwarded-For.")
    var behindProxy = false

    @Option(help: "Open connections one client address may hold.")
    var connectionsPerAddress = 64

    @Option(
        help:
            "Send mail (notices to applicants, officers' digests) through smtp://[user:password@]host[:port]; without it mail waits in the outbox."
    )
    var smtp: String?

    @Option(help: "The sender address of the mail.")
    var mailFrom = "gongkai@localhost"

    @Option(help: "The site's public address, for the links in mail.")
    var publicUrl: String?

    func validate() throws {
        if let smtp, MailConfiguration(url: smtp, from: mailFrom, publicURL: "") == nil {
            throw ValidationError("--smtp must be smtp://[user:password@]host[:port] and --mail-from an address")
        }
        guard (1...4096).contains(maxUploadMb) else { throw ValidationError("--max-upload-mb must be 1–4096") }
        guard (1...65_536).contains(port) else { throw ValidationError("--port must be 1–65536") }
        guard connectionsPerAddress >= 1 else { throw ValidationError("--connections-per-address must be at least 1") }
    }

    @Flag(help: "Serve in this process, without a supervisor that restarts the server if it dies.")
    var noSupervisor = false

    @Flag(name: .customLong("supervised-child"), help: .hidden)
    var supervisedChild = false

    func run() async throws {
        if !noSupervisor, !supervisedChild {
            let code = try await Supervisor.run(arguments: Array(CommandLine.arguments.dropFirst()))
            if code != 0 { throw ExitCode(code) }
            return
        }
        if supervisedChild { Supervisor.startChild() }
        let store = try await library.open()
        Inputs.printStatus("Gongkai 报告库：http://\(host):\(port)/ （资料库 \(library.name)）")
        do {
            var configuration = WebApp.Configuration(
                maxUploadBytes: maxUploadMb << 20, behindProxy: behindProxy, connectionsPerAddress: connectionsPerAddress)
            configuration.mail = smtp.flatMap {
                MailConfiguration(url: $0, from: mailFrom, publicURL: publicUrl ?? "http://\(host):\(port)")
            }
            try await WebApp.serve(store: store, host: host, port: port, configuration: configuration)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the shipped sample reports into a library and serve it: the whole system in one step.",
        discussion: """
            Loads the agency register Tests/Fixtures/register.csv, imports Tests/Fixtures/seeds and
            Tests/Fixtures/samples (and ../shared/samples/real when it is there) into ./gongkai-demo
            (embedded SQLite), creates an admin account `demo` with a random password (printed) the first
            time, then serves http://127.0.0.1:8080/.

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

    @Option(help: "The agency register to load first.")
    var register = "Tests/Fixtures/register.csv"

    func run() async throws {
        let store = try await ReportStore.open(dataDirectory: data)
        if FileManager.default.fileExists(atPath: register) {
            _ = try await store.loadRegister(csv: try String(contentsOfFile: register, encoding: .utf8))
        }
        var account = ""
        if try await store.users().isEmpty {
            let password = RandomToken.hex(9)
            try await store.addUser(name: "demo", password: password, role: .admin, by: "demo")
            account = "\n审核员登录：用户名 demo，密码 \(password)（只显示这一次）"
        }
        let present = samples.filter { FileManager.default.fileExists(atPath: $0) }
        var imported = 0
        let files = try Batch.expand(present).map { (bytes: try Inputs.bytes(of: $0.path), name: $0.relative) }
        for result in try await store.importUploads(files) {
            if case .imported = result.outcome { imported += 1 }
        }
        let count = try await store.countReports()
        Inputs.printStatus(
            "导入 \(imported) 份新报告，资料库共 \(count) 份（\(data)）。打开 http://127.0.0.1:\(port)/ 或地区汇总 http://127.0.0.1:\(port)/regions/0；公众申请 http://127.0.0.1:\(port)/apply，办理台账 http://127.0.0.1:\(port)/cases\(account)"
        )
        do {
            try await WebApp.serve(store: store, host: "127.0.0.1", port: port)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
