import SQLKit

/// Connections that only read, beside the store's one writer: a page's queries run here, side by
/// side, and never wait for an import's transaction (SQLite in WAL mode and PostgreSQL both let a
/// reader see what was committed while a writer works).
actor ReaderPool {
    private var idle: [any SQLDatabase]
    private var waiting: [CheckedContinuation<any SQLDatabase, Never>] = []

    init(_ connections: [any SQLDatabase]) { idle = connections }

    /// Runs `body` on a free reader, waiting for one when all are busy.
    func withReader<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader: any SQLDatabase
        if let free = idle.popLast() {
            reader = free
        } else {
            reader = await withCheckedContinuation { waiting.append($0) }
        }
        defer {
            if waiting.isEmpty { idle.append(reader) } else { waiting.removeFirst().resume(returning: reader) }
        }
        return try await body(reader)
    }
}
