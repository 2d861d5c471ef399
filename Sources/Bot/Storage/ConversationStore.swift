import Dialog
import Foundation
import GRDB

enum ConversationStore {
    struct CorruptState: Error, CustomStringConvertible {
        let personID: Int64
        let reason: String
        var description: String { "the stored conversation of person \(personID) cannot be read: \(reason)" }
    }

    static func load(personID: Int64, engine: Engine, in db: Database, cache: StateCache? = nil) throws -> Conversation {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT state FROM conversation WHERE personId = ? AND flowId = ?"),
                                   arguments: [personID, engine.flow.id])
        guard let json: String = row?["state"] else {
            let person = try Row.fetchOne(db.cachedStatement(sql: "SELECT language, name FROM person WHERE id = ?"), arguments: [personID])
            var state = engine.newConversation(language: (person?["language"] as String?).flatMap(Language.init(rawValue:)) ?? .nl)
            // A name given at enrolment is known to the flow (it is not asked again).
            if let name: String = person?["name"] { state.vars["naam"] = .text(name) }
            return state
        }
        if let cached = cache?.state(personID: personID, flowID: engine.flow.id, json: json) { return cached }
        do {
            let state = try Conversation.decode(Data(json.utf8))
            cache?.store(state, json: json, personID: personID, flowID: engine.flow.id)
            return state
        } catch {
            throw CorruptState(personID: personID, reason: "\(error)")
        }
    }

    static func save(_ state: Conversation, personID: Int64, engine: Engine, now: Date, in db: Database, cache: StateCache? = nil) throws {
        let json = String(decoding: try state.encoded(), as: UTF8.self)
        cache?.store(state, json: json, personID: personID, flowID: state.flowID)
        try db.cachedStatement(sql: """
            INSERT INTO conversation (personId, flowId, flowVersion, state, stateVersion, module, finished, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (personId, flowId) DO UPDATE SET
              flowVersion = excluded.flowVersion, state = excluded.state, stateVersion = excluded.stateVersion,
              module = excluded.module, finished = excluded.finished, updatedAt = excluded.updatedAt
            """).execute(arguments: [personID, state.flowID, state.flowVersion, json, state.stateVersion, state.module,
                             state.finished, SQLDate(now)])
        try db.cachedStatement(sql: "UPDATE person SET language = ?, optedOut = ? WHERE id = ?").execute(arguments: [state.language.rawValue, state.optedOut, personID])
    }

    static func state(personID: Int64, flowID: String, in db: Database) throws -> Conversation? {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM conversation WHERE personId = ? AND flowId = ?"),
                                             arguments: [personID, flowID]) else { return nil }
        return try Conversation.decode(Data(json.utf8))
    }
}
