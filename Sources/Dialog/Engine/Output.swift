/// What the engine asks `Bot` to do after a step. Plain values, in order.
public enum Output: Sendable, Equatable, Codable {
    /// A message to the inwoner. `key` names the text it came from (for transcripts and tests).
    case say(key: String, text: String)
    /// A valid answer to a question (append-only; the latest for a key counts).
    case answer(Answer)
    /// A record for its own table: `consent`, `score`, `strength`, `network`, `goal`, `action`, ...
    case record(kind: String, id: String, fields: [String: Value])
    /// Something a professional should look at.
    case alert(kind: AlertKind, node: String, detail: String)
    /// Something the inwoner told that answers no question (a loss, a worry, a complaint), kept
    /// for the professional. `node` is the question it came in at, if any.
    case note(text: String, node: String?)
    /// Work that needs what only Bot holds (the stored plan): Bot carries it out and replies.
    case request(Request)
    case optedOut
    case optedIn
    case languageChanged(Language)
    case moduleStarted(String)
    case moduleCompleted(String)
    case ended
}
