import AnnualReport
import ReportChecks

/// Findings for a terminal (grouped by report, severity at a glance) or as JSON.
public enum FindingsReport {
    /// One report's findings for a terminal.
    public static func render(_ report: Report, findings: [Finding], style: TerminalStyle) -> String {
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        var out =
            style.bold("\(report.agency ?? "（机关不详）") \(report.year.map { "\($0) 年度" } ?? "")") + style.dim("  \(report.origin)")
            + "\n"
        out +=
            "  " + style.red("错误 \(counts[.error] ?? 0)") + "  " + style.yellow("警告 \(counts[.warning] ?? 0)") + "  "
            + style.cyan("提示 \(counts[.notice] ?? 0)") + "\n"
        for finding in findings.sorted(by: { $0.severity < $1.severity }) {
            let tag: String
            switch finding.severity {
            case .error: tag = style.red("✖ 错误")
            case .warning: tag = style.yellow("▲ 警告")
            case .notice: tag = style.cyan("· 提示")
            }
            let location = finding.source.map { " @\($0)" } ?? ""
            out += "  \(tag) \(finding.message)" + style.dim("  [\(finding.id)]\(location)") + "\n"
        }
        if findings.isEmpty { out += "  " + "未发现问题" + "\n" }
        return out
    }

    /// Findings as JSON objects.
    public static func json(_ findings: [Finding]) -> JSONValue {
        .array(
            findings.map { f in
                .object([
                    ("id", .string(f.id)),
                    ("severity", .string(f.severity.rawValue)),
                    ("message", .string(f.message)),
                    (
                        "cells",
                        .array(
                            f.cells.map { c in
                                .object([
                                    ("key", .string(c.key)), ("label", .string(c.label)),
                                    ("value", c.value.map { .number($0.description) } ?? .null),
                                    ("year", c.year.map { .number(String($0)) } ?? .null),
                                    ("source", c.source.map { .string($0.description) } ?? .null),
                                ])
                            })
                    ),
                    ("expected", f.expected.map(JSONValue.string) ?? .null),
                    ("source", f.source.map { .string($0.description) } ?? .null),
                ])
            })
    }
}
