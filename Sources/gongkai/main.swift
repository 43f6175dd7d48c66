import AnnualReport
import Foundation
import ReportReader
import ReportWriter

let path = CommandLine.arguments[1]
let data = FileManager.default.contents(atPath: path) ?? Data()
do {
    let r = try ReportReader.read(bytes: [UInt8](data), origin: path)
    print(ReportJSON.value(of: r, includeText: false).serialized())
} catch { print(error) }
