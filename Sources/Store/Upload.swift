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
    /// Imports an uploaded file: a report in any format the reader takes, or a ZIP of them (folders
    /// inside are walked; Word files, which are ZIPs too, are reports). Every file gets a result; one
    /// bad file never stops the rest.
    public func importUpload(bytes: [UInt8], name: String, limits: ArchiveLimits = ArchiveLimits()) async throws -> [UploadResult]
    {
        guard SourceKind.sniff(bytes, name: name) == .otherZip else {
            return [UploadResult(name: name, outcome: try await importFile(bytes: bytes, name: name))]
        }
        let entries: [(name: String, bytes: [UInt8])]
        do {
            entries = try Self.expand(zip: bytes, name: name, limits: limits)
        } catch let error as ReadError {
            return [UploadResult(name: name, outcome: .failed(error))]
        }
        var results: [UploadResult] = []
        for entry in entries {
            let qualified = "\(name)/\(entry.name)"
            results.append(UploadResult(name: qualified, outcome: try await importFile(bytes: entry.bytes, name: qualified)))
        }
        return results
    }

    static func expand(zip bytes: [UInt8], name: String, limits: ArchiveLimits) throws -> [(name: String, bytes: [UInt8])] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw ReadError(origin: name, problem: .unsupported("not a readable ZIP archive (\(error))"))
        }
        var out: [(name: String, bytes: [UInt8])] = []
        var total = 0
        for entry in archive where entry.type == .file {
            let base = URL(fileURLWithPath: entry.path).lastPathComponent
            if base.hasPrefix(".") || entry.path.hasPrefix("__MACOSX/") { continue }
            guard out.count < limits.maxEntries else {
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
                // The sizes in a ZIP's headers can lie: count what actually comes out.
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
            out.append((entry.path, [UInt8](data)))
        }
        return out
    }
}

private struct ArchiveLimitExceeded: Error {}
