import Dialog
import Foundation
import GRDB
import Synchronization

/// Stores the records a flow emits, each in its own table. A record that comes again with the
/// same local id (a corrected answer) updates its row.
struct RecordWriter {
    let db: Database
    let personID: Int64
    let channel: String
    let library: FlowLibrary
    let engine: Engine
    let service: ConversationService
    let language: Language
    /// Set for secondary flows, whose local ids start again with every run.
    let namespace: String?
    let now: Date
    /// The inbound message being answered, if any: what the records start for this person answers it too.
    var reply: ReplyContext?

    struct UnknownRecord: Error, CustomStringConvertible {
        let kind: String
        var description: String { "the flow emitted an unknown record '\(kind)'" }
    }

    private var renderer: Renderer { Renderer(catalog: library.catalog, language: language) }
    private var carers: CarerCheckins { CarerCheckins(service: service, db: db, now: now, reply: reply) }

    /// Text as stored: options by their label, none as NULL.
    func text(_ value: Value?) -> String? {
        guard let value, value != .none else { return nil }
        return renderer.format(value)
    }

    func key(_ value: Value?) -> String? {
        guard let value, value != .none else { return nil }
        return value.key
    }

    /// A database id handed to a flow as a variable (`actie.id`).
    func number(_ value: Value?) -> Int64? {
        switch value {
        case .number(let n)?: Int64(n)
        case .text(let t)?: Int64(t)
        default: nil
        }
    }

    func bool(_ value: Value?) -> Bool? {
        if case .bool(let b)? = value { return b }
        return nil
    }

