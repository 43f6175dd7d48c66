import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// The context of every request: Hummingbird's core context and the address the request came from
/// (sign-in throttling counts per address).
public struct AppContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection; nil in router tests.
    public let remoteAddress: SocketAddress?
    /// The signed-in reviewer's session, filled by `Auth.SessionMiddleware`; nil for the public.
    public var session: Session?

    /// A context for a request arriving on a channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address for throttling: the connection's peer, or with `behindProxy` the last
    /// address the proxy appended to X-Forwarded-For.
    func clientAddress(_ request: Request, behindProxy: Bool) -> String {
        if behindProxy, let name = HTTPField.Name("X-Forwarded-For"), let forwarded = request.headers[name],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return String(last.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
