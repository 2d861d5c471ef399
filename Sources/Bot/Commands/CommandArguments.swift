import ArgumentParser
import Dialog

extension Language: ExpressibleByArgument {}

/// `--phone` as the user types it, normalised to E.164.
func normalizedPhone(_ text: String) throws -> String {
    switch PhoneParser.normalize(text, allowInternational: true) {
    case .valid(let e164): return e164
    case .notMobile, .invalid: throw CLIError("'\(text)' is not a valid phone number (example: 06-12345678)")
    }
}
