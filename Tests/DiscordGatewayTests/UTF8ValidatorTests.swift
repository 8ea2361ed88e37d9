import DiscordGateway
import Testing

@Suite struct UTF8ValidatorTests {
    /// Validates `bytes` in one piece; true only if valid and complete.
    private func isValid(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isAtCharacterBoundary
    }

    @Test(arguments: [
        "", "plain ASCII", "κόσμε", "€", "𝄞 music", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
        "\u{D7FF}\u{E000}", String(repeating: "0123456789abcdef", count: 20) + "é" + String(repeating: "z", count: 33),
    ])
    func acceptsValidText(text: String) {
        #expect(isValid(Array(text.utf8)))
    }

    @Test(
        arguments: [
            [0xC0, 0x80], [0xC1, 0xBF],  // overlong 2-byte
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],  // overlong 3-byte
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // surrogates
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],  // overlong 4-byte
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],  // above U+10FFFF
            [0xFE], [0xFF], [0x80], [0xBF],  // never valid / lone continuation
            [0xCE, 0x41], [0xE2, 0x82, 0x41], [0xF0, 0x9D, 0x84, 0x41],  // sequence broken by ASCII
            [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xFF, 0x41],  // invalid after a fast-path run
        ] as [[UInt8]])
    func rejectsInvalidSequences(bytes: [UInt8]) {
        #expect(!isValid(bytes))
    }

    @Test func incompleteSequenceIsNotAtABoundary() {
        var validator = UTF8Validator()
        let prefixAccepted = validator.validate([0x41, 0xE2, 0x82])
        #expect(prefixAccepted)
        #expect(!validator.isAtCharacterBoundary)
        let restAccepted = validator.validate([0xAC])
        #expect(restAccepted)
        #expect(validator.isAtCharacterBoundary)
    }

    @Test func acceptsEverySplitOfValidText() {
        let bytes = Array("aé€𝄞 κόσμε 0123456789 𝄞€éa".utf8)
        for split in 0...bytes.count {
            var validator = UTF8Validator()
            let headAccepted = validator.validate(Array(bytes[..<split]))
            #expect(headAccepted)
            let tailAccepted = validator.validate(Array(bytes[split...]))
            #expect(tailAccepted)
            #expect(validator.isAtCharacterBoundary)
        }
    }

    @Test(arguments: [[0xF4, 0x90], [0xED, 0xA0], [0xE0, 0x80], [0xF0, 0x8F], [0xC0]] as [[UInt8]])
    func failsAsSoonAsAPrefixIsImpossible(prefix: [UInt8]) {
        var validator = UTF8Validator()
        let okAccepted = validator.validate(Array("ok".utf8))
        #expect(okAccepted)
        let prefixAccepted = validator.validate(prefix)
        #expect(!prefixAccepted)
        let moreAccepted = validator.validate(Array("more".utf8))
        #expect(!moreAccepted)
        #expect(!validator.isAtCharacterBoundary)
    }

    @Test func resetForgetsFailureAndPartialSequence() {
        var validator = UTF8Validator()
        let invalidAccepted = validator.validate([0xFF])
        #expect(!invalidAccepted)
        validator.reset()
        #expect(validator.isAtCharacterBoundary)
        let leadAccepted = validator.validate([0xE2])
        #expect(leadAccepted)
        validator.reset()
        let acceptedEuro = validator.validate(Array("€".utf8))
        #expect(acceptedEuro && validator.isAtCharacterBoundary)
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var state: UInt64 = 0x0123_4567_89AB_CDEF
        func nextByte() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let raw = UInt8(truncatingIfNeeded: state >> 56)
            // Bias towards ASCII and UTF-8 lead/continuation ranges so valid sequences also occur.
            switch raw % 4 {
            case 0: return raw & 0x7F
            case 1: return 0x80 | (raw & 0x3F)
            case 2: return 0xC0 | (raw & 0x3F)
            default: return raw
            }
        }
        var validCount = 0
        for length in 0..<4000 {
            let bytes = (0..<(length % 24)).map { _ in nextByte() }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if expected { validCount += 1 }
            #expect(isValid(bytes) == expected, "\(bytes)")
        }
        #expect(validCount > 100)
    }

    @Test func acceptsEveryScalarBoundary() {
        for value: UInt32 in [0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(isValid(Array(String(Character(scalar)).utf8)))
        }
    }
}
