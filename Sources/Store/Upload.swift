import Foundation
import ReportReader
import ReportSources
import ZIPFoundation

/// One file of an upload and what became of it.
public struct UploadResult: Sendable {
    public let name: String
    public let outcome: ImportOutcome
}

/// Limits on what a ZIP upload may expand to, so that a small archive cannot fill the disk.
public struct ArchiveLimits: Sendable {
    public var maxEntries = 10_000
    public var maxTotalBytes = 1 << 30
    public var maxEntryBytes = 200 << 20

    public init() {}
}

extension ReportStore {
    /// How many files are prepared side by side and stored in one transaction.
    public static let importBatch = 32

    /// Imports uploaded files: reports in any format the reader takes, or ZIPs of them (folders
    /// inside are walked; Word files, which are ZIPs too, are reports). Every file gets a result, in
    /// order; one bad file never stops the rest.
    public nonisolated func importUploads(
        _ files: [(bytes: [UInt8], name: String)], limits: ArchiveLimits = ArchiveLimits()
    ) async throws -> [UploadResult] {
        enum Item {
            case file([UInt8], String)
            case failed(UploadResult)
        }
        var items: [Item] = []
        for file in files {
            guard SourceKind.sniff(file.bytes, name: file.name) == .otherZip else {
                items.append(.file(file.bytes, file.name))
                continue
            }
            do {
                var entries: [Item] = []
                try await Self.unpack(zip: file.bytes, name: file.name, limits: limits) { entry, bytes in
                    entries.append(.file(bytes, "\(file.name)/\(entry)"))
                }
                items += entries
            } catch let error as ReadError {
                items.append(.failed(UploadResult(name: file.name, outcome: .failed(error))))
            }
        }
        var results: [UploadResult] = []
        var i = 0
        while i < items.count {
            if case .failed(let result) = items[i] {
                results.append(result)
                i += 1
                continue
            }
            var chunk: [(bytes: [UInt8], name: String)] = []
            while i < items.count, chunk.count < Self.importBatch, case .file(let bytes, let name) = items[i] {
                chunk.append((bytes, name))
                i += 1
            }
            let outcomes = try await importFiles(chunk)
            results += zip(chunk, outcomes).map { UploadResult(name: $0.0.name, outcome: $0.1) }
        }
        return results
    }

    /// Unpacks a ZIP one entry at a time, handing each file (not folders, not `.`-files or
    /// `__MACOSX/`) to `each` before the next is unpacked; counts what actually comes out against
    /// `limits`, since the sizes in a ZIP's headers can lie. A damaged or truncated archive is named
    /// as such.
    static func unpack(
        zip bytes: [UInt8], name: String, limits: ArchiveLimits, each: (String, [UInt8]) async throws -> Void
    ) async throws {
        let archive: Archive
        try ZIPPreflight.check(bytes, origin: name)
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw ReadError(origin: name, problem: .unsupported("not a readable ZIP archive (\(error))"))
        }
        var count = 0
        var total = 0
        for entry in archive where entry.type == .file {
            let base = URL(fileURLWithPath: entry.path).lastPathComponent
            if base.hasPrefix(".") || entry.path.hasPrefix("__MACOSX/") { continue }
            guard count < limits.maxEntries else {
                throw ReadError(origin: name, problem: .unsupported("the ZIP holds more than \(limits.maxEntries) files"))
            }
            guard entry.uncompressedSize <= UInt64(limits.maxEntryBytes) else {
                throw ReadError(
                    origin: "\(name)/\(entry.path)",
                    problem: .tooLarge(bytes: Int(entry.uncompressedSize), limit: limits.maxEntryBytes))
            }
            var data = Data()
            let room = min(limits.maxEntryBytes, limits.maxTotalBytes - total)
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= room else { throw ArchiveLimitExceeded() }
                    data.append(chunk)
                }
            } catch is ArchiveLimitExceeded {
                throw ReadError(
                    origin: "\(name)/\(entry.path)",
                    problem: .unsupported(
                        "the ZIP unpacks to more than the limit (\(limits.maxTotalBytes >> 20) MB in all, \(limits.maxEntryBytes >> 20) MB a file)"
                    ))
            } catch {
                throw ReadError(origin: "\(name)/\(entry.path)", problem: .unreadable("cannot unpack it from the ZIP (\(error))"))
            }
            total += data.count
            count += 1
            try await each(entry.path, [UInt8](data))
        }
    }
}

private struct ArchiveLimitExceeded: Error {}
