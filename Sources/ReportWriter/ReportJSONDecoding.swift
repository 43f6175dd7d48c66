import AnnualReport

extension ReportJSON {
    /// The report back from its canonical JSON (`value(of:)`): every cell with its status, candidates,
    /// reasoning, written form and source, the notes and the sections' text. What the JSON leaves out
    /// (where each section began, the narrative's figures, label variants) the report lacks: the
    /// checks that need those ran when the report was read.
    public static func report(from json: JSONValue, origin: String) throws -> Report {
        func fail(_ problem: String) -> InputError { InputError(origin: origin, problem: problem) }
        guard case .object = json else { throw fail("expected an object") }
        guard let versionText = json["format"]?.stringValue, let version = FormatVersion(rawValue: versionText) else {
            throw fail("format is missing or not \"2019\"/\"2021\"")
        }
        let variant = json["variant"]?.stringValue.flatMap(FormatVariant.init(rawValue:)) ?? .standard
        var report = Report(origin: json["source"]?.stringValue ?? origin, format: .layout(version, variant))
        if case .number(let year)? = json["year"] { report.year = Int(year) }
        report.agency = json["agency"]?.stringValue
        report.title = json["title"]?.stringValue
        report.published = json["published"]?.stringValue.flatMap(CalendarDate.init(iso:))

        let uncertain = members(json["uncertain"])
        let missing = Set((array(json["missing"])).compactMap(\.stringValue))
        let reasoning = members(json["reasoning"])
        let written = members(json["written"])
        let sources = members(json["sources"])
        for (i, layout) in report.format.cells.enumerated() {
            var node: JSONValue? = json
            for part in layout.key.split(separator: ".") { node = node?[String(part)] }
            var cell: Cell
            switch node {
            case .number(let text)?:
                guard let value = CellNumber(parsing: text[...]) else { throw fail("\(layout.key) is \(text), not a cell value") }
                cell = Cell(value: value, status: .read, source: nil)
            case .null?, nil:
                if let doubt = uncertain[layout.key] {
                    cell = Cell(
                        value: nil, status: .uncertain, source: nil,
                        candidates: array(doubt["candidates"]).compactMap {
                            if case .number(let n) = $0 { CellNumber(parsing: n[...]) } else { nil }
                        },
                        reasoning: doubt["why"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
                } else if missing.contains(layout.key) || node == nil {
                    cell = .missing
                } else {
                    cell = Cell(value: nil, status: .blank, source: nil)
                }
            default: throw fail("\(layout.key) is neither a number nor null")
            }
            if cell.status != .uncertain { cell.reasoning = reasoning[layout.key]?.stringValue }
            cell.written = written[layout.key]?.stringValue
            cell.source = sources[layout.key]?.stringValue.flatMap(SourceLocation.init)
            report.cells[i] = cell
        }
        report.readerNotes = array(json["notes"]).compactMap(\.stringValue)
        for (key, text) in members(json["sections"]) {
            guard let id = SectionID(rawValue: key), let text = text.stringValue else { continue }
            report.sections[id] = SectionText(text: text, source: SourceLocation(line: 1, column: 1), headingFound: true)
        }
        return report
    }

    /// Parses stored JSON text and decodes the report.
    public static func report(fromJSON text: String, origin: String) throws -> Report {
        do {
            return try report(from: try JSONValue.parse(Array(text.utf8)), origin: origin)
        } catch let error as JSONParseError {
            throw InputError(origin: origin, problem: error.description)
        }
    }

    private static func members(_ value: JSONValue?) -> [String: JSONValue] {
        guard case .object(let members)? = value else { return [:] }
        return Dictionary(members, uniquingKeysWith: { first, _ in first })
    }

    private static func array(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }
}
