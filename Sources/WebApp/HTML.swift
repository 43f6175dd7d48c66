import ReportWriter

/// Markup that is safe by construction: in an `HTML` literal the literal text is markup, and every
/// interpolated value is escaped — a String, a number, anything printable — unless it is `HTML`
/// already. Nothing from a report, a user or a request can reach a page unescaped by forgetting to
/// escape it; the one way around is `\(trusted:)`, for markup made by our own writers.
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// The markup.
    private(set) var text: String

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    /// Markup from a writer that escapes what it writes (`HTMLWriter`), taken as it is.
    init(trusted markup: String) { text = markup }

    static let empty: HTML = ""

    var isEmpty: Bool { text.isEmpty }

    static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }
    static func += (a: inout HTML, b: HTML) { a.text += b.text }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// Markup, kept.
        mutating func appendInterpolation(_ html: HTML) { text += html.text }

        /// Text, escaped.
        mutating func appendInterpolation(_ value: String) { text += HTMLWriter.escape(value) }

        /// Anything printable (numbers, cell values), escaped.
        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            text += HTMLWriter.escape(value.description)
        }

        /// A value for a URL's query: percent-encoded, then escaped.
        mutating func appendInterpolation(query value: String) {
            text += HTMLWriter.escape(WebApp.percentEncoded(value))
        }

        /// Markup from a writer that escapes what it writes.
        mutating func appendInterpolation(trusted markup: String) { text += markup }
    }
}

extension Sequence where Element == HTML {
    /// The pieces one after another, with `separator` between.
    func joined(separator: HTML = "") -> HTML {
        var out = HTML.empty
        for (n, piece) in enumerated() {
            if n > 0 { out += separator }
            out += piece
        }
        return out
    }
}
