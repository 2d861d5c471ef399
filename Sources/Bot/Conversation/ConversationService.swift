import Dialog
import Foundation
import GRDB

/// Applies inbound messages to conversations: one write transaction per message (or per batch),
/// storing the message, the new state, the answers and records, and the replies in the outbox.
/// Replies go out only after the commit.
struct ConversationService: Sendable {
    let database: AppDatabase
    let library: FlowLibrary
    let engine: Engine

    enum Result: Sendable {
        case applied(personID: Int64, outputs: [Output], replies: [OutgoingMessage])
        /// The same provider message came in before: its stored replies, nothing applied again.
        case duplicate(personID: Int64, replies: [OutgoingMessage])

        var replies: [OutgoingMessage] {
            switch self {
            case .applied(_, _, let r), .duplicate(_, let r): r
            }
        }
    }

    init(database: AppDatabase, library: FlowLibrary) throws {
        guard let engine = library.engine() else { throw FlowFiles.LoadError(description: "no main flow") }
        self.database = database
        self.library = library
        self.engine = engine
    }

    func handle(_ message: InboundMessage) throws -> Result {
        try database.writer.write { db in try apply(message, in: db) }
    }

    struct AlreadyEnrolled: Error, CustomStringConvertible {
        var description: String { "this phone number is already enrolled" }
    }

    /// A professional enrols a new inwoner: person, contact and the opening messages, in one transaction.
    func enroll(phone: String, name: String, channel: String, language: Language, at now: Date) throws -> [OutgoingMessage] {
        try database.writer.write { db in
            if try PersonStore.id(phone: phone, in: db) != nil { throw AlreadyEnrolled() }
            try db.execute(sql: "INSERT INTO person (role, phone, name, language, createdAt) VALUES ('inwoner', ?, ?, ?, ?)",
                           arguments: [phone, name, language.rawValue, now])
            let personID = db.lastInsertedRowID
            let address = channel == "whatsapp" ? String(phone.dropFirst()) : phone
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (?, ?, ?)", arguments: [personID, channel, address])
            return try begin(personID: personID, channel: channel, at: now, in: db)
        }
    }

    /// Starts a conversation without waiting for the person (after enrolment).
    func begin(personID: Int64, channel: String, at now: Date) throws -> [OutgoingMessage] {
        try database.writer.write { db in try begin(personID: personID, channel: channel, at: now, in: db) }
    }

    func begin(personID: Int64, channel: String, at now: Date, in db: Database) throws -> [OutgoingMessage] {
        let state = try ConversationStore.load(personID: personID, engine: engine, in: db)
        let transition = engine.advance(state, with: .begin, at: now)
        let writer = OutputWriter(db: db, personID: personID, channel: channel, library: library, engine: engine, now: now)
        let replies = try writer.write(transition, replyTo: nil)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: now, in: db)
        return replies
    }

    func apply(_ message: InboundMessage, in db: Database) throws -> Result {
        if let providerID = message.providerID,
           let earlier = try MessageStore.inbound(channel: message.channel, providerID: providerID, in: db) {
            return .duplicate(personID: earlier.personID, replies: try OutboxStore.replies(to: earlier.id, in: db))
        }
        let personID = try PersonStore.findOrCreate(channel: message.channel, address: message.address,
                                                     phone: message.phone, at: message.receivedAt, in: db)
        let messageID = try MessageStore.insertInbound(message, personID: personID, in: db)
        let state = try ConversationStore.load(personID: personID, engine: engine, in: db)
        let transition = engine.advance(state, with: .message(message.text), at: message.receivedAt)
        let writer = OutputWriter(db: db, personID: personID, channel: message.channel, library: library,
                                  engine: engine, now: message.receivedAt)
        let replies = try writer.write(transition, replyTo: messageID)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: message.receivedAt, in: db)
        return .applied(personID: personID, outputs: transition.outputs, replies: replies)
    }
}
