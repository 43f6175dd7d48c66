import AnnualReport

/// `arithmetic.*`: identities 1–4, negative counts, 本年新公开 > 对外公开总数.
enum ArithmeticChecks {
    static let all: [Check] =
        [Identity.Kind.carry, .outcomeTotal, .applicantTotal, .appealTotal].map(identityCheck) + [
            negative, publishedExceedsTotal,
        ]

    /// Identities 1–4 over the cells, uncertain ones by their candidates: an error where the cells
    /// as read break the identity, or where no candidate of theirs keeps it (the candidates hold the
    /// truth, so the table is wrong whichever it is).
    private static func identityCheck(_ kind: Identity.Kind) -> Check {
        Check(id: kind.rawValue, summary: "identity \(kind.rawValue) holds") { report in
            report.format.identities.filter { $0.kind == kind }.compactMap { identity in
                let verdict = CellConstraint(identity, reason: "").verdict(in: report.cells)
                switch verdict {
                case .holds, .possible, .silent: return nil
                case .fails, .failsForEveryCandidate: break
                }
                let cells = (identity.left + identity.right).map(report.findingCell)
                let leftNames = identity.left.map { report.format.label(ofCell: $0) }.joined(separator: " + ")
                let message: String
                let expected: String?
                switch verdict {
                case .fails(let l, let r):
                    expected = r.description
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
                case .failsForEveryCandidate:
                    expected = nil
                    let doubtful = (identity.left + identity.right).filter { report.cells[$0].status == .uncertain }.map {
                        "「\(report.format.label(ofCell: $0))」可能为 \(report.cells[$0].candidates.map(\.description).joined(separator: "、"))"
                    }
                    message =
                        "\(kind.statement) 不成立：\(doubtful.joined(separator: "；"))，其任何取值都不能使等式成立"
                case .holds, .possible, .silent: return nil
                }
                return Finding(
                    id: kind.rawValue, severity: .error, message: message, cells: cells, expected: expected,
                    source: report.cells[identity.left[0]].source, origin: report.origin)
            }
        }
    }

    static let negative = Check(id: "arithmetic.negative", summary: "a count is negative (only 本年增/减 may be)") {
        report in
        report.cells.indices.compactMap { i in
            guard let v = report.cells[i].value, v < CellNumber(0),
                !report.format.cells[i].key.hasSuffix("." + ColumnKey.change.rawValue)
            else {
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
        return [RowKey.rules, .normativeDocuments].compactMap { row in
            guard let p = report.format.index(of: row.cell(.published)), let t = report.format.index(of: row.cell(.total)),
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
