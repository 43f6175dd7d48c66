import Foundation
import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where mail goes: an SMTP server (a local relay or the agency's mail server), plain SMTP with
/// AUTH PLAIN when a user is given.
public struct MailConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// The sender address.
    public var from: String
    /// The site's public address, joined to the links in mail (`https://gongkai.example.gov.cn`).
    public var publicURL: String

    /// From `smtp://[user:password@]host[:port]`; nil when it is not such a URL.
    public init?(url: String, from: String, publicURL: String) {
        guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host, !host.isEmpty,
            from.contains("@")
        else { return nil }
        self.host = host
        port = components.port ?? 25
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        self.from = from
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }
}

/// Sends one message over SMTP with blocking sockets and timeouts (run it off the event loops).
enum SMTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `body` (plain text, UTF-8) to `recipient`.
    static func send(_ configuration: MailConfiguration, to recipient: String, subject: String, body: String) throws {
        guard MailAddress.isValid(recipient), MailAddress.isValid(configuration.from) else {
            throw Failure(description: "not a mail address (refused before any SMTP command)")
        }
        let connection = try Connection(host: configuration.host, port: configuration.port)
        defer { connection.close() }
        try connection.expect(220)
        try connection.command("EHLO gongkai", expect: 250)
        if let user = configuration.username {
            let token = Data(([0] + Array(user.utf8) + [0] + Array((configuration.password ?? "").utf8))).base64EncodedString()
            try connection.command("AUTH PLAIN \(token)", expect: 235)
        }
        try connection.command("MAIL FROM:<\(configuration.from)>", expect: 250)
        try connection.command("RCPT TO:<\(recipient)>", expect: 250)
        try connection.command("DATA", expect: 354)
        try connection.write(message(from: configuration.from, to: recipient, subject: subject, body: body) + "\r\n.\r\n")
        try connection.expect(250)
        try? connection.command("QUIT", expect: 221)
    }

    /// The message: headers (the subject in RFC 2047 form) and the body in base64, 76 to a line.
    static func message(from: String, to: String, subject: String, body: String) -> String {
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encoded = Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        return [
            "From: <\(from)>", "To: <\(to)>", "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(date.string(from: Date()))", "Message-ID: <\(UUID().uuidString)@\(domain)>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "", encoded,
        ].joined(separator: "\r\n")
    }

    /// A TCP connection read line by line, every read and write bounded by a timeout.
    final class Connection {
        private let fd: Int32
        private var buffer: [UInt8] = []

        init(host: String, port: Int, timeoutSeconds: Int = 30) throws {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            #if os(Linux)
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            #else
                hints.ai_socktype = SOCK_STREAM
            #endif
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
                throw Failure(description: "cannot resolve \(host)")
            }
            defer { freeaddrinfo(list) }
            var connected: Int32 = -1
            var entry: UnsafeMutablePointer<addrinfo>? = first
            while let current = entry {
                let candidate = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
                if candidate >= 0 {
                    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                    setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    if connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                        connected = candidate
                        break
                    }
                    closeSocket(candidate)
                }
                entry = current.pointee.ai_next
            }
            guard connected >= 0 else { throw Failure(description: "cannot connect to \(host):\(port)") }
            fd = connected
        }

        func close() { closeSocket(fd) }

        func write(_ text: String) throws {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let sent = bytes.withUnsafeBytes { sendBytes(fd, $0) }
                guard sent > 0 else { throw Failure(description: "the connection closed while sending") }
                bytes = bytes.dropFirst(sent)
            }
        }

        func command(_ line: String, expect code: Int) throws {
            try write(line + "\r\n")
            try expect(code)
        }

        /// Reads a reply (every line of a multi-line one) and checks its code.
        func expect(_ code: Int) throws {
            while true {
                let line = try readLine()
                guard line.count >= 3, let got = Int(line.prefix(3)) else {
                    throw Failure(description: "not an SMTP reply: \(line.prefix(80))")
                }
                guard got == code else {
                    throw Failure(description: "SMTP server answered \(line.prefix(200)) (expected \(code))")
                }
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return }
            }
        }

        private func readLine() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    buffer.removeSubrange(...end)
                    return line
                }
                guard buffer.count < 65_536 else { throw Failure(description: "an SMTP reply line too long") }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else {
                    throw Failure(description: "the SMTP server closed the connection or did not answer in time")
                }
                buffer += chunk[..<count]
            }
        }
    }
}

private func closeSocket(_ fd: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(fd)
    #else
        _ = Darwin.close(fd)
    #endif
}

private func sendBytes(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    #if canImport(Glibc)
        Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    #else
        Darwin.send(fd, bytes.baseAddress, bytes.count, 0)
    #endif
}
