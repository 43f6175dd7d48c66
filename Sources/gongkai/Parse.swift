import AnnualReport
import ArgumentParser
import ReportReader
import ReportSources
import ReportWriter

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read annual reports into the statutory tables.",
        discussion: """
            Reads plain text or Markdown (UTF-8, UTF-16 or GB18030, detected). Cells the text does not
            determine are null and listed under "uncertain" with their candidates; blank cells are null.

            Examples:
              gongkai parse Tests/Fixtures/seeds/001_c6d2da25662234b0.txt
              gongkai parse report.txt --json > report.json
              gongkai parse a.txt b.txt --json --no-text     a JSON array, without the sections' text
            """
    )

    @Argument(help: "Report files to read; '-' reads standard input.")
    var files: [String]

    @Flag(help: "Print canonical JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("no-text"), help: "Leave the sections' text out of the JSON.")
    var noText = false

    func run() throws {
        var outputs: [JSONValue] = []
        var failed = false
        let style = TerminalStyle(color: Inputs.colorOutput)
        for file in files {
            do {
                let report = try ReportSources.read(bytes: Inputs.bytes(of: file), origin: file)
                if json {
                    outputs.append(ReportJSON.value(of: report, includeText: !noText))
                } else {
                    print(TerminalReport.render(report, style: style))
                }
            } catch let error as ReadError {
                Inputs.printError(error.description)
                failed = true
            }
        }
        if json {
            if outputs.count == 1, files.count == 1, let only = outputs.first {
                print(only.serialized())
            } else if !outputs.isEmpty {
                print(JSONValue.array(outputs).serialized())
            }
        }
        if failed { throw ExitCode(2) }
    }
}
