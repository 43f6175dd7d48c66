import AnnualReport
import Foundation

/// What every written form of a report says, in order: the title, the opening paragraph, the six
/// sections (narrative for 一、五、六; the tables for 二、三、四) and the closing signature.
public struct ReportDocument: Sendable {
    public let report: Report
    /// Whether the document must carry a visible draft mark (written with `--force` despite errors).
    public let draft: Bool

    public init(_ report: Report, draft: Bool = false) {
        self.report = report
        self.draft = draft
    }

    public static let draftMark = "草稿：本报告未通过检查，不得发布"

    public var title: String {
        if let title = report.title, !title.isEmpty { return title }
        return "\(report.agency ?? "")\(report.year.map { "\($0)年" } ?? "")政府信息公开工作年度报告"
    }

    public var opening: String {
        let notice = report.format.version == .v2019 ? "国办公开办函〔2019〕60号" : "国办公开办函〔2021〕30号"
        let period = report.year.map { "本报告所列数据统计期限为\($0)年1月1日至\($0)年12月31日。" } ?? ""
        return "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（\(notice)）的要求编制。\(period)"
    }

    /// The paragraphs of a narrative section (empty lines dropped; the heading of a section read from a
    /// published report left out, the writers print their own).
    public func paragraphs(_ id: SectionID) -> [String] {
        guard let text = report.sections[id]?.text else { return [] }
        var paragraphs = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        if let first = paragraphs.first, first.hasPrefix(id.title.prefix(2)), first.count <= 40 { paragraphs.removeFirst() }
        return paragraphs
    }

    /// The table a section shows, if any.
    public func grid(for id: SectionID) -> StatutoryGrid? {
        switch id {
        case .proactive: .proactive(report)
        case .requests: .requests(report)
        case .appeals: .appeals(report)
        default: nil
        }
    }

    /// The date line of the signature: `2026年1月20日`.
    public var dateLine: String? {
        report.published.map { "\($0.year)年\($0.month)月\($0.day)日" }
    }
}
