import Dialog
import Foundation
import GRDB

enum ConversationStore {
    struct CorruptState: Error, CustomStringConvertible {
        let personID: Int64
        let reason: String
        var description: String { "the stored conversation of person \(personID) cannot be read: \(reason)" }
    }

    /// The stored state as it is in the row.
    static func storedJSON(personID: Int64, flowID: String, in db: any SQLConnection) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT state FROM conversation WHERE personId = ? AND flowId = ?"),
            arguments: [personID, flowID])
    }

    /// The flow the person last wrote in, if any.
    static func latestFlow(personID: Int64, in db: any SQLConnection) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT flowId FROM conversation WHERE personId = ? ORDER BY updatedAt DESC, id DESC LIMIT 1
                    """), arguments: [personID])
    }

    /// Whether the person has any conversation stored.
    static func exists(personID: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM conversation WHERE personId = ? LIMIT 1"), arguments: [personID]) ?? false
    }

    /// In one read, for an inbound message: the person's routing (as `PersonStore.routing`) and
    /// their stored state in `flowID`, the flow the message most likely belongs to.
    static func forTurn(personID: Int64, flowID: String, in db: any SQLConnection) throws -> (
        activeFlow: String?, role: String?, stored: String?
    ) {
        try db.withFirstRow(
            sql: """
                SELECT p.activeFlow, p.role, c.state FROM person p
                LEFT JOIN conversation c ON c.personId = p.id AND c.flowId = ?
                WHERE p.id = ?
                """, arguments: [flowID, personID], cached: true
        ) { row in (row["activeFlow"], row["role"], row["state"]) } ?? (nil, nil, nil)
    }

    static func load(personID: Int64, engine: Engine, in db: any SQLConnection, cache: StateCache? = nil) throws -> Conversation {
        guard let json = try storedJSON(personID: personID, flowID: engine.flow.id, in: db) else {
            return try fresh(personID: personID, engine: engine, in: db)
        }
        return try decode(json, personID: personID, flowID: engine.flow.id, cache: cache)
    }

    /// A conversation not stored yet.
    static func fresh(personID: Int64, engine: Engine, in db: any SQLConnection) throws -> Conversation {
        let person = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT language, name, phone FROM person WHERE id = ?"), arguments: [personID])
        var state = engine.newConversation(language: (person?["language"] as String?).flatMap(Language.init(rawValue:)) ?? .nl)
        // A name given at enrolment is known to the flow (it is not asked again).
        if let name: String = person?["name"] { state.vars["naam"] = .text(name) }
        // Their own number, so that a question for someone else's number does not take it.
        if let phone: String = person?["phone"] { state.vars[Conversation.ownPhoneVar] = .text(phone) }
        return state
    }

    static func decode(_ json: String, personID: Int64, flowID: String, cache: StateCache?) throws -> Conversation {
        if let cached = cache?.state(personID: personID, flowID: flowID, json: json) { return cached }
        do {
            let state = try Conversation.decode(Data(json.utf8))
            cache?.store(state, json: json, personID: personID, flowID: flowID)
            return state
        } catch {
            throw CorruptState(personID: personID, reason: "\(error)")
        }
    }

    static func encode(_ state: Conversation) throws -> String {
        String(decoding: try state.encoded(), as: UTF8.self)
    }

    static func save(_ state: Conversation, personID: Int64, engine: Engine, now: Date, in db: any SQLConnection, cache: StateCache? = nil)
        throws
    {
        try save(state, json: try encode(state), personID: personID, now: now, in: db, cache: cache)
    }

    /// Stores a state already encoded (`json` is `encode(state)`; `encoded`, when given, is how).
    static func save(
        _ state: Conversation, json: String, encoded: EncodedState? = nil, personID: Int64, now: Date, in db: any SQLConnection,
        cache: StateCache? = nil
    ) throws {
        cache?.store(state, json: json, personID: personID, flowID: state.flowID, encoded: encoded)
        try db.cachedStatement(
            sql: """
                INSERT INTO conversation (personId, flowId, flowVersion, state, stateVersion, module, finished, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (personId, flowId) DO UPDATE SET
                  flowVersion = excluded.flowVersion, state = excluded.state, stateVersion = excluded.stateVersion,
                  module = excluded.module, finished = excluded.finished, updatedAt = excluded.updatedAt
                """
        ).execute(arguments: [
            personID, state.flowID, state.flowVersion, json, state.stateVersion, state.module,
            state.finished, SQLDate(now)
        ])
        // Only a change is written: most turns change neither, and an unchanged row costs no page write.
        try db.cachedStatement(
            sql: """
                UPDATE person SET language = ?1, optedOut = ?2 WHERE id = ?3 AND (language IS DISTINCT FROM ?1 OR optedOut IS DISTINCT FROM ?2)
                """
        ).execute(arguments: [state.language.rawValue, state.optedOut, personID])
    }

    static func state(personID: Int64, flowID: String, in db: any SQLConnection) throws -> Conversation? {
        guard
            let json = try String.fetchOne(
                db.cachedStatement(sql: "SELECT state FROM conversation WHERE personId = ? AND flowId = ?"),
                arguments: [personID, flowID])
        else { return nil }
        return try Conversation.decode(Data(json.utf8))
    }
}
