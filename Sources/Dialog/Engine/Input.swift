/// What can happen to a conversation.
public enum Input: Sendable, Equatable {
    /// The inwoner sent a message.
    case message(String)
    /// A professional enrolled the inwoner: send the opening without waiting for them.
    case begin
}
