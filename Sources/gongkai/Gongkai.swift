import ArgumentParser
import Store

@main
struct Gongkai: AsyncParsableCommand {
    /// The release, as the CHANGELOG names it.
    static let version = "0.4.0"

    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "Read and check China's government information disclosure annual reports (政府信息公开工作年度报告).",
        discussion: """
            Examples:
              gongkai parse report.pdf --json          a report as canonical JSON
              gongkai check 2021.txt 2022.txt          findings, across years too
              cat report.txt | gongkai check -         read standard input
              gongkai init --year 2025 --agency 某市统计局 > report.yaml
              gongkai render report.yaml --to pdf      checked, then written
              gongkai import reports/                  a library in ./gongkai-data
              gongkai register agencies.csv            the region tree and agencies
              gongkai serve                            the library in a browser
              gongkai deadline --received 2025-09-26 --channel in-person
                                                       a request's due date, day by day
            """,
        version: "gongkai \(Gongkai.version) (reader \(readerVersion))",
        subcommands: [
            Parse.self, CheckCommand.self, Init.self, Render.self, Import.self, Reparse.self, Reports.self, RegisterCommand.self,
            Users.self, DeadlineCommand.self, CalendarCommand.self, CasesCommand.self,
            Serve.self, Demo.self,
        ]
    )
}
