import ArgumentParser
import Foundation
import Store

struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Load the agency register (region tree and agencies) from a CSV file, or list it.",
        discussion: """
            The CSV (UTF-8) has a header line, then one agency a line: 省,市,县,乡镇,机关,类型 — the
            region columns from the top down (lower ones may be empty) and 政府 or 部门. Lines already in
            the register stay as they are; a bad line stops the load and nothing is changed. Reports
            already imported are linked to the agencies whose names they carry; the others wait for the
            name review in the web service (/review/names).

            Examples:
              gongkai register Tests/Fixtures/register.csv
              gongkai register --list --data /srv/gongkai
            """
    )

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print the register instead of loading.")
    var list = false

    @Argument(help: "The register CSV file.")
    var file: String?

    func run() async throws {
        guard list || file != nil else { throw ValidationError("give the register CSV file, or --list") }
        let store = try await library.open()
        if list {
            let regions = Dictionary(uniqueKeysWithValues: try await store.allRegions().map { ($0.id, $0) })
            for agency in try await store.agencies(under: nil) {
                let path = (regions[agency.regionID]?.lineage ?? []).compactMap { regions[$0]?.name }
                print("\(agency.id)\t\(path.joined(separator: "/"))\t\(agency.name)\t\(agency.kind.label)")
            }
            return try await store.close()
        }
        guard let file else { return }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        do {
            let added = try await store.loadRegister(csv: text)
            try await store.log(
                user: "cli", action: "load-register", target: file, detail: "\(added.regions) regions, \(added.agencies) agencies"
            )
            let unmatched = try await store.unmatchedNames().count
            try await store.close()
            Inputs.printStatus("名录新增 \(added.regions) 个地区、\(added.agencies) 个机关；待审核的机关名称 \(unmatched) 个（资料库 \(library.name)）")
        } catch let error as RegisterError {
            try await store.close()
            throw ValidationError("\(file): \(error.description)")
        }
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a reviewer, admin or agency-officer account for the web service, or list the accounts.",
        discussion: """
            The password is read from standard input (one line), so that it is not left in the shell's
            history; it is kept only as a PBKDF2-SHA256 hash.

            Examples:
              echo 's3cret-passphrase' | gongkai users add 张三 --role admin
              echo 'an0ther-passphrase' | gongkai users add 李四 --role officer --agency 某市统计局
              gongkai users list
            """
    )

    @OptionGroup var library: LibraryOptions

    @Argument(help: "add or list.")
    var action: String

    @Argument(help: "The user name (for add).")
    var name: String?

    @Option(help: "admin, reviewer, or officer (an agency's disclosure officer: its requests only).")
    var role: String = "reviewer"

    @Option(help: "For an officer: the agency whose requests it handles.")
    var agency: String?

    @Option(help: "For an officer: where its daily digest of due-soon and overdue requests goes.")
    var email: String?

    func run() async throws {
        let store = try await library.open()
        switch action {
        case "list":
            for user in try await store.users() {
                print("\(user.name)\t\(user.role.label)" + (user.agency.map { "\t\($0)" } ?? ""))
            }
        case "add":
            guard let name else { throw ValidationError("give the user name: gongkai users add NAME") }
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be admin, reviewer or officer") }
            guard let password = readLine(strippingNewline: true) else {
                throw ValidationError("give the password on standard input")
            }
            do {
                try await store.addUser(name: name, password: password, role: role, agency: agency, email: email, by: "cli")
            } catch let error as AccountError {
                try await store.close()
                throw ValidationError(error.description)
            }
            Inputs.printStatus("已创建 \(name)（\(role.label)）")
        default:
            throw ValidationError("the action is add or list")
        }
        try await store.close()
    }
}
