import Dialog
import Foundation
import GRDB

/// The records a flow writes about one person, each in its own table under the flow's local id.
/// Every save is idempotent on (person, local id): a record that comes again (a corrected answer)
/// updates its row and keeps its id and creation time. Inside the caller's transaction.
struct PlanRecordStore {
    let db: any SQLConnection
    let personID: Int64
    let now: Date

    /// The id of goal `goalID` when it is this person's.
    func ownGoal(_ goalID: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM goal WHERE id = ? AND personId = ?"), arguments: [goalID, personID])
    }

    /// The id of this person's goal saved under `localID`.
    func goal(localID: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM goal WHERE personId = ? AND localId = ?"), arguments: [personID, localID])
    }

    /// The id of this person's network member saved under `localID`.
    func networkMember(localID: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM networkMember WHERE personId = ? AND localId = ?"),
            arguments: [personID, localID])
    }

    func saveScore(leefgebied: String?, score: Int, wantsChange: Bool?, goalID: Int64?, localID: String) throws {
        try upsert("score", ["leefgebied": leefgebied, "score": score, "wantsChange": wantsChange, "goalId": goalID], localID)
    }

    func saveStrength(kind: String?, text: String?, localID: String) throws {
        try upsert("strength", ["kind": kind, "text": text], localID)
    }

    /// `support`: the kinds of support as comma-separated keys (`praktisch,advies`); `closeness`:
    /// `dichtbij` or `verder`. Every field is written, NULL included: the flow sends all it knows.
    func saveNetworkMember(
        name: String?, relation: String?, helps: String?, phone: String?, support: String? = nil, closeness: String? = nil,
        localID: String
    ) throws {
        try upsert(
            "networkMember",
            [
                "name": name, "relation": relation, "helps": helps, "phone": phone, "support": support,
                "closeness": closeness
            ], localID)
    }

    func saveWish(leefgebied: String?, wens: String?, behoefte: String?, zelf: String?, hulp: String?, localID: String) throws {
        try upsert("wish", ["leefgebied": leefgebied, "wens": wens, "behoefte": behoefte, "zelf": zelf, "hulp": hulp], localID)
    }

    /// A hulpbron of a wish: `has` for what the inwoner already has, else what they lack; `kinds`
    /// as the comma-separated keys of `ResourceKind`.
    func saveResource(wishLocalID: String?, text: String?, kinds: [String], has: Bool, localID: String) throws {
        guard let text else { return }
        try upsert(
            "hulpbron", ["wishLocalId": wishLocalID, "text": text, "kinds": kinds.joined(separator: ","), "has": has], localID)
    }

    /// Mantelzorg given or received; returns the row's id.
    func saveCarerLink(direction: String?, name: String?, hours: String?, phone: String?, checkin: Bool?, localID: String) throws -> Int64?
    {
        try upsertReturningID(
            "mantelzorg", ["direction": direction, "name": name, "hours": hours, "phone": phone, "checkin": checkin], localID)
    }

    /// Returns the goal's id.
    func saveGoal(text: String?, leefgebied: String?, rank: Int, wishLocalID: String?, localID: String) throws -> Int64? {
        try upsertReturningID("goal", ["text": text, "leefgebied": leefgebied, "rank": rank, "wishLocalId": wishLocalID], localID)
    }

    /// Returns the action's id.
    /// `proposed`: given to the professional, who has yet to accept it (saved again, it is a
    /// proposal from now).
    func saveAction(
        goalID: Int64, what: String, ownerKind: String, memberID: Int64?, dueDate: String?, dueTime: String?,
        proposed: Bool = false, voorziening: String? = nil, localID: String
    ) throws -> Int64? {
        try upsertReturningID(
            "action",
            [
                "goalId": goalID, "what": what, "ownerKind": ownerKind, "networkMemberId": memberID,
                "dueDate": dueDate, "dueTime": dueTime, "proposedAt": proposed ? SQLDate(now) : nil,
                "voorziening": voorziening
            ], localID)
    }

    /// The inwoner confirmed a module's spiegelblad now.
    func confirmSpiegelblad(module: String?, localID: String) throws {
        try upsert("spiegelblad", ["module": module, "confirmedAt": SQLDate(now)], localID, stamp: false)
    }

    /// INSERT ... ON CONFLICT (personId, localId) DO UPDATE, with `createdAt` set on insert.
    private func upsert(
        _ table: String, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>, _ localID: String,
        stamp: Bool = true
    ) throws {
        let (statement, arguments) = upsertStatement(table, columns, localID, stamp: stamp, returningID: false)
        try statement.execute(arguments: arguments)
    }

    /// The same, returning the row's id (inserted or updated).
    private func upsertReturningID(
        _ table: String, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>,
        _ localID: String
    ) throws -> Int64? {
        let (statement, arguments) = upsertStatement(table, columns, localID, stamp: true, returningID: true)
        return try Int64.fetchOne(statement, arguments: arguments)
    }

    private func upsertStatement(
        _ table: String, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>, _ localID: String,
        stamp: Bool, returningID: Bool
    ) -> (SQLStatement, SQLArguments) {
        var values: [(any DatabaseValueConvertible)?] = [personID, localID]
        values.reserveCapacity(columns.count + 3)
        for column in columns { values.append(column.value) }
        if stamp { values.append(SQLDate(now)) }
        let statement = db.cachedStatement(
            sql: UpsertSQL.text(
                table: table, columns: columns.map(\.key), stamp: stamp,
                returningID: returningID))
        return (statement, SQLArguments(values))
    }
}
