import AnnualReport

/// A check of the catalogue: a stable id, a default severity, and a pure function from a report to
/// its findings.
public struct Check: Sendable {
    /// Stable id, as in spec/checks.md.
    public let id: String
    /// What it checks, in one line.
    public let summary: String
    /// The function.
    public let run: @Sendable (Report) -> [Finding]

    /// A check.
    public init(id: String, summary: String, run: @escaping @Sendable (Report) -> [Finding]) {
        self.id = id
        self.summary = summary
        self.run = run
    }
}

/// A check over the consecutive reports of one agency.
public struct SeriesCheck: Sendable {
    /// Stable id.
    public let id: String
    /// What it checks.
    public let summary: String
    /// The function: last year's report, this year's.
    public let run: @Sendable (_ previous: Report, _ current: Report) -> [Finding]
}

/// Every check of spec/checks.md.
public enum CheckCatalogue {
    /// Checks on one report.
    public static let single: [Check] =
        StructureChecks.all + ArithmeticChecks.all + ConsistencyChecks.all + [PublicationCheck.late]

    /// Checks across consecutive years of one agency.
    public static let series: [SeriesCheck] = ContinuityChecks.all

    /// Runs every single-report check.
    public static func check(_ report: Report) -> [Finding] {
        single.flatMap { $0.run(report) }
    }

    /// Runs every check on a set of reports: each alone, and consecutive years of the same agency
    /// together. Findings come back per report, in the order the reports were given.
    /// An uncertain cell exactly one candidate of which agrees with last year's report (identities
    /// 5–7) says so in its findings; it stays uncertain.
    public static func check(_ reports: [Report]) -> [[Finding]] {
        var noted = reports
        let pairs = consecutive(reports)
        for (a, b) in pairs {
            let constraints = ContinuityIdentity.between(reports[a].format, reports[b].format).compactMap {
                $0.constraint(previous: reports[a], current: reports[b].format)
            }
            noted[b].noteCandidates(agreeingWith: constraints)
        }
        var findings = noted.map(check)
        for (a, b) in pairs {
            for check in series { findings[b] += check.run(noted[a], noted[b]) }
        }
        return findings
    }

    /// Index pairs of consecutive years of the same agency.
    private static func consecutive(_ reports: [Report]) -> [(Int, Int)] {
        let byAgency = Dictionary(grouping: reports.indices.filter { reports[$0].agency != nil && reports[$0].year != nil }) {
            reports[$0].agency ?? ""
        }
        return byAgency.values.flatMap { indices in
            let sorted = indices.sorted { (reports[$0].year ?? 0) < (reports[$1].year ?? 0) }
            return zip(sorted, sorted.dropFirst()).filter { a, b in (reports[b].year ?? 0) == (reports[a].year ?? 0) + 1 }
        }
    }
}
