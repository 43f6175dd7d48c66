import AnnualReport

/// `arithmetic.*`: identities 1–4, negative counts, 本年新公开 > 对外公开总数.
enum ArithmeticChecks {
    static let all: [Check] =
        [Identity.Kind.carry, .outcomeTotal, .applicantTotal, .appealTotal].map(identityCheck) + [
            negative, publishedExceedsTotal,
        ]

    private static func identityCheck(_ kind: Identity.Kind) -> Check {
        Check(id: kind.rawValue, summary: "identity \(kind.rawValue) holds") { report in
            report.format.identities.filter { $0.kind == kind }.compactMap { identity in
                guard let (l, r) = identity.sums(in: report.cells), l != r else { return nil }
                let cells = (identity.left + identity.right).map(report.findingCell)
                let leftNames = identity.left.map { report.format.label(ofCell: $0) }.joined(separator: " + ")
                let message: String
                switch kind {
                case .carry:
                    message = "一 + 二 ≠ 三（七）+ 四：\(leftNames) = \(l)，而（七）总计与结转下年度之和为 \(r)"
                case .outcomeTotal:
                    message = "\(leftNames) = \(l)，但各项办理结果之和为 \(r)"
                case .applicantTotal:
                    message = "\(leftNames) = \(l)，但六类申请人之和为 \(r)"
                case .appealTotal:
                    message = "\(leftNames) = \(l)，但结果维持、结果纠正、其他结果、尚未审结之和为 \(r)"
                }
                return Finding(
                    id: kind.rawValue, severity: .error, message: message, cells: cells, expected: r.description,
                    source: report.cells[identity.left[0]].source, origin: report.origin)
            }
        }
    }

    static let negative = Check(id: "arithmetic.negative", summary: "a count is negative (only 本年增/减 may be)") {
        report in
        report.cells.indices.compactMap { i in
            guard let v = report.cells[i].value, v < CellNumber(0), !report.format.cells[i].key.hasSuffix(".change") else {
                return nil
            }
            return Finding(
                id: "arithmetic.negative", severity: .error, message: "「\(report.format.label(ofCell: i))」为负数 \(v)",
                cells: [report.findingCell(i)], expected: "≥ 0", source: report.cells[i].source, origin: report.origin)
        }
    }

    static let publishedExceedsTotal = Check(
        id: "arithmetic.published-exceeds-total", summary: "2019 format: 本年新公开数量 > 对外公开总数量"
    ) { report in
        guard report.format.version == .v2019 else { return [] }
        return ["proactive.rules", "proactive.normative_documents"].compactMap { row in
            guard let p = report.format.index(of: row + ".published"), let t = report.format.index(of: row + ".total"),
                let pv = report.cells[p].value, let tv = report.cells[t].value, tv < pv
            else { return nil }
            return Finding(
                id: "arithmetic.published-exceeds-total", severity: .error,
                message: "「\(report.format.label(ofCell: p))」\(pv) 大于「\(report.format.label(ofCell: t))」\(tv)",
                cells: [report.findingCell(p), report.findingCell(t)], expected: "≤ \(tv)", source: report.cells[p].source,
                origin: report.origin)
        }
    }
}
