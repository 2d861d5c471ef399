import Dialog
import Foundation
import GRDB

/// Applies inbound messages to conversations: one write transaction per message (or per batch),
/// storing the message, the new state, the answers and records, and the replies in the outbox.
/// Replies go out only after the commit.
package final class ConversationService: Sendable {
    let database: AppDatabase
    let library: FlowLibrary
    /// The intake flow.
    let engine: Engine
    /// Every flow of the library by id (follow-up, network member, re-rating, ...).
    let engines: [String: Engine]
    /// Engines of their own for the turns worked out beside the writer, one set per core.
    let preparers: EnginePool
    let schedule: SchedulePolicy
    let states = StateCache()

    static let runKey = Conversation.runKey

    struct UnknownFlow: Error, CustomStringConvertible {
        let flowID: String
        var description: String { "the flow '\(flowID)' is not in the flow library" }
    }

    package enum Result: Sendable {
        case applied(personID: Int64, outputs: [Output], replies: [OutgoingMessage])
        /// The same provider message came in before: its stored replies, nothing applied again.
        case duplicate(personID: Int64, replies: [OutgoingMessage])

        var replies: [OutgoingMessage] {
            switch self {
            case .applied(_, _, let r), .duplicate(_, let r): r
            }
        }
    }

    /// `preparerLibraries`: separate loads of the same flow files, one per core that works turns
    /// out beside the writer (see `EnginePool`); without them every turn uses the shared engines.
    package init(
        database: AppDatabase, library: FlowLibrary, schedule: SchedulePolicy? = nil, preparerLibraries: [FlowLibrary] = []
    ) throws {
        guard let engine = library.engine() else { throw FlowFiles.LoadError(description: "no main flow") }
        self.database = database
        self.library = library
        self.engine = engine
        self.schedule = schedule ?? SchedulePolicy(settings: library.schedule)
        engines = EnginePool.engines(of: library)
        preparers = EnginePool(shared: engines, libraries: preparerLibraries)
    }

    /// The flow a person's next message belongs to: the one a follow-up or invitation made active,
    /// else the intake for an inwoner. Between questions a network member or mantelzorger talks to
    /// their last flow (which says there is no open question, and honours STOP), never to the intake.
    static func currentFlow(personID: Int64, in db: any SQLConnection) throws -> String? {
        let person = try PersonStore.routing(personID: personID, in: db)
        return try currentFlow(personID: personID, activeFlow: person?.activeFlow, role: person?.role, in: db)
    }

    /// The same from the person's `activeFlow` and `role`, read already.
    static func currentFlow(personID: Int64, activeFlow: String?, role: String?, in db: any SQLConnection) throws -> String? {
        if let activeFlow { return activeFlow }
        guard let role, role != "inwoner" else { return nil }
        return try ConversationStore.latestFlow(personID: personID, in: db)
    }

    /// The engine of this person's next message and the state stored for it. One read when the
    /// flow is the `expected` one (almost always: the prepared turn's flow, else the intake).
    func engineAndState(personID: Int64, expected: String, in db: any SQLConnection) throws -> (engine: Engine, stored: String?) {
        var (activeFlow, role, stored) = try ConversationStore.forTurn(personID: personID, flowID: expected, in: db)
        let engine = engine(flowID: try Self.currentFlow(personID: personID, activeFlow: activeFlow, role: role, in: db))
        if engine.flow.id != expected { stored = try ConversationStore.storedJSON(personID: personID, flowID: engine.flow.id, in: db) }
        return (engine, stored)
    }

    /// The flow a follow-up or invitation made active for this person, if any.
    static func activeFlow(personID: Int64, in db: any SQLConnection) throws -> String? {
        try PersonStore.routing(personID: personID, in: db)?.activeFlow
    }

    package func handle(_ message: InboundMessage) throws -> Result {
        try database.write { db in try apply(message, in: db) }
    }

    /// SQLite refused an inbound message that is no redelivery (cannot happen with the schema as it is).
    struct NotStored: Error, CustomStringConvertible {
        var description: String { "the inbound message was not stored" }
    }

    struct AlreadyEnrolled: Error, CustomStringConvertible {
        var description: String { "this phone number is already enrolled" }
    }

    /// A professional enrols a new inwoner: person, contact and the opening messages, in one transaction.
    func enroll(phone: String, name: String, channel: String, language: Language, at now: Date) throws -> [OutgoingMessage] {
        try database.write { db in try enroll(phone: phone, name: name, channel: channel, language: language, at: now, in: db) }
    }

    func enroll(phone: String, name: String, channel: String, language: Language, at now: Date, in db: any SQLConnection) throws
        -> [OutgoingMessage]
    {
        if try PersonStore.id(phone: phone, in: db) != nil { throw AlreadyEnrolled() }
        let address = channel == "whatsapp" ? String(phone.dropFirst()) : phone
        let personID = try PersonStore.enrol(
            phone: phone, name: name, language: language, channel: channel, address: address, at: now, in: db)
        return try begin(personID: personID, channel: channel, at: now, in: db)
    }

    /// Starts a conversation without waiting for the person (after enrolment).
    func begin(personID: Int64, channel: String, at now: Date) throws -> [OutgoingMessage] {
        try database.write { db in try begin(personID: personID, channel: channel, at: now, in: db) }
    }

    func begin(personID: Int64, channel: String, at now: Date, in db: any SQLConnection) throws -> [OutgoingMessage] {
        try PersonStore.lockForTurn(personID: personID, in: db)
        let state = try ConversationStore.load(personID: personID, engine: engine, in: db)
        let transition = engine.advance(state, with: .begin, at: now)
        let writer = OutputWriter(
            db: db, personID: personID, channel: channel, library: library, engine: engine,
            service: self, now: now)
        let replies = try writer.write(transition, replyTo: nil)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: now, in: db)
        return replies
    }

    /// Applies a message inside the caller's write transaction. A `prepared` turn is used when it
    /// was worked out from exactly the state stored now; otherwise the turn is worked out here.
    /// With `inline`, the replies travel in the HTTP response and are stored as sent.
    /// A message that names its person (the web chat) reaches them without a contact: the channel
    /// is not one they are written to later.
    func apply(_ message: InboundMessage, in db: any SQLConnection, inline: Bool = false, prepared: PreparedTurn? = nil) throws -> Result {
        let personID =
            try message.personID
            ?? PersonStore.findOrCreate(
                channel: message.channel, address: message.address,
                phone: message.phone, at: message.receivedAt, in: db)
        try PersonStore.lockForTurn(personID: personID, in: db)
        guard let messageID = try MessageStore.insertInbound(message, personID: personID, in: db) else {
            guard let providerID = message.providerID,
                let earlier = try MessageStore.inbound(channel: message.channel, providerID: providerID, in: db)
            else {
                throw NotStored()
            }
            return .duplicate(personID: earlier.personID, replies: try OutboxStore.replies(to: earlier.id, in: db))
        }
        let (engine, stored) = try engineAndState(personID: personID, expected: prepared?.flowID ?? self.engine.flow.id, in: db)
        let transition: Transition
        let json: String
        let encoded: EncodedState?
        if let prepared, let stored, prepared.isFor(personID: personID, flowID: engine.flow.id, base: stored) {
            (transition, json, encoded) = (prepared.transition, prepared.json, prepared.encoded)
        } else {
            let state =
                try stored.map { try ConversationStore.decode($0, personID: personID, flowID: engine.flow.id, cache: states) }
                ?? ConversationStore.fresh(personID: personID, engine: engine, in: db)
            transition = engine.advance(state, with: .message(message.text), at: message.receivedAt)
            let written = transition.state.encoded(reusing: nil)
            (json, encoded) = (written.json, written)
        }
        // The state is stored first, so a flow that the outputs start (a questionnaire after a
        // check-in) finds this one finished and becomes the active flow itself.
        try ConversationStore.save(
            transition.state, json: json, encoded: encoded, personID: personID, now: message.receivedAt,
            in: db, cache: states)
        if message.personID == nil {
            states.remember(sender: Self.sender(of: message), personID: personID, flowID: engine.flow.id)
        }
        if engine.flow.id != self.engine.flow.id, transition.state.finished,
            try PersonStore.leaveFlow(engine.flow.id, personID: personID, in: db)
        {
            // Back to the intake conversation once a follow-up or invitation is done; the
            // questions that waited for it are due now.
            try JobStore.release(personID: personID, at: message.receivedAt, in: db)
        }
        var writer = OutputWriter(
            db: db, personID: personID, channel: message.channel, library: library,
            engine: engine, service: self, now: message.receivedAt)
        writer.repliesSentInline = inline
        writer.replyAddress = message.address
        let replies = try writer.write(transition, replyTo: messageID)
        return .applied(personID: personID, outputs: transition.outputs, replies: replies)
    }

    /// The engine of the flow this person's next message belongs to.
    func engine(personID: Int64, in db: any SQLConnection) throws -> Engine {
        engine(flowID: try Self.currentFlow(personID: personID, in: db))
    }

    /// The engine of a flow; the intake's for none or one not in the library.
    private func engine(flowID: String?) -> Engine {
        engines[flowID ?? engine.flow.id] ?? engine
    }
}
