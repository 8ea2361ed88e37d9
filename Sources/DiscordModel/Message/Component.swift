/// A message or modal component (Discord docs: "Component Reference"): layout components (action rows,
/// sections, containers, labels), interactive ones (buttons, selects, text inputs, file uploads) and content
/// ones (text displays, thumbnails, media galleries, files, separators).
///
/// One struct covers every type: ``type`` says which, and only that type's fields are set (the others are
/// `nil`). Children are in ``components`` (action rows, sections, containers) or in ``component`` (labels);
/// a section's button or thumbnail is its ``accessory``. A component of a type this library does not know
/// still decodes, keeping its ``type``, its known fields and its children.
///
/// **Threading:** an immutable value; `Sendable`.
public struct Component: Codable, Hashable, Sendable {
    /// The component type.
    public var type: ComponentType
    /// The numeric identifier, unique within the message (set by Discord when the app leaves it out).
    public var id: Int?
    /// The child components of an action row, section or container.
    public var components: [Component]?
    /// The developer-defined id of an interactive component (up to 100 characters).
    public var customID: String?
    /// A button's or text input's style; read it with ``buttonStyle`` or ``textInputStyle``.
    public var style: Int?
    /// A button's text, or a label's text.
    public var label: String?
    /// A button's emoji (partial: `id`, `name`, `animated`).
    public var emoji: Emoji?
    /// A link button's URL.
    public var url: String?
    /// A premium button's SKU.
    public var skuID: Snowflake?
    /// Whether an interactive component is disabled.
    public var disabled: Bool?
    /// A string select's options (up to 25).
    public var options: [SelectOption]?
    /// The channel types a channel select offers.
    public var channelTypes: [ChannelType]?
    /// A select's or text input's placeholder text.
    public var placeholder: String?
    /// The values an auto-populated select starts with.
    public var defaultValues: [SelectDefaultValue]?
    /// The minimum number of items to choose (selects, file uploads).
    public var minValues: Int?
    /// The maximum number of items to choose (selects, file uploads).
    public var maxValues: Int?
    /// The minimum input length of a text input.
    public var minLength: Int?
    /// The maximum input length of a text input.
    public var maxLength: Int?
    /// Whether a modal field must be filled in.
    public var required: Bool?
    /// A text input's value: prefilled when sent, the user's input in a modal submit.
    public var value: String?
    /// The chosen values of a select or file upload in a modal submit.
    public var values: [String]?
    /// A text display's Markdown text.
    public var content: String?
    /// A thumbnail's image.
    public var media: UnfurledMediaItem?
    /// A thumbnail's alt text, or a label's description.
    public var description: String?
    /// Whether a thumbnail, file or container is blurred as a spoiler.
    public var spoiler: Bool?
    /// A media gallery's items (1–10).
    public var items: [MediaGalleryItem]?
    /// A file component's file (an `attachment://` reference).
    public var file: UnfurledMediaItem?
    /// A file component's file name (set by Discord).
    public var name: String?
    /// A file component's size in bytes (set by Discord).
    public var size: Int?
    /// Whether a separator shows a line.
    public var divider: Bool?
    /// A separator's padding.
    public var spacing: SeparatorSpacing?
    /// A container's accent color; `nil` for none.
    public var accentColor: DiscordColor?
    /// Storage of ``accessory``: boxed because a component may hold a component.
    private var accessoryStorage: IndirectValue<Component>?
    /// Storage of ``component``: boxed because a component may hold a component.
    private var componentStorage: IndirectValue<Component>?

