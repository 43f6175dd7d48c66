import Foundation
import SQLKit

/// Where a report stands in review.
public enum ReviewState: String, Sendable, Codable, CaseIterable {
    case unreviewed
    case needsCorrection = "needs-correction"
    case accepted

    /// The state's Chinese name.
    public var label: String {
        switch self {
        case .unreviewed: "未审核"
        case .needsCorrection: "需更正"
        case .accepted: "已通过"
        }
    }
}

/// A reviewer's decision on one finding.
public enum FindingDecision: String, Sendable, Codable, CaseIterable {
    /// The finding is right: the agency must correct the report.
    case confirmed
    /// The finding does not hold for this report.
    case dismissed

    /// The decision's Chinese name.
    public var label: String { self == .confirmed ? "确认" : "驳回" }
}

/// A decision with who made it, when, and why.
public struct FindingReview: Sendable, Codable, Equatable {
    public let decision: FindingDecision
    public let comment: String
    public let user: String
    public let at: String
}

extension StoredFinding {
    /// What identifies a finding across reparses: the check, its cells and its message.
    public var fingerprint: String { ContentHash.hex(Array("\(check)|\(cells.joined(separator: ","))|\(message)".utf8)) }
}

extension ReportStore {
    /// The longest comment a reviewer may leave (the forms say so too).
    public static let maximumComment = 2000

    /// Records a decision on the finding numbered `seq` of a report (a later decision replaces an
    /// earlier one) and logs it.
    public func decide(reportID: Int, seq: Int, decision: FindingDecision, comment: String, by user: String) async throws {
        guard comment.count <= Self.maximumComment else { throw AccountError(description: "意见最长 \(Self.maximumComment) 字") }
        guard let finding = try await findings(reportID: reportID).first(where: { $0.seq == seq }) else {
            throw AccountError(description: "报告 \(reportID) 没有第 \(seq) 条检查结果")
        }
        try await transaction {
            try await self.db.raw(
                "DELETE FROM finding_reviews WHERE report_id = \(bind: reportID) AND fingerprint = \(bind: finding.fingerprint)"
            ).run()
            try await self.db.raw(
                """
                INSERT INTO finding_reviews (report_id, fingerprint, decision, comment, user_name, decided_at)
                VALUES (\(bind: reportID), \(bind: finding.fingerprint), \(bind: decision.rawValue), \(bind: comment), \(bind: user), \(bind: Self.now()))
                """
            ).run()
            try await self.log(
                user: user, action: "\(decision.rawValue)-finding", target: "report \(reportID) #\(seq) \(finding.check)",
                detail: comment)
        }
    }

    /// The decisions on a report's findings, by fingerprint.
    func findingReviews(reportID: Int) async throws -> [String: FindingReview] {
        var out: [String: FindingReview] = [:]
        for row in try await db.raw(
            "SELECT fingerprint, decision, comment, user_name, decided_at FROM finding_reviews WHERE report_id = \(bind: reportID)"
        ).all() {
            out[try row.decode(column: "fingerprint", as: String.self)] = FindingReview(
                decision: FindingDecision(rawValue: try row.decode(column: "decision", as: String.self)) ?? .confirmed,
                comment: try row.decode(column: "comment", as: String.self),
                user: try row.decode(column: "user_name", as: String.self),
                at: try row.decode(column: "decided_at", as: String.self))
        }
        return out
    }

    /// Sets a report's review state and logs it with the comment.
    public func setReviewState(reportID: Int, _ state: ReviewState, comment: String, by user: String) async throws {
        guard comment.count <= Self.maximumComment else { throw AccountError(description: "说明最长 \(Self.maximumComment) 字") }
        guard try await report(id: reportID) != nil else { throw AccountError(description: "没有报告 \(reportID)") }
        try await transaction {
            try await self.db.raw("UPDATE reports SET review_state = \(bind: state.rawValue) WHERE id = \(bind: reportID)").run()
            try await self.log(
                user: user, action: "review-state", target: "report \(reportID)", detail: "\(state.rawValue) \(comment)")
        }
    }

    /// The audit entries about one report.
    public func auditLog(reportID: Int) async throws -> [AuditEntry] {
        let target = "report \(reportID)"
        return try await db.raw(
            "SELECT at, user_name, action, target, detail FROM audit_log WHERE target = \(bind: target) OR target LIKE \(bind: target + " %") ORDER BY id DESC"
        ).all().map(Self.auditEntry)
    }
}
