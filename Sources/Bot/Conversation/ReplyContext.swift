/// The inbound message being answered. A flow that its outputs start for the same person (the
/// questionnaire after a high check-in score) answers it too: its messages are replies to that
/// message on its channel, inline when the replies are, so they travel with the reply.
final class ReplyContext {
    let personID: Int64
    let channel: String
    let messageID: Int64
    let sentInline: Bool
    let address: String?
    /// Messages queued for the person by others than the writer that answers the message, in order.
    private var queued: [OutgoingMessage] = []

    init(personID: Int64, channel: String, messageID: Int64, sentInline: Bool, address: String?) {
        self.personID = personID
        self.channel = channel
        self.messageID = messageID
        self.sentInline = sentInline
        self.address = address
    }

    /// The context when it answers `personID`, else nil (the inwoner told about their network member's STOP).
    func replying(to personID: Int64) -> ReplyContext? {
        personID == self.personID ? self : nil
    }

    func add(_ messages: [OutgoingMessage]) {
        queued += messages
    }

    /// What was added since the last call, for the writer's replies.
    func take() -> [OutgoingMessage] {
        defer { queued = [] }
        return queued
    }
}
