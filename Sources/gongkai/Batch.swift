import AnnualReport
import Foundation
import ReportReader
import ReportSources
import ReportWriter

/// Reads every input — files, `-`, and folders searched recursively — one bad file never stopping
/// the rest, with a progress bar on a terminal and a summary at the end.
struct Batch {
    struct Item {
        let origin: String
        /// The path below the folder it was found in (for `--out`).
        let relativePath: String
        let result: Result<Report, ReadError>
    }

    /// Expands folders into the files below them (hidden files and folders skipped), in order.
    static func expand(_ inputs: [String]) -> [(path: String, relative: String)] {
        var files: [(String, String)] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                let root = URL(fileURLWithPath: input)
                let enumerator = FileManager.default.enumerator(
                    at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
                var found: [String] = []
                while let url = enumerator?.nextObject() as? URL {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { found.append(url.path) }
                }
                for path in found.sorted() {
                    files.append((path, String(path.dropFirst(root.path.count).drop { $0 == "/" })))
                }
            } else {
                files.append((input, URL(fileURLWithPath: input).lastPathComponent))
            }
        }
        return files
    }

    static func read(_ inputs: [String], progress: Bool) async -> [Item] {
        let files = expand(inputs)
        var items: [Item] = []
        let showBar = progress && files.count > 1 && isatty(STDERR_FILENO) == 1
        for (n, file) in files.enumerated() {
            if showBar { drawBar(done: n, total: files.count, current: file.relative) }
            let result: Result<Report, ReadError>
            do {
                result = .success(try await Inputs.report(bytes: Inputs.bytes(of: file.path), origin: file.path))
            } catch let error as ReadError {
                result = .failure(error)
            } catch let error as InputError {
                result = .failure(ReadError(origin: file.path, problem: .unreadable(error.description)))
            } catch {
                result = .failure(ReadError(origin: file.path, problem: .unreadable("\(error)")))
            }
            items.append(Item(origin: file.path, relativePath: file.relative, result: result))
        }
        if showBar { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        return items
    }

    private static func drawBar(done: Int, total: Int, current: String) {
        let width = 30
        let filled = width * done / max(total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let name = current.count > 40 ? "…" + current.suffix(39) : current
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(done)/\(total) \(name)".utf8))
    }

    /// How many reports were read fully, partly (cells uncertain or missing) and not at all, and why.
    static func summary(_ items: [Item]) -> String {
        var full = 0, partly = 0
        var reasons: [String: Int] = [:]
        var failures: [String] = []
        for item in items {
            switch item.result {
            case .success(let report):
                let open = report.cells.filter { $0.status == .uncertain || $0.status == .missing }.count
                if open == 0 { full += 1 } else { partly += 1 }
            case .failure(let error):
                reasons[reason(error.problem), default: 0] += 1
                failures.append(error.description)
            }
        }
        var out = "\(items.count) 个文件：完整读取 \(full)，部分读取 \(partly)（有无法确定或缺失的单元格），未能读取 \(failures.count)"
        if !reasons.isEmpty {
            out += "\n  未能读取的原因：" + reasons.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: "，")
            for failure in failures.prefix(20) { out += "\n  " + failure }
            if failures.count > 20 { out += "\n  … 另有 \(failures.count - 20) 个" }
        }
        return out
    }

    private static func reason(_ problem: ReadError.Problem) -> String {
        switch problem {
        case .empty: "空文件"
        case .binary: "二进制文件"
        case .undecodable: "无法解码的文本"
        case .notAReport: "不是年度报告"
        case .noStatutoryTables: "无法定表格（自由格式报告）"
        case .unreadable: "无法打开"
        case .missingTool(let name, _): "缺少工具 \(name)"
        case .toolFailed(let name, _): "\(name) 读取失败"
        case .unsupported: "不支持或已损坏"
        case .tooLarge: "文件过大"
        }
    }

    /// Writes `text` to `out/relativePath + suffix`, creating folders.
    static func write(_ text: String, out: String, relativePath: String, suffix: String) throws {
        let url = URL(fileURLWithPath: out).appendingPathComponent(relativePath + suffix)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((text + "\n").utf8).write(to: url, options: .atomic)
    }
}
