import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// The store's PostgreSQL connection, opened again when the server dropped it (a restart, a
/// failover, an idle timeout): the statement that finds it closed reconnects first, so the library
/// recovers by itself. Never inside a transaction — statements after a reconnect would run outside
/// it — so a transaction that loses its connection fails whole and stores nothing.
final class ReconnectingPostgres: SQLDatabase, Sendable {
    private let holder: Holder
    let logger: Logger

    init(first: PostgresConnection, configuration: PostgresConnection.Configuration, logger: Logger) {
        holder = Holder(connection: first, configuration: configuration, logger: logger)
        self.logger = logger
    }

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await holder.live().sql().execute(sql: query, onRow)
    }

    /// A transaction begins: until `unpin`, a lost connection is an error, not a reconnect.
    func pin() async { await holder.setPinned(true) }
    func unpin() async { await holder.setPinned(false) }

    func close() async throws { try await holder.close() }

    private actor Holder {
        var connection: PostgresConnection
        let configuration: PostgresConnection.Configuration
        let logger: Logger
        var pinned = false
        var reconnecting: Task<PostgresConnection, any Error>?
        var nextID = 2

        init(connection: PostgresConnection, configuration: PostgresConnection.Configuration, logger: Logger) {
            self.connection = connection
            self.configuration = configuration
            self.logger = logger
        }

        func setPinned(_ value: Bool) { pinned = value }

        func live() async throws -> PostgresConnection {
            guard connection.isClosed else { return connection }
            guard !pinned else { throw ConnectionLost() }
            if let reconnecting { return try await reconnecting.value }
            let (configuration, logger, id) = (self.configuration, self.logger, nextID)
            nextID += 1
            let task = Task { try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger) }
            reconnecting = task
            defer { reconnecting = nil }
            let fresh = try await task.value
            logger.notice("reconnected to PostgreSQL")
            connection = fresh
            return fresh
        }

        func close() async throws {
            if !connection.isClosed { try await connection.close() }
        }
    }

    /// The connection closed while a transaction was open on it.
    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the PostgreSQL connection was lost during a transaction; nothing of it was stored" }
    }
}
