import AnnualReport

/// Reads the text of a published annual report into the statutory tables.
///
/// ```swift
/// let report = try ReportReader.read(bytes: data, origin: "report.txt")
/// report.value(RowKey.newRequests.cell(.total))  // 71
/// ```
public enum ReportReader {
    /// Decodes `bytes` (UTF-8, UTF-16 or GB18030, detected) and reads the report.
    public static func read(bytes: [UInt8], origin: String) throws -> Report {
        let decoded = try SourceDecoding.decode(bytes, origin: origin)
        var report = try read(text: decoded.text, origin: origin)
        if let bad = decoded.firstInvalidByte {
            report.readerNotes.insert(
                "invalid \(decoded.encoding.rawValue) byte sequence at byte \(bad), replaced by U+FFFD", at: 0)
        }
        if decoded.encoding != .utf8 { report.readerNotes.insert("text decoded as \(decoded.encoding.rawValue)", at: 0) }
        return report
    }

    /// Reads a report from text already decoded.
    public static func read(text source: String, origin: String) throws -> Report {
        let text = NormalizedText(source)
        let locator = SectionLocator(text: text)
        let found = locator.locate()
        guard !found.tableRange.isEmpty else { throw ReadError(origin: origin, problem: .notAReport) }

        let firstSection = found.start.values.min()
        let overviewRange = found.start[.overview].map { $0..<(found.start[.proactive] ?? text.count) }
        let meta = MetadataReader(text: text).read(firstSection: firstSection, overview: overviewRange)
        let detection = FormatDetector(text: text).detect(
            year: meta.year, requestsRange: found.tableRange[.requests],
            scope: 0..<(found.tableRange[.requests]?.upperBound ?? text.count))
        let format = ReportFormat.layout(detection.version, detection.variant)

        var report = Report(origin: origin, format: format)
        report.title = meta.title
        report.agency = meta.agency
        report.year = meta.year
        report.published = meta.published
        report.yearMentions = meta.yearMentions
        report.foreignFormatLabels = detection.foreignWords
        report.sections = locator.sections(found)

        var narrative: [Range<Int>] = [0..<(found.start[.proactive] ?? found.start[.requests] ?? text.count)]
        if let problems = found.start[.problems] { narrative.append(problems..<text.count) }
        (report.narrativeFacts, report.narrativeShares) = NarrativeReader(text: text, format: format).facts(in: narrative)

        let tokenizer = Tokenizer(text: text)
        if let range = found.tableRange[.proactive] {
            ProactiveTableReader(text: text, format: format).read(tokens: tokenizer.tokens(in: range), into: &report)
        }
        let appealTokens = found.tableRange[.appeals].map { tokenizer.tokens(in: $0) } ?? []
        var totalColumn: Range<Int>?
        if let range = found.tableRange[.requests] {
            totalColumn = RequestsTableReader(text: text, format: format).read(
                tokens: tokenizer.tokens(in: range), following: appealTokens, into: &report)
        }
        if found.tableRange[.appeals] != nil {
            let own = totalColumn.map { span in appealTokens.filter { !span.contains($0.start) } } ?? appealTokens
            AppealsTableReader(text: text, format: format).read(tokens: own, into: &report)
        }
        if report.cells.allSatisfy({ $0.status == .missing }) {
            throw ReadError(
                origin: origin,
                problem: .noStatutoryTables(
                    year: report.year,
                    statements: NarrativeReader(text: text, format: format).facts(in: [0..<text.count]).facts.map {
                        "\($0.phrase)（\($0.source)）"
                    }))
        }
        report.doubtLeadingZeros()
        report.recognitionTraces = RecognitionTraces.find(in: text)
        report.settleUncertainCells(by: report.identityConstraints)
        report.noteCandidates(agreeingWith: report.narrativeConstraints)
        for header in HeaderVariant.known {
            guard let range = found.tableRange[header.table],
                let at = text.find(header.variant.normalizedScalars, in: range)
            else { continue }
            report.labelVariants.append(
                LabelVariantUse(
                    rowKey: header.table.rawValue, statutory: header.statutory, written: header.variant,
                    source: text.location(at)))
        }
        return report
    }
}
