@_exported public import DiscordModel

/// The library's version, as sent in logs and the default identify properties.
public enum DiscordGatewayLibrary {
    /// The library name Discord sees in identify `properties.browser` and `properties.device`.
    public static let name = Identify.ConnectionProperties.libraryName
    /// The library version.
    public static let version = "0.1.0-dev"
}
