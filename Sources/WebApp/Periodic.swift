import Logging
import ServiceLifecycle

/// Work done every `interval` beside the HTTP server, stopping with it: taking up orphaned import
/// jobs, printing notices, sending mail, deleting expired personal data. A round that fails is
/// logged and the next one goes on.
struct Periodic: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let round: @Sendable () async throws -> Void

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await round()
            } catch {
                logger.error("\(name): \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
