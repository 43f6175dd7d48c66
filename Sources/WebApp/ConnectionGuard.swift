import HTTPTypes
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// Guards a connection from clients that hold sockets without using them: at most
/// `perAddress` open connections from one address, and the first request's head must arrive
/// within `headDeadline` (Hummingbird's idle timeout ends a connection that goes quiet, but one
/// that trickles a byte at a time would keep it alive).
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// Open connections per address, shared by every connection of the server.
    final class Counts: Sendable {
        private let counts = NIOLockedValueBox<[String: Int]>([:])

        func open(_ address: String, limit: Int) -> Bool {
            counts.withLockedValue { counts in
                let n = counts[address, default: 0]
                guard n < limit else { return false }
                counts[address] = n + 1
                return true
            }
        }

        func close(_ address: String) {
            counts.withLockedValue { counts in
                let n = counts[address, default: 0] - 1
                counts[address] = n > 0 ? n : nil
            }
        }
    }

    private let counts: Counts
    private let perAddress: Int
    private let headDeadline: TimeAmount
    private var address: String?
    private var headSeen = false
    private var deadline: Scheduled<Void>?

    init(counts: Counts, perAddress: Int, headDeadline: TimeAmount) {
        self.counts = counts
        self.perAddress = perAddress
        self.headDeadline = headDeadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard counts.open(address, limit: perAddress) else {
            context.close(promise: nil)
            return
        }
        self.address = address
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: headDeadline) { [weak self] in
            guard let self, !self.headSeen else { return }
            loopBound.value.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !headSeen, case .head = unwrapInboundIn(data) {
            headSeen = true
            deadline?.cancel()
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        if let address {
            counts.close(address)
            self.address = nil
        }
    }
}
