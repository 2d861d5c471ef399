import Foundation

/// Everything the engine knows about one inwoner's conversation. Stored as JSON between turns.
public struct Conversation: Codable, Sendable, Equatable {
    /// Bump when the shape changes; `Conversation.decode` migrates older states.
    /// 2: TERUG checkpoints after the first store only what changed since the one before.
    public static let currentVersion = 2
    /// The variable that tells runs of a secondary flow apart (a follow-up started by one job),
    /// so records get distinct ids and a watch on one run leaves a later run alone.
    public static let runKey = "_run"
    /// The variable with the person's own number (E.164), set by whoever starts the conversation
    /// when it is known: a phone question refuses it (`AnswerReader.ownPhone`).
    public static let ownPhoneVar = "_eigen_telefoon"

    public var stateVersion = Conversation.currentVersion
    public var flowID: String
    public var flowVersion: Int
    public var language: Language
    /// The question waiting for an answer, or where a paused conversation continues.
    public var node: String?
    public var frames: [LoopFrame] = []
    public var vars: [String: Value] = [:]
    public var tries = 0
    public var history: [Checkpoint] = []
    public var module: String?
    public var answeredInModule = 0
    public var optedOut = false
    public var paused = false
    public var finished = false
    /// An answer read as a guess ("een voldoende"), waiting for the inwoner's yes: asked back as
    /// "Bedoel je een 6?".
    public var pending: Value?
    /// The number of questions of the current part, fixed when the part starts and only ever
    /// lowered ("Deel 2 · vraag 3 van 8").
    public var partTotal: Int?
    /// Paused by a message that showed signs of a crisis: the next message continues gently.
    public var afterCrisis = false
    /// Source of local ids for emitted records (`goal-3`).
    public var nextID = 1
    public var lastActivity: Date?

    public init(flowID: String, flowVersion: Int, language: Language) {
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.language = language
    }

    public var started: Bool { node != nil || finished }
}

extension Conversation {
    public enum DecodeError: Error, CustomStringConvertible {
        case unsupportedVersion(Int)
        public var description: String {
            switch self {
            case .unsupportedVersion(let v): "conversation state version \(v) is newer than this program (\(Conversation.currentVersion))"
            }
        }
    }

    /// Reads a stored state (`StateJSONReader`; it reads what `init(from:)` with `JSONDecoder` reads).
    public static func decode(_ data: Data) throws -> Conversation {
        // One parse in the common case; the version alone is read only to explain a failure.
        let state: Conversation
        do {
            state = try StateJSONReader.read(data)
        } catch {
            if let version = try? StateJSONReader.version(data), version > currentVersion {
                throw DecodeError.unsupportedVersion(version)
            }
            throw error
        }
        guard state.stateVersion <= currentVersion else { throw DecodeError.unsupportedVersion(state.stateVersion) }
        // Read in today's shape, so it is written back in today's shape.
        var current = state
        current.stateVersion = currentVersion
        return current
    }

    public func encoded() throws -> Data {
        Data(StateJSON.encode(self))
    }
}
