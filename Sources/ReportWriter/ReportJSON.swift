import AnnualReport
import ReportChecks

/// The report as canonical JSON: the data contract of `gongkai parse --json`.
public enum ReportJSON {
    /// The canonical JSON of a report: `format`, `year`, `agency`, `published`, `title`, the three
    /// tables nested by key (numbers or null), `uncertain` with candidates, cell `sources`, and the
    /// sections' text.
    public static func value(of report: Report, includeText: Bool = true) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("source", .string(report.origin)),
            ("format", .string(report.format.version.rawValue)),
        ]
        if report.format.variant != .standard { members.append(("variant", .string(report.format.variant.rawValue))) }
        members.append(("year", report.year.map { .number(String($0)) } ?? .null))
        members.append(("agency", report.agency.map(JSONValue.string) ?? .null))
        members.append(("published", report.published.map { .string($0.description) } ?? .null))
        members.append(("title", report.title.map(JSONValue.string) ?? .null))
        for table in TableID.allCases {
            var tree = JSONValue.object([])
            for (i, cell) in report.format.cells.enumerated() where cell.table == table {
                let path = cell.key.split(separator: ".").dropFirst()
                tree.insert(report.cells[i].value.map { .number($0.description) } ?? .null, at: path[...])
            }
            members.append((table.rawValue, tree))
        }
        var uncertain: [(String, JSONValue)] = []
        var sources: [(String, JSONValue)] = []
        var reasoning: [(String, JSONValue)] = []
        var written: [(String, JSONValue)] = []
        var missing: [JSONValue] = []
        for (i, cell) in report.cells.enumerated() {
            let key = report.format.cells[i].key
            if cell.status == .uncertain {
                uncertain.append(
                    (
                        key,
                        .object([
                            ("candidates", .array(cell.candidates.map { .number($0.description) })),
                            ("why", .string(cell.reasoning ?? "")),
                        ])
                    ))
            } else if let why = cell.reasoning {
                reasoning.append((key, .string(why)))
            }
            if cell.status == .missing { missing.append(.string(key)) }
            if let source = cell.source { sources.append((key, .string(source.description))) }
            if let w = cell.written { written.append((key, .string(w))) }
        }
        members.append(("uncertain", .object(uncertain)))
        members.append(("missing", .array(missing)))
        members.append(("reasoning", .object(reasoning)))
        members.append(("written", .object(written)))
        members.append(("sources", .object(sources)))
        members.append(("notes", .array(report.readerNotes.map(JSONValue.string))))
        if includeText {
            var sections: [(String, JSONValue)] = []
            for id in SectionID.allCases {
                if let s = report.sections[id] { sections.append((id.rawValue, .string(s.text))) }
            }
            members.append(("sections", .object(sections)))
        }
        return .object(members)
    }
}
