// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-discord-gateway",
    products: [
        .library(name: "DiscordModel", targets: ["DiscordModel"]),
        .library(name: "DiscordGateway", targets: ["DiscordGateway"]),
        .library(name: "DiscordGatewayTesting", targets: ["DiscordGatewayTesting"]),
        .executable(name: "discord-gateway", targets: ["DiscordGatewayCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystem"),
        .target(name: "DiscordModel"),
        .target(
            name: "DiscordGateway",
            dependencies: [
                "DiscordModel", "CZlib", "COpenSSL", "CSystem", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DiscordGatewayTesting",
            dependencies: [
                "DiscordGateway", "CZlib", "COpenSSL", "CSystem", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "DiscordGatewayCLI",
            dependencies: [
                "DiscordGateway", "DiscordGatewayTesting", .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "DelegateBot",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting"],
            path: "Samples/DelegateBot"
        ),
        .executableTarget(
            name: "ClosureBot",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting"],
            path: "Samples/ClosureBot"
        ),
        .executableTarget(
            name: "SyncServer",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting"],
            path: "Samples/SyncServer"
        ),
        .executableTarget(
            name: "AutobahnClient",
            dependencies: ["DiscordGateway"],
            path: "Samples/AutobahnClient"
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: ["CZlib"],
            path: "Benchmarks/BenchmarkSupport"
        ),
        .executableTarget(
            name: "TransportBenchmark",
            dependencies: ["BenchmarkSupport", "DiscordGateway", "DiscordGatewayTesting"],
            path: "Benchmarks/TransportBenchmark"
        ),
        .executableTarget(
            name: "ShardBenchmark",
            dependencies: ["BenchmarkSupport", "DiscordGateway", "DiscordGatewayTesting"],
            path: "Benchmarks/ShardBenchmark"
        ),
        .executableTarget(
            name: "ClusterMemoryBenchmark",
            dependencies: ["BenchmarkSupport", "DiscordGateway", "DiscordGatewayTesting"],
            path: "Benchmarks/ClusterMemoryBenchmark"
        ),
        .executableTarget(
            name: "ClusterStartupBenchmark",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting"],
            path: "Benchmarks/ClusterStartupBenchmark"
        ),
        .executableTarget(
            name: "DecodeBenchmark",
            dependencies: ["BenchmarkSupport", "DiscordGateway", "DiscordGatewayTesting"],
            path: "Benchmarks/DecodeBenchmark"
        ),
        .executableTarget(
            name: "GatewayFuzzer",
            dependencies: ["DiscordGateway"],
            path: "Benchmarks/GatewayFuzzer",
            exclude: ["Seeds"]
        ),
        .executableTarget(
            name: "ClusterMonitor",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting"],
            path: "Samples/ClusterMonitor"
        ),
        .testTarget(
            name: "DiscordGatewayTests",
            dependencies: ["DiscordGateway", "DiscordGatewayTesting", "CZlib", "COpenSSL"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DiscordModelTests",
            dependencies: ["DiscordModel"],
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
