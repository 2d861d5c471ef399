import Foundation
import GRDB

/// Moves a whole SQLite store into an empty PostgreSQL one (`wegwijzer db copy`): every row of
/// every table, with its id, in one PostgreSQL transaction, so a failure leaves the target as
/// empty as it was. Afterwards each identity continues past the largest id copied.
///
/// Tables go in the order their foreign keys need (a table after the ones it refers to); within
/// a table the rows go in SQLite's rowid order, a chunk at a time, so a large store is never read
/// into memory whole. SQLite keeps flags as 0/1; the columns PostgreSQL types as boolean get
/// false/true.
enum StoreCopy {
    struct Summary: Sendable, Equatable {
        /// Rows per table, as copied.
        var rows: [String: Int]
    }

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    static let chunk = 500

    static func copy(from source: AppDatabase, to target: AppDatabase) throws -> Summary {
        guard let sqlite = source.sqlite else { throw Refused(description: "the source must be a SQLite file") }
        guard target.postgresDatabaseName != nil else { throw Refused(description: "the target must be a PostgreSQL database") }
        let tables = try order(try sqlite.read { db in try SchemaShape.read(sqlite: db) })
        return try target.write { pg in
            let booleans = try booleanColumns(pg)
            for table in tables.map(\.name) {
                if try Int.fetchOne(pg, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 > 0 {
                    throw Refused(
                        description: "the PostgreSQL database is not empty (table \(table) has rows); copy only into an empty one")
                }
            }
            var summary = Summary(rows: [:])
            for table in tables {
                summary.rows[table.name] = try copyRows(of: table, from: source, to: pg, booleans: booleans[table.name.lowercased()] ?? [])
                if table.columns.contains(where: { $0.name == "id" }), table.primaryKey == ["id"], table.generatesID {
                    try pg.execute(
                        sql: "SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM \(table.name)), 0) + 1, false)",
                        arguments: [table.name])
                }
            }
            return summary
        }
    }

    /// One table's rows, in chunks of `chunk`.
    private static func copyRows(of table: Table, from source: AppDatabase, to pg: any SQLConnection, booleans: Set<String>) throws -> Int {
        let names = table.columns.map(\.name)
        let select = "SELECT rowid AS copyRowid, \(names.joined(separator: ", ")) FROM \(table.name) WHERE rowid > ? ORDER BY rowid LIMIT ?"
        var last: Int64 = 0
        var copied = 0
        while true {
            let rows = try source.read { db in try Row.fetchAll(db, sql: select, arguments: [last, chunk]) }
            guard let final = rows.last else { return copied }
            last = final["copyRowid"]
            let row = "(" + names.map { _ in "?" }.joined(separator: ", ") + ")"
            var arguments = SQLArguments()
            for source in rows {
                for name in names {
                    let value: DatabaseValue = source[name]
                    if booleans.contains(name.lowercased()), case .int64(let flag) = value.storage {
                        arguments.append(flag != 0)
                    } else {
                        arguments.append(value)
                    }
                }
            }
            try pg.execute(
                sql: "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES "
                    + Array(repeating: row, count: rows.count).joined(separator: ", "),
                arguments: arguments)
            copied += rows.count
        }
    }

    /// The columns PostgreSQL types as boolean, per (folded) table name.
    private static func booleanColumns(_ pg: any SQLConnection) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for row in try Row.fetchAll(
            pg,
            sql: """
                SELECT table_name::text AS tablename, column_name::text AS columnname FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type = 'boolean'
                """)
        {
            result[row["tablename"], default: []].insert(row["columnname"])
        }
        return result
    }

    struct Table {
        var name: String
        var columns: [SchemaShape.Column]
        var primaryKey: [String]
        /// An `INTEGER PRIMARY KEY` id (a rowid), an identity column on PostgreSQL.
        var generatesID: Bool
        var references: Set<String>
    }

    /// The tables, each after every table its foreign keys refer to.
    static func order(_ shape: SchemaShape) throws -> [Table] {
        var pending = shape.tables.map { name, table in
            Table(
                name: name, columns: table.columns, primaryKey: table.primaryKey,
                generatesID: table.primaryKey == ["id"] && table.columns.first { $0.name == "id" }?.type.uppercased() == "INTEGER",
                references: Set(table.foreignKeys.map(\.table)).subtracting([name]))
        }.sorted { $0.name < $1.name }
        var ordered: [Table] = []
        var placed: Set<String> = []
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { $0.references.isSubset(of: placed) }) else {
                throw Refused(description: "the tables' foreign keys form a cycle: \(pending.map(\.name).joined(separator: ", "))")
            }
            let table = pending.remove(at: next)
            ordered.append(table)
            placed.insert(table.name)
        }
        return ordered
    }
}
