import Foundation
import SQLKit

/// A level of the region tree.
public enum RegionLevel: String, Sendable, Codable, CaseIterable {
    case province, city, county, township

    /// The level's Chinese name.
    public var label: String {
        switch self {
        case .province: "省级"
        case .city: "市级"
        case .county: "县级"
        case .township: "乡镇级"
        }
    }
}

/// Whether an agency is a people's government or one of its departments.
public enum AgencyKind: String, Sendable, Codable, CaseIterable {
    case government, department

    /// The kind's Chinese name.
    public var label: String { self == .government ? "政府" : "部门" }

    /// Reads 政府/部门 or the English name.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "政府", "government": self = .government
        case "部门", "department": self = .department
        default: return nil
        }
    }
}

/// A region of the register.
public struct Region: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let level: RegionLevel
    /// 0 for a top-level region.
    public let parentID: Int
    /// The ids from the top down to this region, as "/1/5/23/": a subtree is a prefix.
    public let path: String

    /// The ids of this region and its ancestors, top first.
    public var lineage: [Int] { path.split(separator: "/").compactMap { Int($0) } }
}

/// An agency of the register.
public struct Agency: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let kind: AgencyKind
    public let regionID: Int
    public let regionPath: String
}

/// A parsed agency name that the register does not know exactly, with the register agencies it
/// resembles: the review step decides.
public struct UnmatchedName: Sendable, Codable {
    public let name: String
    public let reports: Int
    public let candidates: [Candidate]

    public struct Candidate: Sendable, Codable {
        public let agency: Agency
        public let similarity: Double
    }

    /// Unclear when the register has candidates; new when it has none.
    public var isUnclear: Bool { !candidates.isEmpty }
}

/// A register file that cannot be loaded: which line and why.
public struct RegisterError: Error, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "register line \(line): \(message)" }
}

extension ReportStore {
    /// The region called `name` under `parentID` (0: top level), created when missing.
    public func region(named name: String, level: RegionLevel, parentID: Int) async throws -> Region {
        if let existing = try await db.raw(
            "SELECT id, name, level, parent_id, path FROM regions WHERE parent_id = \(bind: parentID) AND name = \(bind: name)"
        ).first() {
            return try Self.region(existing)
        }
        let parentPath = parentID == 0 ? "/" : (try await region(id: parentID)?.path ?? "/")
        guard
            let row = try await db.raw(
                "INSERT INTO regions (name, level, parent_id, path) VALUES (\(bind: name), \(bind: level.rawValue), \(bind: parentID), '') RETURNING id"
            ).first()
        else { throw CocoaError(.coderInvalidValue) }
        let id = try row.decode(column: "id", as: Int.self)
        let path = "\(parentPath)\(id)/"
        try await db.raw("UPDATE regions SET path = \(bind: path) WHERE id = \(bind: id)").run()
        return Region(id: id, name: name, level: level, parentID: parentID, path: path)
    }

    /// One region, or nil.
    public func region(id: Int) async throws -> Region? {
        try await db.raw("SELECT id, name, level, parent_id, path FROM regions WHERE id = \(bind: id)").first().map(Self.region)
    }

    /// The regions directly under `parentID` (0: the top level), by name.
    public func regions(parentID: Int) async throws -> [Region] {
        try await db.raw(
            "SELECT id, name, level, parent_id, path FROM regions WHERE parent_id = \(bind: parentID) ORDER BY name"
        ).all().map(Self.region)
    }

    /// Every region, each followed by the regions under it.
    public func allRegions() async throws -> [Region] {
        try await db.raw("SELECT id, name, level, parent_id, path FROM regions ORDER BY path").all().map(Self.region)
    }

    /// A region and its ancestors, top first.
    public func lineage(of region: Region) async throws -> [Region] {
        var out: [Region] = []
        for id in region.lineage {
            if let r = try await self.region(id: id) { out.append(r) }
        }
        return out
    }

    static func region(_ row: any SQLRow) throws -> Region {
        Region(
            id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            level: RegionLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .county,
            parentID: try row.decode(column: "parent_id", as: Int.self), path: try row.decode(column: "path", as: String.self))
    }

    static func agency(_ row: any SQLRow) throws -> Agency {
        Agency(
            id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            kind: AgencyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .department,
            regionID: try row.decode(column: "region_id", as: Int.self),
            regionPath: try row.decode(column: "region_path", as: String.self))
    }