    /// Wire names.
    private enum CodingKeys: String, CodingKey {
        /// Wire names as documented.
        case type, id, components, style, label, emoji, url, disabled, options, placeholder, required, value
        /// Wire names as documented.
        case values, content, media, description, spoiler, items, file, name, size, divider, spacing
        /// `custom_id`.
        case customID = "custom_id"
        /// `sku_id`.
        case skuID = "sku_id"
        /// `channel_types`.
        case channelTypes = "channel_types"
        /// `default_values`.
        case defaultValues = "default_values"
        /// `min_values`.
        case minValues = "min_values"
        /// `max_values`.
        case maxValues = "max_values"
        /// `min_length`.
        case minLength = "min_length"
        /// `max_length`.
        case maxLength = "max_length"
        /// `accent_color`.
        case accentColor = "accent_color"
        /// `accessory`.
        case accessoryStorage = "accessory"
        /// `component`.
        case componentStorage = "component"
    }

    /// Makes a component of a type with no fields set; set the fields the type needs.
    public init(type: ComponentType, id: Int? = nil) {
        self.type = type
        self.id = id
    }

    /// A section's accessory: a button or a thumbnail.
    public var accessory: Component? {
        get { accessoryStorage?.value }
        set { accessoryStorage = newValue.map(IndirectValue.boxed) }
    }

    /// A label's child: the text input, select or file upload it labels.
    public var component: Component? {
        get { componentStorage?.value }
        set { componentStorage = newValue.map(IndirectValue.boxed) }
    }

    /// ``style`` read as a button style (for ``ComponentType/button``).
    public var buttonStyle: ButtonStyle? {
        style.map(ButtonStyle.init(rawValue:))
    }

    /// ``style`` read as a text input style (for ``ComponentType/textInput``).
    public var textInputStyle: TextInputStyle? {
        style.map(TextInputStyle.init(rawValue:))
    }

    /// Every component in this tree, depth first, starting with this one (children, accessories, label
    /// children).
    public var allComponents: [Component] {
        var result: [Component] = []
        func visit(_ component: Component) {
            result.append(component)
            if let accessory = component.accessory { visit(accessory) }
            if let child = component.component { visit(child) }
            for child in component.components ?? [] { visit(child) }
        }
        visit(self)
        return result
    }
}

/// A component type (Discord docs: "Component Types"); an open set, so new types decode.
///
/// **Threading:** an immutable value; `Sendable`.
public struct ComponentType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The wire number.
    public let rawValue: Int
    /// Wraps a wire number.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `1` a row of up to 5 buttons or one select.
    public static let actionRow = Self(rawValue: 1)
    /// `2` a button.
    public static let button = Self(rawValue: 2)
    /// `3` a select menu of app-defined options.
    public static let stringSelect = Self(rawValue: 3)
    /// `4` a text input in a modal.
    public static let textInput = Self(rawValue: 4)
    /// `5` a select menu of users.
    public static let userSelect = Self(rawValue: 5)
    /// `6` a select menu of roles.
    public static let roleSelect = Self(rawValue: 6)
    /// `7` a select menu of users and roles.
    public static let mentionableSelect = Self(rawValue: 7)
    /// `8` a select menu of channels.
    public static let channelSelect = Self(rawValue: 8)
    /// `9` text with an accessory beside it.
    public static let section = Self(rawValue: 9)
    /// `10` Markdown text.
    public static let textDisplay = Self(rawValue: 10)
    /// `11` a small image, as a section's accessory.
    public static let thumbnail = Self(rawValue: 11)
    /// `12` a gallery of images and videos.
    public static let mediaGallery = Self(rawValue: 12)
    /// `13` an attached file.
    public static let file = Self(rawValue: 13)
    /// `14` vertical space, optionally with a line.
    public static let separator = Self(rawValue: 14)
    /// `17` a box of components with an optional accent color.
    public static let container = Self(rawValue: 17)
    /// `18` a label and description around a modal field.
    public static let label = Self(rawValue: 18)
    /// `19` a file upload field in a modal.
    public static let fileUpload = Self(rawValue: 19)

    /// Whether this is one of the select menu types (3, 5–8).
    public var isSelect: Bool {
        rawValue == 3 || (5...8).contains(rawValue)
    }

    /// The wire number.
    public var description: String { String(rawValue) }
}
