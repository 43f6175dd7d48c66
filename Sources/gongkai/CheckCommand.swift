import AnnualReport
import ArgumentParser
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter

struct CheckCommand: AsyncParsableCommand {
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
              gongkai check reports/ --out findings/         a folder of reports, one findings file each
            """
    )

    @Argument(help: "Report files or folders to check; '-' reads standard input.")
    var inputs: [String]

    @Flag(help: "Print findings as JSON.")
    var json = false

    @Option(help: "Show findings of this severity or worse: error, warning or notice.")
    var severity: Severity = .notice

    @Option(help: "Write one findings JSON file per report into this folder (mirroring the input folders).")
    var out: String?

    func run() async throws {
        ExternalTool.stopOnInterrupt()
        let items = await Batch.read(inputs, progress: true)
        var reports: [Report] = []
        var relative: [String] = []
        for item in items {
            switch item.result {
            case .success(let report):
                reports.append(report)
                relative.append(item.relativePath)
            case .failure(let error):
                if out == nil || items.count == 1 { Inputs.printError(error.description) }
            }
        }
        let findings = CheckCatalogue.check(reports).map { $0.filter { $0.severity <= severity } }
        let perReport: [JSONValue] = zip(reports, findings).map { report, list in
            .object([
                ("source", .string(report.origin)),
                ("agency", report.agency.map(JSONValue.string) ?? .null),
                ("year", report.year.map { .number(String($0)) } ?? .null),
                ("format", .string(report.format.version.rawValue)),
                ("findings", FindingsReport.json(list)),
            ])
        }
        if let out {
            for (value, path) in zip(perReport, relative) {
                try Batch.write(value.serialized(), out: out, relativePath: path, suffix: ".findings.json")
            }
        } else if json {
            print(JSONValue.array(perReport).serialized())
        } else {
            let style = TerminalStyle(color: Inputs.colorOutput)
            print(zip(reports, findings).map { FindingsReport.render($0, findings: $1, style: style) }.joined(separator: "\n"))
        }
        if items.count > 1 || out != nil { Inputs.printStatus(Batch.summary(items)) }
        if reports.count < items.count { throw ExitCode(2) }
        if findings.joined().contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

extension Severity: ExpressibleByArgument {}
