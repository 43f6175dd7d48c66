import AnnualReport
import ReportChecks

/// The report as canonical JSON: the data contract of `gongkai parse --json`.
public enum ReportJSON {
    /// The canonical JSON of a report: `format`, `year`, `agency`, `published`, `title`, the three
    /// tables nested by key (numbers or null), `uncertain` with candidates, cell `sources`, and the
    /// sections' text.
    public static func value(of report: Report, includeText: Bool = true) -> JSONValue {
        var builder = JSONTreeBuilder()
        write(report, includeText: includeText, to: &builder)
        return builder.value
    }

    /// The canonical JSON as text, written straight to bytes.
    public static func serialized(_ report: Report, pretty: Bool = true, includeText: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty, capacity: 16_384)
        write(report, includeText: includeText, to: &writer)
        return writer.text
    }

    /// Writes the canonical JSON of `report` to `sink`.
    public static func write<Sink: JSONSink>(_ report: Report, includeText: Bool = true, to sink: inout Sink) {
        sink.beginObject()
        sink.key("source")
        sink.string(report.origin)
        sink.key("format")
        sink.string(report.format.version.rawValue)
        if report.format.variant != .standard {
            sink.key("variant")
            sink.string(report.format.variant.rawValue)
        }
        sink.key("year")
        if let year = report.year { sink.number(CellNumber(Int64(year))) } else { sink.null() }
        sink.key("agency")
        optional(report.agency, to: &sink)
        sink.key("published")
        optional(report.published?.description, to: &sink)
        sink.key("title")
        optional(report.title, to: &sink)
        writeTables(report, to: &sink)

        sink.key("uncertain")
        sink.beginObject()
        for (i, cell) in report.cells.enumerated() where cell.status == .uncertain {
            sink.key(report.format.cells[i].key)
            sink.beginObject()
            sink.key("candidates")
            sink.beginArray()
            for candidate in cell.candidates { sink.number(candidate) }
            sink.endArray()
            sink.key("why")
            sink.string(cell.reasoning ?? "")
            sink.endObject()
        }
        sink.endObject()
        sink.key("missing")
        sink.beginArray()
        for (i, cell) in report.cells.enumerated() where cell.status == .missing { sink.string(report.format.cells[i].key) }
        sink.endArray()
        members("reasoning", of: report, to: &sink) { $0.status == .uncertain ? nil : $0.reasoning }
        members("written", of: report, to: &sink) { $0.written }
        sink.key("sources")
        sink.beginObject()
        for (i, cell) in report.cells.enumerated() {
            guard let source = cell.source else { continue }
            sink.key(report.format.cells[i].key)
            sink.string(source)
        }
        sink.endObject()
        sink.key("notes")
        sink.beginArray()
        for note in report.readerNotes { sink.string(note) }
        sink.endArray()
        if includeText {
            sink.key("sections")
            sink.beginObject()
            for id in SectionID.allCases {
                guard let section = report.sections[id] else { continue }
                sink.key(id.rawValue)
                sink.string(section.text)
            }
            sink.endObject()
        }
        sink.endObject()
    }

    private static func optional<Sink: JSONSink>(_ text: String?, to sink: inout Sink) {
        if let text { sink.string(text) } else { sink.null() }
    }

    /// An object of the cells that have `text`, by key.
    private static func members<Sink: JSONSink>(
        _ name: String, of report: Report, to sink: inout Sink, _ text: (Cell) -> String?
    ) {
        sink.key(name)
        sink.beginObject()
        for (i, cell) in report.cells.enumerated() {
            guard let value = text(cell) else { continue }
            sink.key(report.format.cells[i].key)
            sink.string(value)
        }
        sink.endObject()
    }

    /// The three tables, each an object nested by the parts of its cells' keys
    /// (`requests.withheld.state_secret.natural_person`), in the layout's order.
    private static func writeTables<Sink: JSONSink>(_ report: Report, to sink: inout Sink) {
        let paths = keyPaths(report.format)
        for table in TableID.allCases {
            sink.key(table.rawValue)
            sink.beginObject()
            var open: [String] = []
            for (i, cell) in report.format.cells.enumerated() where cell.table == table {
                let path = paths[i]
                let parents = path.dropLast()
                var shared = 0
                while shared < open.count, shared < parents.count, open[shared] == parents[parents.startIndex + shared] {
                    shared += 1
                }
                while open.count > shared {
                    sink.endObject()
                    open.removeLast()
                }
                for part in parents.dropFirst(shared) {
                    sink.key(part)
                    sink.beginObject()
                    open.append(part)
                }
                sink.key(path.last ?? "")
                if let value = report.cells[i].value { sink.number(value) } else { sink.null() }
            }
            for _ in open { sink.endObject() }
            sink.endObject()
        }
    }

    /// Each cell's key split at its dots, without the table's name, for the statutory layouts
    /// computed once.
    private static func keyPaths(_ format: ReportFormat) -> [[String]] {
        for (known, paths) in knownKeyPaths where known.version == format.version && known.variant == format.variant {
            return paths
        }
        return split(format)
    }

    private static let knownKeyPaths = [ReportFormat.v2019, .v2021, .v2021SingleOther].map { ($0, split($0)) }

    private static func split(_ format: ReportFormat) -> [[String]] {
        format.cells.map { $0.key.split(separator: ".").dropFirst().map(String.init) }
    }
}
