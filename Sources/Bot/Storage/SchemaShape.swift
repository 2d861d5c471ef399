/// The store's schema as a database reports it from its own catalogue: per table the columns (in
/// order, with type and NOT NULL), the primary key, the foreign keys with their ON DELETE, the
/// unique keys and the other indexes. Read from SQLite (`read(sqlite:)`) and from PostgreSQL
/// (`read(postgres:logger:)`), so that the two DDLs can be compared and kept from drifting.
///
/// Names compare case-insensitively, as both databases treat them (PostgreSQL folds the unquoted
/// `personId` to `personid`; SQLite keeps it but matches it in any case); the types are each database's own (SQLite's declared
/// `INTEGER`/`TEXT`, PostgreSQL's `bigint`/`boolean`/`text`): `differences(from:)` is told which
/// pairs correspond. A case-insensitive key column is written `lower(column)` on both sides
/// (SQLite's `COLLATE NOCASE`, PostgreSQL's index on `lower(column)`).
struct SchemaShape: Equatable, Sendable {
    struct Column: Hashable, Sendable {
        var name: String
        var type: String
        var notNull: Bool
    }

    struct ForeignKey: Hashable, Sendable, CustomStringConvertible {
        var columns: [String]
        var table: String
        var referenced: [String]
        /// `CASCADE`, `SET NULL`, `NO ACTION`, `RESTRICT` or `SET DEFAULT`.
        var onDelete: String

        var description: String {
            "(\(columns.joined(separator: ", "))) → \(table)(\(referenced.joined(separator: ", "))) ON DELETE \(onDelete)"
        }
    }

    struct UniqueKey: Hashable, Sendable, CustomStringConvertible {
        var columns: [String]
        /// A partial index (`WHERE …`): unique only among the rows it covers.
        var partial: Bool

        var description: String { "(\(columns.joined(separator: ", ")))\(partial ? " partial" : "")" }
    }

    struct Index: Hashable, Sendable, CustomStringConvertible {
        var name: String
        var columns: [String]

        var description: String { "\(name)(\(columns.joined(separator: ", ")))" }
    }

    struct Table: Equatable, Sendable {
        var columns: [Column] = []
        var primaryKey: [String] = []
        var foreignKeys: Set<ForeignKey> = []
        var uniqueKeys: Set<UniqueKey> = []
        /// Indexes that are not unique, by name.
        var indexes: Set<Index> = []
    }

    var tables: [String: Table]

    /// What differs from `other`, one line each, naming the table and what each side has; empty
    /// when the two agree. `sameType` says whether this side's type and the other's correspond.
    func differences(from other: SchemaShape, sameType: (String, String) -> Bool) -> [String] {
        let tables = folded.tables
        let other = other.folded
        var lines: [String] = []
        for name in Set(tables.keys).subtracting(other.tables.keys).sorted() { lines.append("\(name): only on this side") }
        for name in Set(other.tables.keys).subtracting(tables.keys).sorted() { lines.append("\(name): only on the other side") }
        for name in Set(tables.keys).intersection(other.tables.keys).sorted() {
            guard let mine = tables[name], let theirs = other.tables[name] else { continue }
            if mine.columns.map(\.name) != theirs.columns.map(\.name) {
                lines.append("\(name): columns \(mine.columns.map(\.name)) against \(theirs.columns.map(\.name))")
            }
            let theirColumns = Dictionary(theirs.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for column in mine.columns {
                guard let their = theirColumns[column.name] else { continue }
                if column.notNull != their.notNull {
                    lines.append("\(name).\(column.name): NOT NULL \(column.notNull) against \(their.notNull)")
                }
                if !sameType(column.type, their.type) {
                    lines.append("\(name).\(column.name): type \(column.type) against \(their.type)")
                }
            }
            if mine.primaryKey != theirs.primaryKey {
                lines.append("\(name): primary key \(mine.primaryKey) against \(theirs.primaryKey)")
            }
            lines += Self.compare(name, "foreign keys", mine.foreignKeys, theirs.foreignKeys)
            lines += Self.compare(name, "unique keys", mine.uniqueKeys, theirs.uniqueKeys)
            lines += Self.compare(name, "indexes", mine.indexes, theirs.indexes)
        }
        return lines
    }

    /// The same shape with every name in lower case.
    var folded: SchemaShape {
        func fold(_ names: [String]) -> [String] { names.map { $0.lowercased() } }
        return SchemaShape(
            tables: Dictionary(
                tables.map { name, table in
                    var copy = Table()
                    copy.columns = table.columns.map { Column(name: $0.name.lowercased(), type: $0.type, notNull: $0.notNull) }
                    copy.primaryKey = fold(table.primaryKey)
                    copy.foreignKeys = Set(
                        table.foreignKeys.map {
                            ForeignKey(
                                columns: fold($0.columns), table: $0.table.lowercased(), referenced: fold($0.referenced),
                                onDelete: $0.onDelete)
                        })
                    copy.uniqueKeys = Set(table.uniqueKeys.map { UniqueKey(columns: fold($0.columns), partial: $0.partial) })
                    copy.indexes = Set(table.indexes.map { Index(name: $0.name.lowercased(), columns: fold($0.columns)) })
                    return (name.lowercased(), copy)
                }, uniquingKeysWith: { first, _ in first }))
    }

    private static func compare<T: CustomStringConvertible>(_ table: String, _ what: String, _ mine: Set<T>, _ theirs: Set<T>) -> [String] {
        let onlyMine = mine.subtracting(theirs).map(\.description).sorted()
        let onlyTheirs = theirs.subtracting(mine).map(\.description).sorted()
        guard !onlyMine.isEmpty || !onlyTheirs.isEmpty else { return [] }
        return ["\(table): \(what) only on this side \(onlyMine), only on the other side \(onlyTheirs)"]
    }
}
