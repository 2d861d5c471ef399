public enum Command: String, Sendable, CaseIterable, Codable {
    case stop, start, help, back, repeatQuestion = "repeat", skip, pause
}
