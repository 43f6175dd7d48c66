// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "gongkai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
        .library(name: "AnnualReport", targets: ["AnnualReport"]),
        .library(name: "ReportReader", targets: ["ReportReader"]),
        .library(name: "ReportChecks", targets: ["ReportChecks"]),
        .library(name: "ReportWriter", targets: ["ReportWriter"]),
        .library(name: "ReportSources", targets: ["ReportSources"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Casework", targets: ["Casework"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "AnnualReport"),
        .target(name: "ReportReader", dependencies: ["AnnualReport"]),
        .target(name: "ReportChecks", dependencies: ["AnnualReport"]),
        .target(name: "Casework", dependencies: ["AnnualReport", "ReportWriter"]),
        .target(
            name: "ReportSources",
            dependencies: [
                "AnnualReport", "ReportReader", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .target(
            name: "Store",
            dependencies: [
                "AnnualReport", "ReportReader", "ReportChecks", "ReportSources", "ReportWriter", "Casework",
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "AnnualReport", "ReportChecks", "ReportWriter", "ReportSources", "Store", "Casework",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "ReportWriter",
            dependencies: [
                "AnnualReport", "ReportChecks", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "gongkai",
            dependencies: [
                "AnnualReport", "ReportReader", "ReportChecks", "ReportWriter", "ReportSources", "Store", "WebApp", "Casework",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The reader's benchmarks (ordo-one/benchmark): `swift package --disable-sandbox benchmark`.
        .executableTarget(
            name: "ReaderBenchmarks",
            dependencies: [
                "AnnualReport", "ReportReader", "ReportChecks", "ReportSources", "ReportWriter",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ReaderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(name: "ReportSynthesis", dependencies: ["AnnualReport"]),
        .executableTarget(
            name: "gongkai-load",
            dependencies: ["AnnualReport", "ReportSynthesis", "Store", "WebApp", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(name: "gongkai-caseload", dependencies: ["AnnualReport", "Casework", "ReportSynthesis", "Store", "WebApp"]),
        // Coverage-guided fuzzing (scripts/fuzz): libFuzzer's driver, declared weak so that plain builds link.
        .target(name: "FuzzDriver"),
        .target(name: "FuzzTargets", dependencies: ["AnnualReport", "ReportReader", "ReportSources", "ReportWriter"]),
        .executableTarget(
            name: "gongkai-fuzz", dependencies: ["FuzzTargets", "FuzzDriver", "ReportReader", "ReportSources", "ReportWriter"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AnnualReportTests", dependencies: ["AnnualReport"]),
        .testTarget(name: "CaseworkTests", dependencies: ["AnnualReport", "Casework", "ReportChecks"]),
        .testTarget(
            name: "ReportReaderTests",
            dependencies: ["AnnualReport", "ReportReader", "ReportChecks", "ReportWriter", "TestSupport", "ReportSynthesis"]
        ),
        .testTarget(
            name: "ReportChecksTests",
            dependencies: ["AnnualReport", "ReportReader", "ReportChecks"]
        ),
        .testTarget(
            name: "ReportSourcesTests",
            dependencies: [
                "AnnualReport", "ReportReader", "ReportChecks", "ReportSources", "TestSupport", "ReportSynthesis", "FuzzTargets",
            ]
        ),
        .testTarget(
            name: "ReportWriterTests",
            dependencies: [
                "AnnualReport", "ReportReader", "ReportChecks", "ReportSources", "ReportWriter", "TestSupport", "ReportSynthesis",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["AnnualReport", "ReportReader", "ReportChecks", "ReportSources", "Store"]
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "AnnualReport", "Store", "WebApp", "Casework", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "GongkaiCLITests",
            // The tests run the built `gongkai`: depending on it makes `swift test` build it first.
            dependencies: ["AnnualReport", "Store", "gongkai"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
