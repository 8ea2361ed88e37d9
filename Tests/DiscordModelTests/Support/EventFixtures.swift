import DiscordModel
import Foundation
import Testing

/// Loads the gateway payload fixtures in `Fixtures/Events/` (one file per event, `NAME.json`, plus variants
/// named `NAME.<variant>.json`).
///
/// **Threading:** stateless; safe from any thread.
enum EventFixtures {
    /// The directory holding the fixtures.
    static var directory: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
                .appendingPathComponent("Events", isDirectory: true)
        }
    }

    /// The whole payload bytes of fixture `name` (file `name.json`).
    static func payload(_ name: String) throws -> Data {
        try Data(contentsOf: try directory.appendingPathComponent(name + ".json"))
    }

    /// Decodes the `d` of fixture `name` as `T`.
    static func data<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(DataMember<T>.self, from: try payload(name)).data
    }

    /// The names of every fixture file, without `.json`.
    static func allNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try directory.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }
}
