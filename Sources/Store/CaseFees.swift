import AnnualReport
import Casework
import Foundation
import SQLKit

extension ReportStore {
    /// Which request of its applicant this case is in its calendar month at its agency (按件计收
    /// counts per applicant per month, whatever the result): 1 for the first.
    public func requestNumberInMonth(caseID: Int) async throws -> Int {
        guard let stored = try await caseRecord(id: caseID) else { throw CaseError(description: "没有编号为 \(caseID) 的申请") }
        let month = String(stored.received.description.prefix(7))
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS n FROM cases WHERE agency = \(bind: stored.agency) AND applicant_name = \(bind: stored.applicantName)
            AND received >= \(bind: month + "-01") AND received <= \(bind: month + "-31") AND id <= \(bind: caseID)
            """
        ).first()
        return try row?.decode(column: "n", as: Int.self) ?? 1
    }

    /// The information processing fees paid in `year` (section 六 of the annual report), in yuan:
    /// each fee notice whose payment was recorded that year.
    public func feesCollected(agency: String?, year: Int) async throws -> Int {
        let agencyCondition: SQLQueryString = agency.map { "AND cases.agency = \(bind: $0)" } ?? ""
        let rows = try await db.raw(
            """
            SELECT case_events.case_id AS case_id, case_events.kind AS kind, case_events.date AS date, case_events.parameter AS parameter
            FROM case_events JOIN cases ON cases.id = case_events.case_id
            WHERE case_events.kind IN ('fee-notice-sent', 'fee-paid') \(agencyCondition)
            """
        ).all()
        var amounts: [Int: Int] = [:], paidIn: Set<Int> = []
        for row in rows {
            let id = try row.decode(column: "case_id", as: Int.self)
            if try row.decode(column: "kind", as: String.self) == "fee-notice-sent" {
                amounts[id] = Int(try row.decode(column: "parameter", as: String?.self) ?? "") ?? 0
            } else if try row.decode(column: "date", as: String.self).hasPrefix("\(year)-") {
                paidIn.insert(id)
            }
        }
        return paidIn.reduce(0) { $0 + (amounts[$1] ?? 0) }
    }
}