    func write(kind: String, localID rawID: String, fields f: [String: Value]) throws {
        let localID = namespace.map { "\($0):\(rawID)" } ?? rawID
        switch RecordKind(rawValue: kind) {
        case .consent:
            // `{key, shown}`: the words the inwoner was asked with, as they saw them.
            let textKey = key(f["text"]) ?? ""
            let shown: String
            if case .text(let text)? = f["text"]?["shown"] { shown = text } else { shown = library.catalog.text(textKey, language) }
            try db.cachedStatement(sql: """
                INSERT INTO consent (personId, purpose, granted, subject, textKey, textShown, flowVersion, channel, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [personID, key(f["purpose"]), bool(f["granted"]) ?? false, key(f["member"]), textKey,
                                 shown, "\(engine.flow.id)@\(engine.flow.version)",
                                 channel, now])
        case .score:
            guard case .number(let score)? = f["score"] else { return }
            let goalID = try number(f["goal"]).flatMap { try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM goal WHERE id = ? AND personId = ?"), arguments: [$0, personID]) }
            try upsert("score", ["leefgebied": key(f["leefgebied"]), "score": score, "wantsChange": bool(f["wants_change"]),
                                 "goalId": goalID], localID)
        case .strength:
            try upsert("strength", ["kind": key(f["kind"]), "text": text(f["text"])], localID)
        case .network:
            try upsert("networkMember", ["name": text(f["name"]), "relation": text(f["relation"]), "helps": text(f["helps"]),
                                         "phone": key(f["phone"])], localID)
        case .wish:
            try upsert("wish", ["leefgebied": key(f["leefgebied"]), "wens": text(f["wens"]), "behoefte": text(f["behoefte"]),
                                "zelf": text(f["zelf"]), "hulp": text(f["hulp"])], localID)
        case .mantelzorg:
            if let id = try upsertReturningID("mantelzorg", ["direction": key(f["direction"]), "name": text(f["name"]), "hours": key(f["hours"]),
                                                  "phone": key(f["phone"]), "checkin": bool(f["checkin"])], localID) {
                try carers.invite(mantelzorgID: id)
            }
        case .goal:
            guard case .number(let rank)? = f["rank"] else { return }
            if let goalID = try upsertReturningID("goal", ["text": text(f["text"]), "leefgebied": key(f["leefgebied"]), "rank": rank,
                                                "wishLocalId": key(f["wish"])], localID) {
                let policy = service.schedule
                let later = now.addingTimeInterval(Double(policy.rerateAfterWeeks) * 7 * 86400)
                try JobStore.add(.rerate, personID: personID, goalID: goalID,
                                 dueAt: policy.window.nextOpening(atOrAfter: later, calendar: policy.calendar),
                                 key: "rerate:\(goalID)", at: now, in: db)
            }
        case .action:
            try writeAction(localID: localID, f)
        case .spiegelblad:
            try upsert("spiegelblad", ["module": key(f["module"]), "confirmedAt": SQLDate(now)], localID, stamp: false)
        case .actionUpdate:
            try ActionUpdate(writer: self, fields: f).apply()
        case .networkReply:
            guard let actionID = number(f["action"]) else { return }
            try NetworkEvents(service: service, db: db, now: now).replied(memberPersonID: personID, actionID: actionID,
                                                                          granted: bool(f["granted"]) ?? false)
        case .carerConsent:
            try carers.consent(carerID: personID, granted: bool(f["granted"]) ?? false)
        case .checkin:
            if case .number(let score)? = f["score"] { try carers.quickAnswered(carerID: personID, score: score) }
        case .instrument:
            guard let instrument = key(f["instrument"]), case .record(let answers)? = f["answers"] else { return }
            try carers.instrumentAnswered(carerID: personID, instrumentID: instrument, answers: answers)
        case .profile:
            if let name = text(f["name"]) {
                try db.cachedStatement(sql: "UPDATE person SET name = ? WHERE id = ?").execute(arguments: [name, personID])
            }
        case .attention:
            try db.cachedStatement(sql: "INSERT INTO alert (personId, kind, node, detail, createdAt) VALUES (?, ?, ?, ?, ?)").execute(arguments: [personID, key(f["kind"]) ?? "attention", number(f["action"]).map { "action \($0)" },
                                       text(f["detail"]), now])
        case nil:
            throw UnknownRecord(kind: kind)
        }
    }

    /// Who does an action: the inwoner, a network member (by the flow's local id), or the professional.
    func owner(_ who: Value?, inwonerID: Int64) throws -> (kind: String, memberID: Int64?) {
        switch who {
        case .option(_, "professional")?: return ("professional", nil)
        case .record(let r)?:
            guard let local = r["id"]?.key else { return ("inwoner", nil) }
            let memberID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM networkMember WHERE personId = ? AND localId = ?"),
                                              arguments: [inwonerID, local])
            return memberID == nil ? ("inwoner", nil) : ("netwerk", memberID)
        default: return ("inwoner", nil)
        }
    }

    private func writeAction(localID: String, _ f: [String: Value]) throws {
        guard let goalLocal = key(f["goal"]),
              let goalID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM goal WHERE personId = ? AND localId = ?"),
                                              arguments: [personID, goalLocal]) else { return }
        let (owner, memberID) = try self.owner(f["who"], inwonerID: personID)
        var dueDate: String?
        var dueTime: String?
        if case .date(let d, let t)? = f["due"] { dueDate = d.description; dueTime = t?.description }
        if let actionID = try upsertReturningID("action", ["goalId": goalID, "what": text(f["what"]) ?? "", "ownerKind": owner,
                                                "networkMemberId": memberID, "dueDate": dueDate, "dueTime": dueTime], localID) {
            try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        }
    }

    /// INSERT ... ON CONFLICT (personId, localId) DO UPDATE, with `createdAt` set on insert.
    private func upsert(_ table: String, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>, _ localID: String,
                        stamp: Bool = true) throws {
        try upsertStatement(table, columns, localID, stamp: stamp, returningID: false).execute()
    }

    /// The same, returning the row's id (inserted or updated).
    private func upsertReturningID(_ table: String, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>,
                                   _ localID: String) throws -> Int64? {
        try Int64.fetchOne(upsertStatement(table, columns, localID, stamp: true, returningID: true))
    }

    private func upsertStatement(_ table: String, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>, _ localID: String,
                                 stamp: Bool, returningID: Bool) throws -> Statement {
        var values: [(any DatabaseValueConvertible)?] = [personID, localID]
        values.reserveCapacity(columns.count + 3)
        for column in columns { values.append(column.value) }
        if stamp { values.append(SQLDate(now)) }
        let statement = try db.cachedStatement(sql: UpsertSQL.text(table: table, columns: columns.map(\.key), stamp: stamp,
                                                                    returningID: returningID))
        try statement.setArguments(StatementArguments(values))
        return statement
    }
}

/// The SQL of `RecordWriter.upsert`, made once per table and column list: building it anew was a
/// visible part of storing a record, inside the one writer.
enum UpsertSQL {
    private struct Shape: Hashable {
        let table: String
        let columns: [String]
        let stamp: Bool
        let returningID: Bool
    }

    private static let made = Mutex<[Shape: String]>([:])

    static func text(table: String, columns: [String], stamp: Bool, returningID: Bool) -> String {
        let shape = Shape(table: table, columns: columns, stamp: stamp, returningID: returningID)
        if let sql = made.withLock({ $0[shape] }) { return sql }
        var names = ["personId", "localId"] + columns
        if stamp { names.append("createdAt") }
        let sql = """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (personId, localId) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            \(returningID ? "RETURNING id" : "")
            """
        made.withLock { $0[shape] = sql }
        return sql
    }
}
