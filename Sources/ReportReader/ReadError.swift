/// Why a source could not be read: names the file and what was wrong.
public struct ReadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Sendable, Equatable {
        /// The file has no bytes.
        case empty
        /// The file is binary, not text.
        case binary
        /// The bytes are not text in any encoding the reader knows; the first bad byte's offset.
        case undecodable(byte: Int)
        /// The text is not an annual report: none of its tables or sections was found.
        case notAReport
        /// The sections are there but no row of the statutory tables: a free-form report (before the
        /// 2019 format, when `year` says so). `statements` are the figures its narrative states.
        case noStatutoryTables(year: Int?, statements: [String])
        /// The file could not be opened.
        case unreadable(String)
        /// A tool needed for this kind of file is not installed; how to install it.
        case missingTool(name: String, install: String)
        /// A tool failed on the file (a corrupt or encrypted PDF, say).
        case toolFailed(name: String, message: String)
        /// The file is not a kind the reader takes, or is damaged.
        case unsupported(String)
        /// The file is larger than any annual report.
        case tooLarge(bytes: Int, limit: Int)
    }

    /// The file (or `-` for standard input).
    public let origin: String
    /// What went wrong.
    public let problem: Problem

    /// An error.
    public init(origin: String, problem: Problem) {
        self.origin = origin
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .empty: "\(origin): the file is empty"
        case .binary: "\(origin): this is a binary file, not text, and not a PDF, Word document or image either"
        case .undecodable(let byte):
            "\(origin): the bytes are not UTF-8, UTF-16 or GB18030 text (first invalid sequence at byte \(byte))"
        case .notAReport:
            "\(origin): no annual report found — none of the statutory sections or tables (主动公开政府信息情况, 收到和处理政府信息公开申请情况, 行政复议、行政诉讼情况) is in the text"
        case .noStatutoryTables(let year, let statements):
            (year.map {
                $0 < 2019
                    ? "\(origin): a free-form report for \($0), before the statutory formats of 2019 and 2021"
                    : "\(origin): a report for \($0)"
            }
                ?? "\(origin): a report")
                + " with no statutory table: none of the rows of tables 二, 三 and 四 is in the text, so no cell is read"
                + (statements.isEmpty ? "" : "; its narrative states: " + statements.joined(separator: "；"))
        case .unreadable(let why): "\(origin): cannot read the file: \(why)"
        case .missingTool(let name, let install):
            "\(origin): reading this file needs `\(name)`, which is not installed (\(install))"
        case .toolFailed(let name, let message): "\(origin): \(name) could not read the file: \(message)"
        case .unsupported(let why): "\(origin): \(why)"
        case .tooLarge(let bytes, let limit):
            "\(origin): the file is \(bytes / 1_000_000) MB; an annual report is far smaller (limit \(limit / 1_000_000) MB for this kind of file)"
        }
    }
}
