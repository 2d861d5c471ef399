import GRDB

extension SchemaShape {
    /// The schema of a SQLite store, from `sqlite_master` and the table PRAGMAs; GRDB's own
    /// `grdb_migrations` and SQLite's internal tables are left out.
    static func read(sqlite db: Database) throws -> SchemaShape {
        let names = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                """)
        var tables: [String: Table] = [:]
        for name in names {
            var table = Table()
            var primaryKey: [(Int, String)] = []
            for row in try Row.fetchAll(
                db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            {
                let column: String = row["name"]
                let pk: Int = row["pk"]
                // A primary key column is NOT NULL in PostgreSQL; in SQLite a rowid one cannot be NULL
                // either, and the store never writes NULL into a TEXT one.
                table.columns.append(Column(name: column, type: row["type"], notNull: row["notnull"] || pk > 0))
                if pk > 0 { primaryKey.append((pk, column)) }
            }
            table.primaryKey = primaryKey.sorted { $0.0 < $1.0 }.map(\.1)

            var foreignKeys: [Int: ForeignKey] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                arguments: [name])
            {
                let id: Int = row["id"]
                var key = foreignKeys[id] ?? ForeignKey(columns: [], table: row["table"], referenced: [], onDelete: row["on_delete"])
                key.columns.append(row["from"])
                key.referenced.append(row["to"])
                foreignKeys[id] = key
            }
            table.foreignKeys = Set(foreignKeys.values)

            for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", arguments: [name])
            {
                let indexName: String = index["name"]
                let origin: String = index["origin"]
                if origin == "pk" { continue }
                let columns = try Row.fetchAll(
                    db, sql: "SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", arguments: [indexName]
                ).map { row -> String in
                    let column: String = row["name"]
                    let collation: String? = row["coll"]
                    return collation?.uppercased() == "NOCASE" ? "lower(\(column))" : column
                }
                if index["unique"] as Bool {
                    table.uniqueKeys.insert(UniqueKey(columns: columns, partial: index["partial"]))
                } else {
                    table.indexes.insert(Index(name: indexName, columns: columns))
                }
            }
            tables[name] = table
        }
        return SchemaShape(tables: tables)
    }
}
