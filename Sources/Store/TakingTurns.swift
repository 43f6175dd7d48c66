import Logging
import NIOCore
import SQLKit

/// The store's one connection, used by one unit of work at a time: a transaction holds it from
/// BEGIN to COMMIT, and any statement from elsewhere (a sign-in's session, a page's query) waits for
/// its turn instead of running inside someone else's transaction — where it would vanish with a
/// rollback, or read what was never committed. Statements of the task holding the turn (a
/// task-local says which) go straight through.
final class TakingTurns: SQLDatabase, Sendable {
    let base: any SQLDatabase
    private let turns = Turns()
    private let readers: ReaderPool?

    @TaskLocal static var holdsTurn = false
    /// Whether this task is inside a transaction (a nested one is part of it).
    @TaskLocal static var inTransaction = false

    /// The writer `base`, and connections that only read: a SELECT outside a transaction goes to
    /// one of those, without waiting for the writer.
    init(_ base: any SQLDatabase, readers: [any SQLDatabase] = []) {
        self.base = base
        self.readers = readers.isEmpty ? nil : ReaderPool(readers)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if !Self.holdsTurn, let readers, Self.onlyReads(serialize(query).sql) {
            return try await readers.withReader { try await $0.execute(sql: query, onRow) }
        }
        try await exclusively { try await self.base.execute(sql: query, onRow) }
    }

    /// A plain query (no locks taken, nothing changed), which a reader may answer.
    static func onlyReads(_ sql: String) -> Bool {
        let head = sql.drop { $0 == " " || $0 == "\n" || $0 == "(" }.prefix(7).uppercased()
        return head.hasPrefix("SELECT ") && !sql.contains("pg_advisory") && !sql.uppercased().contains(" FOR UPDATE")
    }

    /// Runs `body` holding the connection (at once, when this task holds it already).
    func exclusively<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T) async throws -> T {
        if Self.holdsTurn { return try await body() }
        await turns.acquire()
        do {
            let result = try await Self.$holdsTurn.withValue(true) { try await body() }
            await turns.release()
            return result
        } catch {
            await turns.release()
            throw error
        }
    }

    /// A first-come, first-served lock for async code.
    private actor Turns {
        private var held = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            if !held {
                held = true
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
        }
    }
}
