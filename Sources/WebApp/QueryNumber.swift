import Hummingbird

/// Numbers a client sends are range-checked before any arithmetic: a value out of range is the
/// client's mistake (400), never a trap in the server.
enum QueryNumber {
    /// Years a report can cover.
    static let years = 1990...2200
    /// Database ids.
    static let ids = 0...Int(Int32.max)
    /// Pages of a listing: far more than any library has, and small enough that `page × size` cannot overflow.
    static let pages = 1...1_000_000

    /// The whole number `name` of the query string, nil when absent or empty; 400 when it is not a
    /// whole number in `range`.
    static func get(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError(
                .badRequest, message: "参数 \(name) 须为 \(range.lowerBound)–\(range.upperBound) 之间的整数（收到 \(text.prefix(40))）")
        }
        return value
    }

    /// The id in the path parameter `name`; 400 when it is not an id, so that no later arithmetic
    /// or database bind meets an absurd value.
    static func id(_ context: some RequestContext, _ name: String = "id") throws -> Int {
        let text = try context.parameters.require(name)
        guard let value = Int(text), ids.contains(value) else {
            throw HTTPError(.badRequest, message: "\(name) 须为 \(ids.lowerBound)–\(ids.upperBound) 之间的整数（收到 \(text.prefix(40))）")
        }
        return value
    }
}
