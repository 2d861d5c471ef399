import Foundation
import Logging
import PostgresNIO

extension SchemaShape {
    /// The schema of the PostgreSQL store in the connection's current schema, from
    /// `information_schema` and `pg_catalog`; the migrator's own `schema_migrations` is left out.
    static func read(postgres connection: PostgresConnection, logger: Logger) async throws -> SchemaShape {
        var tables: [String: Table] = [:]
        let tableRows = try await connection.query(
            """
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
            """, logger: logger)
        for try await name in tableRows.decode(String.self) { tables[name] = Table() }

        let columnRows = try await connection.query(
            """
            SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO' FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """, logger: logger)
        for try await (table, column, type, notNull) in columnRows.decode((String, String, String, Bool).self) {
            tables[table]?.columns.append(Column(name: column, type: type, notNull: notNull))
        }

        let keyRows = try await connection.query(
            """
            SELECT t.relname::text, c.contype::text, f.relname::text, c.confdeltype::text,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
                   ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            LEFT JOIN pg_class f ON f.oid = c.confrelid
            WHERE c.connamespace = current_schema()::text::regnamespace AND c.contype IN ('p', 'f')
            """, logger: logger)
        for try await (table, kind, referenced, onDelete, columns, referencedColumns) in keyRows.decode(
            (String, String, String?, String, [String], [String]).self)
        {
            if kind == "p" {
                tables[table]?.primaryKey = columns
            } else if let referenced {
                tables[table]?.foreignKeys.insert(
                    ForeignKey(columns: columns, table: referenced, referenced: referencedColumns, onDelete: Self.action(onDelete)))
            }
        }

        // Each key column of each index, as pg_get_indexdef prints it: a column's (quoted) name or
        // an expression such as lower(email).
        let indexRows = try await connection.query(
            """
            SELECT t.relname::text, i.relname::text, x.indisunique, x.indisprimary, x.indpred IS NOT NULL,
                   ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts::int) AS k ORDER BY k)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            WHERE t.relnamespace = current_schema()::text::regnamespace
            """, logger: logger)
        for try await (table, name, unique, primary, partial, columns) in indexRows.decode(
            (String, String, Bool, Bool, Bool, [String]).self)
        {
            let columns = columns.map { $0.replacingOccurrences(of: "\"", with: "") }
            if primary { continue }
            if unique {
                tables[table]?.uniqueKeys.insert(UniqueKey(columns: columns, partial: partial))
            } else {
                tables[table]?.indexes.insert(Index(name: name, columns: columns))
            }
        }
        return SchemaShape(tables: tables)
    }

    /// pg_constraint's `confdeltype` in SQLite's words.
    private static func action(_ code: String) -> String {
        switch code {
        case "c": "CASCADE"
        case "n": "SET NULL"
        case "r": "RESTRICT"
        case "d": "SET DEFAULT"
        default: "NO ACTION"
        }
    }
}
