import AnnualReport
import Foundation
import ReportChecks
import ReportReader
import ReportSynthesis
import TestSupport
import XCTest

/// Properties over many generated reports and damaged real ones.
final class PropertyTests: XCTestCase {
    /// Valid random reports of both formats, written in each real layout, read back: every cell is
    /// right, or (for run-together digits) uncertain with the truth among its candidates. Never wrong.
    func testGeneratedReportsReadBackInEveryLayout() throws {
        var synth = ReportSynthesizer(random: SeededRandom(state: 20_241_122))
        var certain = 0, uncertain = 0
        for iteration in 0..<240 {
            let format = iteration % 2 == 0 ? ReportFormat.v2019 : ReportFormat.v2021
            let year = format.version == .v2019 ? 2019 + iteration % 2 : 2021 + iteration % 5
            let values = synth.values(for: format)
            let layout = SynthLayout.allCases[iteration % SynthLayout.allCases.count]
            let text = synth.text(format: format, values: values, layout: layout, agency: "某市测试局", year: year)
            if ProcessInfo.processInfo.environment["GONGKAI_DUMP"] != nil {
                try text.write(toFile: "/tmp/synth-\(iteration).txt", atomically: true, encoding: .utf8)
            }
            let report = try ReportReader.read(text: text, origin: "synth-\(iteration)")
            XCTAssertEqual(report.format.version, format.version, "iteration \(iteration)")
            XCTAssertEqual(report.year, year)
            XCTAssertEqual(report.agency, "某市测试局")
            for (i, truth) in values.enumerated() {
                let cell = report.cells[i]
                let key = format.cells[i].key
                if cell.status == .uncertain, layout == .runTogether {
                    XCTAssertTrue(
                        cell.candidates.contains(truth), "\(iteration) \(layout) \(key): \(truth) not in \(cell.candidates)")
                    uncertain += 1
                } else {
                    XCTAssertEqual(cell.value, truth, "iteration \(iteration) \(layout) \(key) [\(cell.status)]")
                    certain += 1
                }
            }
            if layout != .runTogether {
                let errors = CheckCatalogue.check(report).filter { $0.severity == .error }
                XCTAssertTrue(errors.isEmpty, "a valid report got an error: \(iteration) \(errors.map(\.message))")
            }
        }
        XCTAssertGreaterThan(certain, uncertain * 5)
    }

    /// Damaged real reports — cut, shuffled, with noise and random bytes — never crash the reader,
    /// and whatever it returns keeps its promises: read cells have a value and a source; uncertain,
    /// blank and missing cells have none.
    func testMutatedReportsNeverCrashAndKeepTheInvariants() throws {
        var random = SeededRandom(state: 7)
        let sources = try Fixtures.textReports.map { try Fixtures.bytes($0.source) }
        let iterations = Int(ProcessInfo.processInfo.environment["GONGKAI_MUTATIONS"] ?? "") ?? 400
        var read = 0, rejected = 0
        for _ in 0..<iterations {
            var bytes = sources[Int.random(in: 0..<sources.count, using: &random)]
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                mutate(&bytes, random: &random)
            }
            do {
                let report = try ReportReader.read(bytes: bytes, origin: "mutant")
                read += 1
                for cell in report.cells {
                    switch cell.status {
                    case .read:
                        XCTAssertNotNil(cell.value)
                        XCTAssertNotNil(cell.source)
                    case .blank, .uncertain, .missing:
                        XCTAssertNil(cell.value)
                    }
                }
                _ = CheckCatalogue.check(report)
            } catch let error as ReadError {
                rejected += 1
                // Damage can make a report unreadable, never anything but a named reading problem.
                switch error.problem {
                case .notAReport, .noStatutoryTables, .undecodable, .binary, .empty: break
                default: XCTFail("mutant refused with \(error)")
                }
                XCTAssertTrue(error.description.hasPrefix("mutant"), error.description)
            }
        }
        print("mutation test: \(read) damaged reports read, \(rejected) refused")
        XCTAssertGreaterThan(read, iterations / 2, "most damaged reports should still be read in part")
    }

    private func mutate(_ bytes: inout [UInt8], random: inout SeededRandom) {
        guard bytes.count > 2 else {
            bytes.append(UInt8.random(in: 0...255, using: &random))
            return
        }
        let a = Int.random(in: 0..<bytes.count, using: &random)
        let b = min(bytes.count, a + Int.random(in: 1...400, using: &random))
        switch Int.random(in: 0..<7, using: &random) {
        case 0: bytes.removeSubrange(a..<b)
        case 1: bytes.insert(contentsOf: bytes[a..<b], at: Int.random(in: 0...bytes.count, using: &random))
        case 2: bytes[a] = UInt8.random(in: 0...255, using: &random)
        case 3: bytes.insert(contentsOf: Array(String(Int.random(in: 0...999_999_999, using: &random)).utf8), at: a)
        case 4: bytes = Array(bytes[..<a])
        case 5: bytes.insert(contentsOf: Array(" | \t? \u{3000}0 —\n".utf8), at: a)
        default:
            let digits = (0..<Int.random(in: 20...200, using: &random)).map { _ in
                UInt8(48 + Int.random(in: 0...9, using: &random))
            }
            bytes.insert(contentsOf: digits, at: a)
        }
    }
}