    /// The agency called `name`, created in `regionID` when missing; reports already imported under
    /// that name are linked to it.
    @discardableResult
    public func agency(named name: String, kind: AgencyKind, regionID: Int) async throws -> Agency {
        let name = AgencyName.normalized(name)
        if let existing = try await db.raw(
            "SELECT id, name, kind, region_id, region_path FROM agencies WHERE name = \(bind: name)"
        ).first() {
            return try Self.agency(existing)
        }
        guard let region = try await region(id: regionID) else {
            throw RegisterError(line: 0, message: "no region \(regionID)")
        }
        guard
            let row = try await db.raw(
                "INSERT INTO agencies (name, kind, region_id, region_path) VALUES (\(bind: name), \(bind: kind.rawValue), \(bind: regionID), \(bind: region.path)) RETURNING id"
            ).first()
        else { throw CocoaError(.coderInvalidValue) }
        let agency = Agency(
            id: try row.decode(column: "id", as: Int.self), name: name, kind: kind, regionID: regionID, regionPath: region.path)
        try await db.raw("INSERT INTO agency_names (name, agency_id) VALUES (\(bind: name), \(bind: agency.id))").run()
        return agency
    }

    /// One agency, or nil.
    public func agency(id: Int) async throws -> Agency? {
        try await db.raw("SELECT id, name, kind, region_id, region_path FROM agencies WHERE id = \(bind: id)").first().map(
            Self.agency)
    }

    /// The agency a parsed name is registered under (its own name or one matched to it), or nil.
    public func registeredAgency(for name: String?) async throws -> Agency? {
        guard let name else { return nil }
        return try await db.raw(
            "SELECT agencies.id, agencies.name, kind, region_id, region_path FROM agency_names JOIN agencies ON agencies.id = agency_names.agency_id WHERE agency_names.name = \(bind: AgencyName.normalized(name))"
        ).first().map(Self.agency)
    }

    /// The register agencies of parsed names, by normalized name.
    func registeredAgencies(_ names: [String]) async throws -> [String: Agency] {
        let keys = Set(names.map(AgencyName.normalized))
        guard !keys.isEmpty else { return [:] }
        var query = SQLQueryString(
            "SELECT agency_names.name AS alias, agencies.id, agencies.name, kind, region_id, region_path FROM agency_names JOIN agencies ON agencies.id = agency_names.agency_id WHERE agency_names.name IN ("
        )
        query.appendInterpolation(list(keys.sorted()))
        query.appendLiteral(")")
        var out: [String: Agency] = [:]
        for row in try await db.raw(query).all() { out[try row.decode(column: "alias", as: String.self)] = try Self.agency(row) }
        return out
    }

    /// The agencies whose region is `region` or under it, by name.
    public func agencies(under region: Region?) async throws -> [Agency] {
        var query = SQLQueryString("SELECT id, name, kind, region_id, region_path FROM agencies WHERE ")
        query.appendInterpolation(subtree("region_path", region?.path))
        query.appendLiteral(" ORDER BY region_path, name")
        return try await db.raw(query).all().map(Self.agency)
    }

