import Foundation
import ReportReader
import ReportSources
import SQLKit
import ZIPFoundation

/// Where an import job stands.
public enum JobState: String, Sendable, Codable {
    /// Its files are still being stored.
    case filling
    /// Waiting for a server to take it up.
    case queued
    /// Being read; `heartbeat` says the server holding it is alive.
    case running
    /// Every file has an outcome.
    case done
}

/// An upload kept as a durable job: the files are stored first, then read in batches by any server
/// of the library; a job cut off by a crash is taken up again, and a file that stopped the process
/// twice is recorded as failed instead of being tried a third time.
public struct ImportJob: Sendable, Codable, Equatable {
    public let id: Int
    public let state: JobState
    public let createdBy: String
    public let createdAt: String
    public let finishedAt: String?
    /// Why the whole job failed (an upload cut off before all its files were stored).
    public let error: String?
    public let total: Int
    public let pending: Int
    public let imported: Int
    public let duplicates: Int
    public let failed: Int
}

/// One file of a job and its outcome.
public struct JobFile: Sendable, Codable, Equatable {
    public let seq: Int
    public let name: String
    /// `pending`, `imported`, `duplicate` or `failed`.
    public let state: String
    public let reportID: Int?
    public let error: String?
}

extension ReportStore {
    /// A server holding a job refreshes its heartbeat this often; a job whose heartbeat is older
    /// than `staleAfter` was cut off and is taken up by the next server that looks.
    static let heartbeatInterval: Duration = .seconds(15)
    static let staleAfter: TimeInterval = 60

    /// Stores an upload as a job and returns its id; ZIPs are unpacked here, off the store, one entry
    /// at a time (counting what comes out against `limits`). A file that cannot be unpacked is stored
    /// as already failed, with the reason.
    public nonisolated func enqueueImport(
        _ files: [(bytes: [UInt8], name: String)], by user: String, limits: ArchiveLimits = ArchiveLimits()
    ) async throws -> Int {
        let job = try await createJob(by: user)
        var seq = 0
        for file in files {
            guard SourceKind.sniff(file.bytes, name: file.name) == .otherZip else {
                try await addJobFile(job, seq: seq, name: file.name, bytes: file.bytes)
                seq += 1
                continue
            }
            let firstEntry = seq
            do {
                try await Self.unpack(zip: file.bytes, name: file.name, limits: limits) { entry, bytes in
                    try await self.addJobFile(job, seq: seq, name: "\(file.name)/\(entry)", bytes: bytes)
                    seq += 1
                }
            } catch let error as ReadError {
                // A ZIP over its limits or damaged is refused whole: the entries taken from it go.
                try await dropJobFiles(job, from: firstEntry)
                seq = firstEntry
                try await addJobFile(job, seq: seq, name: file.name, bytes: [], failed: error.description)
                seq += 1
            }
        }
        // Unless another server closed it meanwhile as an upload cut off (it took over 10 minutes).
        try await db.raw("UPDATE jobs SET state = 'queued' WHERE id = \(bind: job) AND state = 'filling'").run()
        return job
    }

    private func createJob(by user: String) async throws -> Int {
        guard
            let row = try await db.raw(
                "INSERT INTO jobs (kind, state, created_by, created_at) VALUES ('import', 'filling', \(bind: Self.bounded(user, 64)), \(bind: Self.now())) RETURNING id"
            ).first()
        else { throw CocoaError(.coderInvalidValue) }
        return try row.decode(column: "id", as: Int.self)
    }

    private func addJobFile(_ job: Int, seq: Int, name: String, bytes: [UInt8], failed: String? = nil) async throws {
        try await db.raw(
            "INSERT INTO job_files (job_id, seq, name, content, state, error) VALUES (\(bind: job), \(bind: seq), \(bind: Self.bounded(name, 1024)), \(bind: Data(bytes)), \(bind: failed == nil ? "pending" : "failed"), \(bind: failed))"
        ).run()
    }

    private func dropJobFiles(_ job: Int, from seq: Int) async throws {
        try await db.raw("DELETE FROM job_files WHERE job_id = \(bind: job) AND seq >= \(bind: seq)").run()
    }

