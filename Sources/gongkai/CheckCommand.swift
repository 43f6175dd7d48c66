import AnnualReport
import ArgumentParser
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check annual reports against the statutory identities and rules.",
        discussion: """
            Runs every check of the catalogue: structure, arithmetic (勾稽关系), text against tables,
            the fee statement, late publication — and, for reports of the same agency given together,
            continuity across years.

            Exit status: 0 no errors, 1 errors found, 2 an input could not be read.

            Examples:
              gongkai check report.txt
              gongkai check 2019.txt 2020.txt --json
              gongkai check report.txt --severity warning     hide notices
            """
    )

    @Argument(help: "Report files to check; '-' reads standard input.")
    var files: [String]

    @Flag(help: "Print findings as JSON.")
    var json = false

    @Option(help: "Show findings of this severity or worse: error, warning or notice.")
    var severity: Severity = .notice

    func run() throws {
        var reports: [Report] = []
        var unreadable = false
        for file in files {
            do {
                reports.append(try ReportSources.read(bytes: Inputs.bytes(of: file), origin: file))
            } catch let error as ReadError {
                Inputs.printError(error.description)
                unreadable = true
            }
        }
        let findings = CheckCatalogue.check(reports).map { $0.filter { $0.severity <= severity } }
        if json {
            let items: [JSONValue] = zip(reports, findings).map { report, list in
                .object([
                    ("source", .string(report.origin)),
                    ("agency", report.agency.map(JSONValue.string) ?? .null),
                    ("year", report.year.map { .number(String($0)) } ?? .null),
                    ("format", .string(report.format.version.rawValue)),
                    ("findings", FindingsReport.json(list)),
                ])
            }
            print(JSONValue.array(items).serialized())
        } else {
            let style = TerminalStyle(color: Inputs.colorOutput)
            print(zip(reports, findings).map { FindingsReport.render($0, findings: $1, style: style) }.joined(separator: "\n"))
        }
        if unreadable { throw ExitCode(2) }
        if findings.joined().contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

extension Severity: ExpressibleByArgument {}
