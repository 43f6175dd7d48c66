import Foundation
import ReportReader
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// A command-line tool Gongkai uses at the edge (pdftotext, pdftoppm, tesseract, libreoffice),
/// looked up on PATH at run time.
public struct ExternalTool: Sendable {
    /// The command name.
    public let name: String
    /// The Debian/Ubuntu packages that provide it.
    public let package: String

    /// A tool and the packages that install it.
    public init(name: String, package: String) {
        self.name = name
        self.package = package
    }

    public static let pdftotext = ExternalTool(name: "pdftotext", package: "poppler-utils")
    public static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")
    public static let tesseract = ExternalTool(name: "tesseract", package: "tesseract-ocr tesseract-ocr-chi-sim")
    public static let libreoffice = ExternalTool(name: "libreoffice", package: "libreoffice-writer-nogui")

    /// Most bytes of standard output kept before the tool is stopped and its run refused.
    public static let outputLimit = 64 << 20
    /// The first bytes of standard error kept for the message of a failed run; the rest is read and dropped.
    static let messageLimit = 16 << 10

    /// The executable's path, or nil when it is not installed.
    public var path: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for dir in paths {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the tool and returns its standard output. A run over `timeout`, or writing more than
    /// `outputLimit` bytes, is stopped (SIGTERM, then SIGKILL) and refused. The tool runs in a process
    /// group of its own, killed afterwards, so that nothing it started outlives it (LibreOffice's
    /// `soffice.bin`). `environment` is added to the inherited one. Throws a `ReadError` naming the package when the tool is missing, and the
    /// tool's message when it fails.
    public func run(
        _ arguments: [String], origin: String, timeout: Duration = .seconds(120), outputLimit: Int = Self.outputLimit,
        environment: [String: String] = [:]
    ) async throws -> [UInt8] {
        guard let path else {
            throw ReadError(origin: origin, problem: .missingTool(name: name, install: "apt-get install \(package)"))
        }
        enum Outcome: Sendable {
            case finished(status: TerminationStatus, output: [UInt8], error: String?)
            case timedOut
        }
        let options = {
            var options = PlatformOptions()
            options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
            options.processGroupID = 0
            return options
        }()
        let started = StartedProcess()
        defer { started.killGroup() }
        let outcome: Outcome
        do {
            // The time limit starts once a slot is free.
            outcome = try await ToolSlots.shared.withSlot {
                try await withThrowingTaskGroup(of: Outcome.self) { group in
                    group.addTask {
                        let result = try await Subprocess.run(
                            .path(FilePath(path)), arguments: Arguments(arguments),
                            environment: .inherit.updating(
                                Dictionary(
                                    uniqueKeysWithValues: environment.compactMap { key, value in
                                        Environment.Key(rawValue: key).map { ($0, value) }
                                    })),
                            platformOptions: options, input: .none,
                            output: .bytes(limit: outputLimit), error: .sequence
                        ) { execution in
                            started.record(execution.processIdentifier.value)
                            var message: [UInt8] = []
                            for try await chunk in execution.standardError where message.count < Self.messageLimit {
                                chunk.withUnsafeBytes { message.append(contentsOf: $0.prefix(Self.messageLimit - message.count)) }
                            }
                            return String(decoding: message, as: UTF8.self)
                        }
                        return .finished(
                            status: result.terminationStatus, output: result.standardOutput, error: result.closureResult)
                    }
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        return .timedOut
                    }
                    defer { group.cancelAll() }
                    guard let first = try await group.next() else { return .timedOut }
                    return first
                }
            }
        } catch let error as SubprocessError where error.code == .init(.outputLimitExceeded) {
            throw ReadError(origin: origin, problem: .toolFailed(name: name, message: "more than \(outputLimit) bytes of output"))
        } catch let error as SubprocessError {
            throw ReadError(origin: origin, problem: .toolFailed(name: name, message: "\(error)"))
        } catch is CancellationError {
            throw ReadError(origin: origin, problem: .toolFailed(name: name, message: "stopped: the work was cancelled"))
        }
        switch outcome {
        case .timedOut:
            throw ReadError(origin: origin, problem: .toolFailed(name: name, message: "no answer after \(timeout)"))
        case .finished(.exited(0), let output, _):
            return output
        case .finished(let status, _, let error):
            let message = (error ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw ReadError(
                origin: origin,
                problem: .toolFailed(name: name, message: message.isEmpty ? "\(status)" : String(message.prefix(2_000))))
        }
    }
}

/// The process group of a tool once it has started: what is left of it is killed when the run ends.
final class StartedProcess: @unchecked Sendable {
    // NSLock rather than Mutex, which needs macOS 15.
    private let lock = NSLock()
    private var pid: pid_t?

    func record(_ pid: pid_t) {
        lock.withLock { self.pid = pid }
        RunningTools.shared.add(pid)
    }

    func killGroup() {
        guard let pid = lock.withLock({ self.pid }), pid > 0 else { return }
        kill(-pid, SIGKILL)
        RunningTools.shared.remove(pid)
    }
}

/// The process groups of the tools running now. They are groups of their own, so a Ctrl-C on the
/// terminal does not reach them: `ExternalTool.stopOnInterrupt()` stops them itself.
final class RunningTools: @unchecked Sendable {
    static let shared = RunningTools()

    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var stopping = false

    /// Records a tool's group; one that starts after `killAll` is killed at once.
    func add(_ pid: pid_t) {
        let late = lock.withLock {
            groups.insert(pid)
            return stopping
        }
        if late && pid > 0 { kill(-pid, SIGKILL) }
    }

    func remove(_ pid: pid_t) { lock.withLock { _ = groups.remove(pid) } }

    /// Kills every group still running, and every one that starts from now on.
    func killAll() {
        let running = lock.withLock {
            stopping = true
            return groups
        }
        for pid in running where pid > 0 { kill(-pid, SIGKILL) }
    }
}

extension ExternalTool {
    /// Makes SIGINT (Ctrl-C) and SIGTERM stop the running tools' process groups before the process
    /// ends as the signal would end it. For command-line programs; a server has its own shutdown.
    public static func stopOnInterrupt() {
        guard InterruptSources.shared.install() else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            // A signal the parent ignores (a job started in the background) stays ignored.
            let previous = signal(signalNumber, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                signal(signalNumber, SIG_DFL)
                RunningTools.shared.killAll()
                // To the process, not this thread (a dispatch thread blocks signals); should it not
                // arrive, end as a shell reports a signal.
                kill(getpid(), signalNumber)
                usleep(200_000)
                _exit(128 + signalNumber)
            }
            source.resume()
            InterruptSources.shared.keep(source)
        }
    }
}

/// The signal sources, kept alive for the life of the process.
final class InterruptSources: @unchecked Sendable {
    static let shared = InterruptSources()
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var installed = false

    /// True the first time only.
    func install() -> Bool {
        lock.withLock {
            defer { installed = true }
            return !installed
        }
    }

    func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }
}

/// At most as many external tools at once as there are processors: a batch of PDFs imported together
/// waits its turn instead of starting a process per file.
actor ToolSlots {
    static let shared = ToolSlots(count: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
