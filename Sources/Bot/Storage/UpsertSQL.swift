import Synchronization

/// The SQL of `PlanRecordStore`'s upserts, made once per table and column list: building it anew was a
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
