// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Wegwijzer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wegwijzer", targets: ["Bot"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "Dialog",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Flows")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "Bot",
            dependencies: [
                "Dialog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DialogTests",
            dependencies: ["Dialog"],
            resources: [.copy("Transcripts")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BotTests",
            dependencies: ["Bot", "Dialog", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
    ]
)