    /// Reads a job's pending files and stores the reports, if this server can claim the job: it is
    /// queued, or its holder went quiet or (on this machine) is no longer running. Returns whether
    /// it ran it.
    @discardableResult
    public func runImportJob(id: Int) async throws -> Bool {
        let stale = Self.timestamp(Date().addingTimeInterval(-Self.staleAfter))
        let holder =
            try await db.raw("SELECT worker FROM jobs WHERE id = \(bind: id)").first()?.decode(
                column: "worker", as: String?.self) ?? nil
        let orphanOf = holder.flatMap { JobWorker.isGone($0) ? $0 : nil }
        let claimed = try await db.raw(
            """
            UPDATE jobs SET state = 'running', heartbeat_at = \(bind: Self.now()), worker = \(bind: JobWorker.current)
            WHERE id = \(bind: id) AND (state = 'queued' OR (state = 'running' AND (heartbeat_at < \(bind: stale) OR worker = \(bind: orphanOf ?? ""))))
            RETURNING id
            """
        ).first()
        guard claimed != nil else { return false }
        let heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.heartbeatInterval)
                // A failed beat (the database reconnecting) is tried again at the next: one miss must
                // not let another server take the job while this one reads it.
                try? await self?.db.raw("UPDATE jobs SET heartbeat_at = \(bind: Self.now()) WHERE id = \(bind: id)").run()
            }
        }
        defer { heartbeat.cancel() }
        try await readPendingFiles(of: id)
        try await db.raw(
            "UPDATE jobs SET state = 'done', finished_at = \(bind: Self.now()) WHERE id = \(bind: id)"
        ).run()
        if let job = try await importJob(id: id) {
            try await log(
                user: job.createdBy, action: "upload", target: "job \(id)",
                detail: "\(job.total) files: \(job.imported) new, \(job.duplicates) already stored, \(job.failed) unreadable")
        }
        return true
    }

    /// Takes up every job that is waiting or was cut off (at start, and now and then); returns how
    /// many it ran.
    public func resumeImportJobs() async throws -> Int {
        var ran = 0
        for id in try await resumableImportJobs() where try await runImportJob(id: id) { ran += 1 }
        return ran
    }

    /// The jobs nobody is reading: queued, or running under a server that went quiet or is gone.
    /// Uploads cut off while their files were being stored are closed here, with that said.
    public func resumableImportJobs() async throws -> [Int] {
        let cutOff = Self.timestamp(Date().addingTimeInterval(-10 * 60))
        try await db.raw(
            "UPDATE jobs SET state = 'done', finished_at = \(bind: Self.now()), error = '上传中断：文件未全部收到' WHERE state = 'filling' AND created_at < \(bind: cutOff)"
        ).run()
        let stale = Self.timestamp(Date().addingTimeInterval(-Self.staleAfter))
        var ids: [Int] = []
        for row in try await db.raw(
            "SELECT id, state, heartbeat_at, worker FROM jobs WHERE state IN ('queued', 'running') ORDER BY id"
        ).all() {
            let worker = try row.decode(column: "worker", as: String?.self)
            let heartbeat = try row.decode(column: "heartbeat_at", as: String?.self) ?? ""
            let state = try row.decode(column: "state", as: String.self)
            if state == "queued" || heartbeat < stale || worker.map(JobWorker.isGone) == true {
                ids.append(try row.decode(column: "id", as: Int.self))
            }
        }
        return ids
    }

    /// Reads the pending files in batches. Every file's attempts are counted (and committed) before
    /// it is read: a file found with an attempt already made was being read when the process died,
    /// so it is read alone, and after a second such death it is failed, not tried again.
    private func readPendingFiles(of job: Int) async throws {
        while true {
            let pending = try await db.raw(
                "SELECT seq, attempts FROM job_files WHERE job_id = \(bind: job) AND state = 'pending' ORDER BY seq LIMIT \(bind: Self.importBatch)"
            ).all().map {
                (seq: try $0.decode(column: "seq", as: Int.self), attempts: try $0.decode(column: "attempts", as: Int.self))
            }
            guard let first = pending.first else { return }
            if first.attempts >= 2 {
                try await record(
                    job, seq: first.seq,
                    state: "failed", reportID: nil,
                    error: "读取此文件时服务进程两次中止（读取器缺陷），已跳过；请将此文件报告给 Gongkai 开发者")
                continue
            }
            let batch = first.attempts > 0 ? [first.seq] : pending.prefix { $0.attempts == 0 }.map(\.seq)
            var query = SQLQueryString("UPDATE job_files SET attempts = attempts + 1 WHERE job_id = \(bind: job) AND seq IN (")
            query.appendInterpolation(list(batch))
            query.appendLiteral(")")
            try await db.raw(query).run()
            var files: [(seq: Int, bytes: [UInt8], name: String)] = []
            for seq in batch {
                guard
                    let row = try await db.raw(
                        "SELECT name, content FROM job_files WHERE job_id = \(bind: job) AND seq = \(bind: seq)"
                    ).first()
                else { continue }
                files.append(
                    (
                        seq, [UInt8](try row.decode(column: "content", as: Data.self)),
                        try row.decode(column: "name", as: String.self)
                    ))
            }
            let outcomes: [ImportOutcome]
            do {
                outcomes = try await importFiles(files.map { (bytes: $0.bytes, name: $0.name) })
            } catch {
                // An error, not a death: the attempt does not count against the files.
                var undo = SQLQueryString("UPDATE job_files SET attempts = attempts - 1 WHERE job_id = \(bind: job) AND seq IN (")
                undo.appendInterpolation(list(batch))
                undo.appendLiteral(")")
                try? await db.raw(undo).run()
                throw error
            }
            try await transaction {
                for (file, outcome) in zip(files, outcomes) {
                    switch outcome {
                    case .imported(let id): try await self.record(job, seq: file.seq, state: "imported", reportID: id, error: nil)
                    case .duplicate(let id):
                        try await self.record(job, seq: file.seq, state: "duplicate", reportID: id, error: nil)
                    case .failed(let error):
                        try await self.record(job, seq: file.seq, state: "failed", reportID: nil, error: error.description)
                    }
                }
            }
        }
    }

    /// A file's outcome; its content is let go (the report keeps the original).
    private func record(_ job: Int, seq: Int, state: String, reportID: Int?, error: String?) async throws {
        try await db.raw(
            "UPDATE job_files SET state = \(bind: state), report_id = \(bind: reportID), error = \(bind: error.map { Self.bounded($0, 2000) }), content = \(bind: Data()) WHERE job_id = \(bind: job) AND seq = \(bind: seq)"
        ).run()
    }

    /// How many import jobs are waiting or being read.
    public func unfinishedImportJobs() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('filling', 'queued', 'running')").first()?.decode(
            column: "n", as: Int.self) ?? 0
    }

    /// A job with its counts, or nil.
    public func importJob(id: Int) async throws -> ImportJob? {
        guard
            let row = try await db.raw(
                """
                SELECT jobs.id AS id, jobs.state AS state, created_by, created_at, finished_at, jobs.error AS error,
                       COUNT(job_files.seq) AS total,
                       SUM(CASE WHEN job_files.state = 'pending' THEN 1 ELSE 0 END) AS pending,
                       SUM(CASE WHEN job_files.state = 'imported' THEN 1 ELSE 0 END) AS imported,
                       SUM(CASE WHEN job_files.state = 'duplicate' THEN 1 ELSE 0 END) AS duplicates,
                       SUM(CASE WHEN job_files.state = 'failed' THEN 1 ELSE 0 END) AS failed
                FROM jobs LEFT JOIN job_files ON job_files.job_id = jobs.id WHERE jobs.id = \(bind: id)
                GROUP BY jobs.id, jobs.state, created_by, created_at, finished_at, jobs.error
                """
            ).first()
        else { return nil }
        func count(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
        return ImportJob(
            id: try row.decode(column: "id", as: Int.self),
            state: JobState(rawValue: try row.decode(column: "state", as: String.self)) ?? .queued,
            createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            finishedAt: try row.decode(column: "finished_at", as: String?.self),
            error: try row.decode(column: "error", as: String?.self),
            total: try count("total"), pending: try count("pending"), imported: try count("imported"),
            duplicates: try count("duplicates"), failed: try count("failed"))
    }

    /// A job's files and their outcomes, in upload order.
    public func importJobFiles(id: Int) async throws -> [JobFile] {
        try await db.raw(
            "SELECT seq, name, state, report_id, error FROM job_files WHERE job_id = \(bind: id) ORDER BY seq"
        ).all().map { row in
            JobFile(
                seq: try row.decode(column: "seq", as: Int.self), name: try row.decode(column: "name", as: String.self),
                state: try row.decode(column: "state", as: String.self),
                reportID: try row.decode(column: "report_id", as: Int?.self),
                error: try row.decode(column: "error", as: String?.self))
        }
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}

/// Who holds a job: `host pid`. A job held by a process of this machine that is no longer running
/// is taken up at once (a restarted server does not wait for the heartbeat to go stale).
enum JobWorker {
    static let current = "\(ProcessInfo.processInfo.hostName) \(getpid())"

    static func isGone(_ worker: String) -> Bool {
        let parts = worker.split(separator: " ")
        guard parts.count == 2, String(parts[0]) == ProcessInfo.processInfo.hostName, let pid = Int32(parts[1]) else {
            return false
        }
        return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}
