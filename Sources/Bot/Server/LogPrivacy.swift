/// Phone numbers in logs: `+316****5678`. Message bodies are left out of logs unless debug is on.
enum LogPrivacy {
    static func mask(_ address: String) -> String {
        guard address.count > 8 else { return String(repeating: "*", count: address.count) }
        return String(address.prefix(4)) + "****" + String(address.suffix(4))
    }
}
