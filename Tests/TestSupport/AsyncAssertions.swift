import XCTest

/// `XCTAssertThrowsError` for an expression that awaits: fails when it does not throw, and hands the
/// error to `handler` when it does.
public func assertThrowsAsync<T>(
    _ expression: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line,
    _ handler: (any Error) -> Void = { _ in }
) async {
    do {
        _ = try await expression()
        XCTFail("no error was thrown", file: file, line: line)
    } catch {
        handler(error)
    }
}