    /// Loads a register in CSV (UTF-8): a header line, then 省,市,县,乡镇,机关,类型 — the region
    /// columns from the top down (later ones may be empty), the agency's name and 政府 or 部门. Lines
    /// already in the register are kept as they are. All or nothing: a bad line stops the load.
    public func loadRegister(csv: String) async throws -> (regions: Int, agencies: Int) {
        let lines = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var parsed: [(line: Int, regions: [String], agency: String, kind: AgencyKind)] = []
        for (n, raw) in lines.enumerated() where n > 0 && !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = CSVLine.split(String(raw))
            guard fields.count == 6 else {
                throw RegisterError(line: n + 1, message: "expected 6 fields (省,市,县,乡镇,机关,类型), found \(fields.count)")
            }
            let regions = Array(fields[0..<4].prefix { !$0.isEmpty })
            guard !regions.isEmpty, fields[regions.count..<4].allSatisfy(\.isEmpty) else {
                throw RegisterError(line: n + 1, message: "the region columns must be filled from 省 down without gaps")
            }
            guard !fields[4].isEmpty else { throw RegisterError(line: n + 1, message: "no agency name") }
            guard let kind = AgencyKind(label: fields[5]) else {
                throw RegisterError(line: n + 1, message: "type must be 政府 or 部门, not \(fields[5])")
            }
            parsed.append((n + 1, regions, fields[4], kind))
        }
        let regionsBefore = try await count("regions"), agenciesBefore = try await count("agencies")
        try await transaction {
            for entry in parsed {
                var parent = 0
                for (level, name) in zip(RegionLevel.allCases, entry.regions) {
                    parent = try await self.region(named: name, level: level, parentID: parent).id
                }
                try await self.agency(named: entry.agency, kind: entry.kind, regionID: parent)
            }
            try await self.relinkReports()
        }
        return (try await count("regions") - regionsBefore, try await count("agencies") - agenciesBefore)
    }

    /// How many regions the register has.
    public func regionCount() async throws -> Int { try await count("regions") }

    func count(_ table: String) async throws -> Int {
        try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")).first()?.decode(
            column: "n", as: Int.self)
            ?? 0
    }

    /// Links every report whose agency is not linked yet to the agency its name is registered under.
    func relinkReports() async throws {
        let names = try await db.raw("SELECT DISTINCT agency FROM reports WHERE agency_id IS NULL AND agency IS NOT NULL").all()
            .map { try $0.decode(column: "agency", as: String.self) }
        var changed = false
        for name in names {
            guard let agency = try await registeredAgency(for: name) else { continue }
            try await db.raw(
                "UPDATE reports SET agency_id = \(bind: agency.id), region_path = \(bind: agency.regionPath) WHERE agency_id IS NULL AND agency = \(bind: name)"
            ).run()
            changed = true
        }
        if changed { try await libraryChanged() }
    }

    /// The parsed agency names of stored reports that the register does not know, most reports first
    /// (at most `limit`), each with its candidates, most similar first.
    public func unmatchedNames(limit: Int = 200) async throws -> [UnmatchedName] {
        let rows = try await db.raw(
            "SELECT agency, COUNT(*) AS n FROM reports WHERE agency_id IS NULL AND agency IS NOT NULL GROUP BY agency ORDER BY n DESC, agency LIMIT \(bind: limit)"
        ).all()
        guard !rows.isEmpty else { return [] }
        let (register, index) = try await registerIndex()
        return try rows.map { row in
            let name = try row.decode(column: "agency", as: String.self)
            let candidates = index.candidates(of: name).map {
                UnmatchedName.Candidate(agency: register[$0.index], similarity: $0.similarity)
            }
            return UnmatchedName(name: name, reports: try row.decode(column: "n", as: Int.self), candidates: candidates)
        }
    }

    /// The register with its name index, rebuilt only when the number of agencies has changed (agencies
    /// are added, never renamed or removed).
    private func registerIndex() async throws -> ([Agency], AgencyName.Index) {
        let count = try await count("agencies")
        if let cached = nameIndex, cached.register.count == count { return (cached.register, cached.index) }
        let register = try await agencies(under: nil)
        let index = AgencyName.Index(register.map(\.name))
        nameIndex = (register, index)
        return (register, index)
    }

    /// How many distinct parsed agency names wait for the review step.
    public func unmatchedNameCount() async throws -> Int {
        try await db.raw(
            "SELECT COUNT(DISTINCT agency) AS n FROM reports WHERE agency_id IS NULL AND agency IS NOT NULL"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The review step: the parsed `name` is `agency`. The name is remembered for later imports, the
    /// reports under it are linked, and the decision is logged.
    public func match(name: String, to agencyID: Int, by user: String) async throws {
        guard let agency = try await agency(id: agencyID) else { throw RegisterError(line: 0, message: "no agency \(agencyID)") }
        try await transaction {
            let key = AgencyName.normalized(name)
            if try await self.db.raw("SELECT agency_id FROM agency_names WHERE name = \(bind: key)").first() == nil {
                try await self.db.raw("INSERT INTO agency_names (name, agency_id) VALUES (\(bind: key), \(bind: agency.id))")
                    .run()
            }
            try await self.relinkReports()
            try await self.log(user: user, action: "match-agency", target: name, detail: "→ \(agency.name) (#\(agency.id))")
        }
    }

    /// A SQL condition selecting the rows whose `column` path is `path` or under it (nil: every
    /// linked row). SQLite compares a range so that its index is used; PostgreSQL uses LIKE.
    func subtree(_ column: String, _ path: String?) -> SQLQueryString {
        guard let path, path != "/" else { return SQLQueryString("\(unsafeRaw: column) IS NOT NULL") }
        if isPostgres { return "\(unsafeRaw: column) LIKE \(bind: path + "%")" }
        // Paths end in "/", and "0" is the character after "/": the range holds exactly the subtree.
        return "\(unsafeRaw: column) >= \(bind: path) AND \(unsafeRaw: column) < \(bind: String(path.dropLast()) + "0")"
    }
}

/// One line of a CSV file: commas separate fields; a quoted field may hold commas and doubled quotes.
enum CSVLine {
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for c in line {
            if quoted {
                if c == "\"" { quoted = false; previousQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"":
                if previousQuote { field.append("\"") }
                quoted = true
            case ",":
                fields.append(field.trimmingCharacters(in: .whitespaces))
                field = ""
            default: field.append(c)
            }
            previousQuote = false
        }
        fields.append(field.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
