import Foundation

/// The shipped fixtures (seeds, text/HTML/Markdown samples, expected values) and `../shared/`.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Text sources with their expected-values file.
    static let textReports: [(source: URL, expected: URL)] = {
        let seeds = [
            "000_310871bd08bd093a", "001_c6d2da25662234b0", "002_09886ce637bf6d9d", "003_e5e51e0cfe3bc0cf",
            "004_7f2f36b97c6d827f",
        ]
        .map { (root.appendingPathComponent("seeds/\($0).txt"), root.appendingPathComponent("expected/\($0).json")) }
        let samples = ["上海市人民政府办公厅2025年度报告.md", "平潭综合实验区2019年度报告.txt", "平潭综合实验区2022年度报告.txt"].map { name in
            (
                root.appendingPathComponent("samples/\(name)"),
                root.appendingPathComponent("expected/\(name.split(separator: ".")[0]).json")
            )
        }
        return seeds + samples
    }()

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func expected(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }
}
