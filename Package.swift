// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility")
]

let package = Package(
    name: "Wegwijzer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wegwijzer", targets: ["WegwijzerCLI"]),
        // Benchmark only (scripts/bench): measuring commands that the shipped binary leaves out.
        .executable(name: "wegwijzer-bench", targets: ["WegwijzerBench"]),
        // Benchmark only (scripts/bench): the practical limit for per-message commits, and a fake gateway.
        .executable(name: "wegwijzer-reference", targets: ["BenchReference"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The TLS settings of a PostgreSQL URL (sslmode, sslrootcert); already under postgres-nio and async-http-client.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6")
    ],
    targets: [
        .target(
            name: "Dialog",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Flows")],
            swiftSettings: strict
        ),
        // Everything `wegwijzer` does; a library so that the bench commands can use it from their own binary.
        .target(
            name: "Bot",
            dependencies: [
                "Dialog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ],
            resources: [.copy("Web/Templates"), .copy("Web/Static"), .copy("Web/Texts")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "WegwijzerCLI",
            dependencies: ["Bot"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "WegwijzerBench",
            dependencies: [
                "Bot", "Dialog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "BenchReference",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird")
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DialogTests",
            dependencies: ["Dialog"],
            // The answer and signal tables and the agenda's golden run are read from the source tree by path (#filePath).
            exclude: ["Tables", "Agenda"],
            resources: [.copy("Transcripts")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BotTests",
            dependencies: [
                "Bot", "Dialog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Requests to `serve` processes the tests start.
                .product(name: "AsyncHTTPClient", package: "async-http-client")
            ],
            // Read from the source tree by path (#filePath), not bundled.
            exclude: ["Transcripts"],
            swiftSettings: strict
        )
    ]
)
