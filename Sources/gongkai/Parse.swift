import AnnualReport
import ArgumentParser
import Foundation
import ReportSources
import ReportWriter

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read annual reports into the statutory tables.",
        discussion: """
            Reads text, Markdown, HTML pages, Word (.docx; .doc through LibreOffice), PDF (through
            pdftotext) and scans (through tesseract), recognised by content. Cells the source does not
            determine are null and listed under "uncertain" with their candidates; blank cells are null.
            Folders are read recursively.

            Examples:
              gongkai parse Tests/Fixtures/seeds/001_c6d2da25662234b0.txt
              gongkai parse report.pdf --json > report.json
              gongkai parse reports/ --out parsed/        one JSON file per report, and a summary
            """
    )

    @Argument(help: "Report files or folders; '-' reads standard input.")
    var inputs: [String]

    @Flag(help: "Print canonical JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("no-text"), help: "Leave the sections' text out of the JSON.")
    var noText = false

    @Option(help: "Write one JSON file per report into this folder (mirroring the input folders).")
    var out: String?

    func run() async throws {
        ExternalTool.stopOnInterrupt()
        let items = await Batch.read(inputs, progress: true)
        let style = TerminalStyle(color: Inputs.colorOutput)
        var outputs: [JSONValue] = []
        for item in items {
            switch item.result {
            case .success(let report):
                let value = ReportJSON.value(of: report, includeText: !noText)
                if let out {
                    try Batch.write(value.serialized(), out: out, relativePath: item.relativePath, suffix: ".json")
                } else if json {
                    outputs.append(value)
                } else {
                    print(TerminalReport.render(report, style: style))
                }
            case .failure(let error):
                if items.count == 1 || out == nil { Inputs.printError(error.description) }
            }
        }
        if json && out == nil {
            if items.count == 1, let only = outputs.first {
                print(only.serialized())
            } else if !outputs.isEmpty || items.count > 1 {
                print(JSONValue.array(outputs).serialized())
            }
        }
        if items.count > 1 || out != nil { Inputs.printStatus(Batch.summary(items)) }
        if items.contains(where: { if case .failure = $0.result { true } else { false } }) { throw ExitCode(2) }
    }
}
