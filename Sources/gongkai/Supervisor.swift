import Foundation

/// `gongkai serve` runs the server as a child process and starts it again when it dies of a signal
/// (a trap on a hostile file, the kernel's OOM killer): the library keeps serving, and the import
/// job that was being read is taken up by the new server. SIGINT and SIGTERM are passed on and end
/// both; more than `maxRestarts` deaths within a minute end the supervisor too.
enum Supervisor {
    static let childFlag = "--supervised-child"
    /// Each file that stops the reader costs a death or two before its job fails it: room for a few.
    static let maxRestarts = 20

    static func run(arguments: [String]) async throws -> Int32 {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopping = Flag()
        var deaths: [Date] = []
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        let current = ChildBox()
        for source in sources {
            source.setEventHandler {
                stopping.set()
                if let child = current.process, child.isRunning { child.terminate() }
            }
            source.resume()
        }
        while !stopping.isSet {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = arguments + [childFlag]
            current.process = child
            let status: (reason: Process.TerminationReason, code: Int32) = try await withCheckedThrowingContinuation { done in
                child.terminationHandler = { done.resume(returning: ($0.terminationReason, $0.terminationStatus)) }
                do {
                    try child.run()
                    if stopping.isSet { child.terminate() }  // a signal came while it was starting
                } catch {
                    done.resume(throwing: error)
                }
            }
            if stopping.isSet || status.reason == .exit { return status.code }
            deaths = deaths.filter { $0.timeIntervalSinceNow > -60 } + [Date()]
            guard deaths.count <= maxRestarts else {
                FileHandle.standardError.write(Data("gongkai: 服务进程一分钟内中止 \(deaths.count) 次，不再重启\n".utf8))
                return 1
            }
            FileHandle.standardError.write(Data("gongkai: 服务进程因信号 \(status.code) 中止，1 秒后重启\n".utf8))
            try await Task.sleep(for: .seconds(1))
        }
        return 0
    }

    /// In the child: take back the signals the supervisor ignores (ignoring is inherited), and end
    /// when the supervisor is gone (killed with -9, say) rather than serve on unsupervised.
    static func startChild() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let parent = getppid()
        Thread.detachNewThread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 1) }
            exit(0)
        }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    final class ChildBox: @unchecked Sendable {
        private let lock = NSLock()
        private var child: Process?
        var process: Process? {
            get { lock.withLock { child } }
            set { lock.withLock { child = newValue } }
        }
    }
}
