/// What the engine asks of Bot when the answer depends on stored data the engine does not hold.
public enum Request: Sendable, Equatable, Codable {
    /// The ondersteuningsplan as it is stored now, as a message to the inwoner.
    case plan
    /// Action `number` of the plan (as numbered in the plan message) is done.
    case actionDone(number: Int)
}
