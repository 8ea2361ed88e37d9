// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-discord-gateway",
    products: [
        .library(name: "DiscordGateway", targets: ["DiscordGateway"]),
        .library(name: "DiscordGatewayTesting", targets: ["DiscordGatewayTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0")
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystem"),
        .target(
            name: "DiscordGateway",
            dependencies: ["CZlib", "COpenSSL", "CSystem", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "DiscordGatewayTesting",
            dependencies: [
                "DiscordGateway", "CZlib", "COpenSSL", "CSystem", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "AutobahnClient",
            dependencies: ["DiscordGateway"],
            path: "Samples/AutobahnClient"
        ),
        .executableTarget(
            name: "TransportBenchmark",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting", "CZlib"],
            path: "Benchmarks/TransportBenchmark"
        ),
        .executableTarget(
            name: "ShardBenchmark",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting", "CZlib"],
            path: "Benchmarks/ShardBenchmark"
        ),
        .testTarget(
            name: "DiscordGatewayTests",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting", "CZlib", "COpenSSL"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}
