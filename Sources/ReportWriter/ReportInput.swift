import AnnualReport
import Foundation
import Yams

/// Why a report data file could not be read.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let origin: String
    /// What is wrong, naming the key.
    public let problem: String

    public var description: String { "\(origin): \(problem)" }
}

/// A report from a data file: the canonical JSON `gongkai parse --json` prints, or the same in YAML
/// (`gongkai init` writes a blank template). Totals that follow from other cells (the 总计 column,
/// （七）总计, table 四's 总计) are computed when left out; when given they are kept, and the checks
/// compare them.
public enum ReportInput {
    /// Reads JSON or YAML (told apart by content).
    public static func read(bytes: [UInt8], origin: String) throws -> Report {
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        let root: Any?
        do {
            if text.drop(while: { $0.isWhitespace }).first == "{" {
                root = try JSONSerialization.jsonObject(with: Data(text.utf8))
            } else {
                let node = try Yams.compose(yaml: text)
                // Aliases multiply: seven levels of `*a` in 443 bytes expand to gigabytes. A report's
                // data is a few hundred values; count the nodes as expanded, up to a bound, first.
                var budget = Self.maximumYAMLNodes
                if let node, !fits(node, budget: &budget) {
                    throw InputError(
                        origin: origin,
                        problem: "the YAML expands to more than \(Self.maximumYAMLNodes) values (aliases repeating aliases?)")
                }
                root = node?.any
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(origin: origin, problem: "not valid JSON or YAML: \(error)")
        }
        guard let object = root as? [String: Any] else {
            throw InputError(origin: origin, problem: "expected an object with format, year, agency and the tables")
        }
        return try report(from: object, origin: origin)
    }

    /// More values than any report's data has: beyond it, YAML is refused before it is expanded.
    static let maximumYAMLNodes = 100_000

    /// Whether the node, with every alias expanded, has at most `budget` nodes; stops counting there.
    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .mapping(let mapping): return mapping.allSatisfy { fits($0.key, budget: &budget) && fits($0.value, budget: &budget) }
        case .sequence(let sequence): return sequence.allSatisfy { fits($0, budget: &budget) }
        case .scalar, .alias: return true
        }
    }

    static func report(from object: [String: Any], origin: String) throws -> Report {
        let year = try integer(object["year"], key: "year", origin: origin)
        if let year, !(1990...2200).contains(year) {
            throw InputError(origin: origin, problem: "year is \(year); expected the year the report covers (1990–2200)")
        }
        let version: FormatVersion
        if let f = object["format"].flatMap(scalarText) {
            guard let v = FormatVersion(rawValue: f) else {
                throw InputError(origin: origin, problem: "format is \"\(f)\"; expected \"2019\" or \"2021\"")
            }
            version = v
        } else if let year {
            version = .required(forYear: year)
        } else {
            throw InputError(origin: origin, problem: "give the format (\"2019\" or \"2021\") or the year")
        }
        let variant = object["variant"].flatMap(scalarText).flatMap(FormatVariant.init(rawValue:)) ?? .standard
        var report = Report(origin: origin, format: .layout(version, variant))
        report.year = year
        report.agency = object["agency"].flatMap(scalarText)
        report.title = object["title"].flatMap(scalarText)
        if let published = object["published"].flatMap(scalarText) {
            guard let date = CalendarDate(iso: published) else {
                throw InputError(origin: origin, problem: "published is \"\(published)\"; expected a date like 2026-01-20")
            }
            report.published = date
        }
        var given = Array(repeating: false, count: report.format.cells.count)
        for (i, cell) in report.format.cells.enumerated() {
            var node: Any? = object
            for part in cell.key.split(separator: ".") { node = (node as? [String: Any])?[String(part)] }
            guard let node, !(node is NSNull) else {
                report.cells[i] = Cell(value: nil, status: .blank, source: nil)
                continue
            }
            guard let text = scalarText(node), let number = CellNumber(parsing: text[...]) else {
                throw InputError(origin: origin, problem: "\(cell.key) is \(node); expected a number or null (blank)")
            }
            report.cells[i] = Cell(value: number, status: .read, source: nil)
            given[i] = true
        }
        computeTotals(&report, given: given)
        // Sections 二、三、四 are the tables themselves.
        for id in [SectionID.proactive, .requests, .appeals] {
            report.sections[id] = SectionText(text: "", source: SourceLocation(line: 1, column: 1), headingFound: true)
        }
        if let sections = object["sections"] as? [String: Any] {
            for id in SectionID.allCases {
                guard let text = sections[id.rawValue].flatMap(scalarText) else { continue }
                report.sections[id] = SectionText(
                    text: stripHeading(text, id), source: SourceLocation(line: 1, column: 1), headingFound: true)
            }
        }
        return report
    }

    /// Fills totals left blank from their parts: each row's 总计 column, the （七）总计 row, table 四's
    /// 总计 — when every part is there.
    public static func computeTotals(_ report: inout Report, given: [Bool]? = nil) {
        let given = given ?? report.cells.map { $0.value != nil }
        let order: [Identity.Kind] = [.applicantTotal, .outcomeTotal, .applicantTotal, .appealTotal]
        for kind in order {
            for identity in report.format.identities where identity.kind == kind && identity.left.count == 1 {
                let target = identity.left[0]
                guard !given[target], report.cells[target].value == nil else { continue }
                let parts = identity.right.map { report.cells[$0].value }
                guard parts.allSatisfy({ $0 != nil }), let sum = CellNumber.sum(parts.compactMap { $0 }) else { continue }
                report.cells[target] = Cell(value: sum, status: .read, source: nil, reasoning: "计算所得")
            }
        }
    }

    private static func stripHeading(_ text: String, _ id: SectionID) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let heading = id.title
        let numeral = String(heading.prefix(2))  // 一、
        guard trimmed.hasPrefix(numeral) else { return trimmed }
        let firstLine = trimmed.prefix { $0 != "\n" }
        return firstLine.count <= 40
            ? String(trimmed.dropFirst(firstLine.count)).trimmingCharacters(in: .whitespacesAndNewlines) : trimmed
    }

    private static func scalarText(_ value: Any) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        case let d as Date:
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: d)
        default: return nil
        }
    }

    private static func integer(_ value: Any?, key: String, origin: String) throws -> Int? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = scalarText(value), let n = Int(text) else {
            throw InputError(origin: origin, problem: "\(key) is \(value); expected a whole number")
        }
        return n
    }
}
