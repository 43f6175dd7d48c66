import AnnualReport

/// Where JSON is written, event by event: bytes (`JSONWriter`) or a `JSONValue` (`JSONTreeBuilder`).
/// Code that lays out a document writes it once, to either.
public protocol JSONSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The next member's key; its value follows.
    mutating func key(_ key: String)
    mutating func string(_ value: String)
    /// A number as exact decimal text.
    mutating func number(_ text: String)
    mutating func number(_ value: CellNumber)
    /// A source location as the string `line:column`.
    mutating func string(_ location: SourceLocation)
    mutating func bool(_ value: Bool)
    mutating func null()
}

extension JSONSink {
    public mutating func number(_ value: CellNumber) { number(value.description) }
    /// A source location as the string `line:column`.
    public mutating func string(_ location: SourceLocation) { string(location.description) }
}

/// Writes JSON straight to UTF-8 bytes, with two-space indentation or compact, non-ASCII as is.
public struct JSONWriter: JSONSink {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// Members or elements written in each open container, innermost last.
    private var counts: [Int] = []
    private var afterKey = false

    /// A writer; `pretty` indents by two spaces per level.
    public init(pretty: Bool, capacity: Int = 4_096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The text written.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func newline(_ level: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// Before a value: the comma and line break of an element, nothing after a key.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        startMember()
    }

    private mutating func startMember() {
        guard let last = counts.indices.last else { return }
        if counts[last] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[last] += 1
        if pretty { newline(counts.count) }
    }

    private mutating func close(_ byte: UInt8) {
        let written = counts.popLast() ?? 0
        if pretty && written > 0 { newline(counts.count) }
        bytes.append(byte)
    }

    public mutating func beginObject() {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        counts.append(0)
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        startValue()
        bytes.append(UInt8(ascii: "["))
        counts.append(0)
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ key: String) {
        startMember()
        quote(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        startValue()
        quote(value)
    }

    public mutating func number(_ text: String) {
        startValue()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func number(_ value: CellNumber) {
        guard value.scale == 0 else { return number(value.description) }
        startValue()
        if value.mantissa < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.mantissa.magnitude)
    }

    public mutating func string(_ location: SourceLocation) {
        if location.place != nil { return string(location.description) }
        startValue()
        bytes.append(UInt8(ascii: "\""))
        appendInteger(location.line)
        bytes.append(UInt8(ascii: ":"))
        appendInteger(location.column)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude))
    }

    /// Decimal digits without building a string.
    private mutating func appendDigits(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    public mutating func bool(_ value: Bool) {
        startValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        startValue()
        bytes.append(contentsOf: "null".utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func quote(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied whole.
            var runStart = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
                default:
                    bytes.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xf)],
                    ])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Builds a `JSONValue` from the same events.
public struct JSONTreeBuilder: JSONSink {
    private enum Open {
        case object([(String, JSONValue)], key: String?)
        case array([JSONValue])
    }

    private var stack: [Open] = []
    /// The value built, once its outermost container is closed.
    public private(set) var value: JSONValue = .null

    public init() {}

    private mutating func add(_ item: JSONValue) {
        guard let top = stack.popLast() else {
            value = item
            return
        }
        switch top {
        case .object(var members, let key):
            members.append((key ?? "", item))
            stack.append(.object(members, key: nil))
        case .array(var items):
            items.append(item)
            stack.append(.array(items))
        }
    }

    public mutating func beginObject() { stack.append(.object([], key: nil)) }

    public mutating func endObject() {
        guard case .object(let members, _)? = stack.popLast() else { return }
        add(.object(members))
    }

    public mutating func beginArray() { stack.append(.array([])) }

    public mutating func endArray() {
        guard case .array(let items)? = stack.popLast() else { return }
        add(.array(items))
    }

    public mutating func key(_ key: String) {
        guard case .object(let members, _)? = stack.popLast() else { return }
        stack.append(.object(members, key: key))
    }

    public mutating func string(_ value: String) { add(.string(value)) }
    public mutating func number(_ text: String) { add(.number(text)) }
    public mutating func bool(_ value: Bool) { add(.bool(value)) }
    public mutating func null() { add(.null) }
}

extension JSONValue {
    /// Writes the value's events to `sink`.
    public func write<Sink: JSONSink>(to sink: inout Sink) {
        switch self {
        case .null: sink.null()
        case .bool(let b): sink.bool(b)
        case .number(let n): sink.number(n)
        case .string(let s): sink.string(s)
        case .array(let items):
            sink.beginArray()
            for item in items { item.write(to: &sink) }
            sink.endArray()
        case .object(let members):
            sink.beginObject()
            for (key, value) in members {
                sink.key(key)
                value.write(to: &sink)
            }
            sink.endObject()
        }
    }
}
