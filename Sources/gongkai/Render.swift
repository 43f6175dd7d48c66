import AnnualReport
import ArgumentParser
import Foundation
import ReportChecks
import ReportReader
import ReportSources
import ReportWriter

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case html, docx, pdf, md, xlsx, csv
}

struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the statutory report (HTML, Word, PDF, Markdown, Excel, CSV) from a data file.",
        discussion: """
            Reads the report data as JSON (what `gongkai parse --json` prints) or YAML (what `gongkai init`
            writes); a published report in any format Gongkai reads works too. Totals left out are
            computed. Every single-report check runs first: with an error the report is not written,
            unless --force, and then the document carries a visible draft mark.

            Examples:
              gongkai init --year 2025 --agency 某市统计局 > report.yaml
              gongkai init --year 2025 --agency 某市统计局 --from-cases > report.yaml   table 三 from the cases
              gongkai render report.yaml --to pdf                      writes report.pdf
              gongkai render report.yaml --to docx -o 年度报告.docx
              gongkai render report.json --to csv -o -                CSV on standard output
            """
    )

    @Argument(help: "The report data (.json, .yaml) or a published report; '-' reads standard input.")
    var input: String

    @Option(help: "What to write: html, docx, pdf, md, xlsx or csv.")
    var to: OutputFormat

    @Option(
        name: [.short, .customLong("output")],
        help: "Where to write; '-' is standard output. Default: the input's name with the new extension.")
    var output: String?

    @Flag(help: "Write even when a check finds an error; the document is marked as a draft.")
    var force = false

    func run() async throws {
        ExternalTool.stopOnInterrupt()
        let bytes: [UInt8]
        let report: Report
        do {
            bytes = try Inputs.bytes(of: input)
            report = try await Inputs.report(bytes: bytes, origin: input)
        } catch let error as ReadError {
            Inputs.printError(error.description)
            throw ExitCode(2)
        } catch let error as InputError {
            Inputs.printError(error.description)
            throw ExitCode(2)
        }
        let errors = CheckCatalogue.check(report).filter { $0.severity == .error }
        if !errors.isEmpty {
            let style = TerminalStyle(color: Inputs.colorOutput)
            FileHandle.standardError.write(Data(FindingsReport.render(report, findings: errors, style: style).utf8))
            guard force else {
                Inputs.printError(
                    "not written: the report has \(errors.count) error(s); correct them, or use --force for a draft")
                throw ExitCode(1)
            }
        }
        let document = ReportDocument(report, draft: !errors.isEmpty)
        let data: [UInt8]
        switch to {
        case .html: data = Array(HTMLWriter.render(document).utf8)
        case .md: data = Array(MarkdownWriter.render(document).utf8)
        case .csv: data = CSVWriter.render(document)
        case .xlsx: data = try XLSXWriter.render(document)
        case .docx: data = try WordWriter.render(document)
        case .pdf:
            do {
                data = try await PDFPrinter.pdf(
                    html: HTMLWriter.render(document), docx: { try WordWriter.render(document) }, origin: input)
            } catch let error as ReadError {
                Inputs.printError(error.description)
                throw ExitCode(2)
            }
        }
        let destination = output ?? defaultOutput
        if destination == "-" {
            FileHandle.standardOutput.write(Data(data))
        } else {
            try Data(data).write(to: URL(fileURLWithPath: destination), options: .atomic)
            Inputs.printStatus("wrote \(destination)\(document.draft ? "（草稿）" : "")")
        }
    }

    private var defaultOutput: String {
        let url = URL(fileURLWithPath: input == "-" ? "report" : input)
        return url.deletingPathExtension().appendingPathExtension(to.rawValue).path
    }
}

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a blank, commented data file of the right format for a year.",
        discussion: """
            Examples:
              gongkai init --year 2025 --agency 某市统计局 > report.yaml
              gongkai init --year 2025 --agency 某市统计局 --from-cases > report.yaml   table 三 from the cases
              gongkai render report.yaml --to pdf
            """
    )

    @Option(help: "The year the report covers (2019–2020 use the 2019 format, later years the 2021 format).")
    var year: Int

    @Option(help: "The reporting body, e.g. 某市统计局.")
    var agency: String

    @Flag(help: "Fill table 三 (and the fees of section 六) from the agency's cases in the library.")
    var fromCases = false

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard (2019...2100).contains(year) else {
            throw ValidationError("--year must be 2019–2100 (the Regulation's formats begin with 2019)")
        }
    }

    func run() async throws {
        guard fromCases else { return print(TemplateWriter.yaml(year: year, agency: agency), terminator: "") }
        let (table, fees) = try await CasesCommand.withStore(library) { store in
            (try await store.requestsTable(agency: agency, year: year), try await store.feesCollected(agency: agency, year: year))
        }
        var filled: [String: (value: CellNumber, source: String)] = [:]
        for (index, definition) in table.report.format.cells.enumerated() where definition.table == .requests {
            if let value = table.report.cells[index].value {
                filled[definition.key] = (value, "按办件统计")
            }
        }
        print(TemplateWriter.yaml(year: year, agency: agency, filled: filled, feesYuan: fees), terminator: "")
    }
}
