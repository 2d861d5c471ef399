import Foundation
import GRDB
import PostgresNIO

/// Values between the store's operations and PostgreSQL: arguments bound with the type of their
/// Swift value, and cells read back as the `DatabaseValue`s SQLite would have given, so that one
/// `Row` decodes alike on both backends (a boolean reads as 0/1, as SQLite stores it).
enum PostgresValues {
    static func bindings(_ arguments: SQLArguments) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            // A Bool is bound as a boolean (the flags' type here); every other value as SQLite
            // stores it: a Date as SQLite's text, so it compares and sorts as the column's text.
            if let flag = value as? Bool {
                bindings.append(flag)
                continue
            }
            switch value?.databaseValue.storage ?? .null {
            case .null: bindings.appendNull()
            case .int64(let number): bindings.append(number)
            case .double(let number): bindings.append(number)
            case .string(let text): bindings.append(text)
            case .blob(let data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        return bindings
    }

    /// One row with its columns by name; when two columns share a name, the first is kept (as a
    /// lookup by name finds the first on SQLite). Names come back as the schema spells them
    /// (`createdAt`, not PostgreSQL's folded `createdat`), so that what lists a row's columns (the
    /// export) reads the same on both backends.
    static func row(_ row: PostgresRow) throws -> Row {
        var columns: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row {
            let name = schemaNames[cell.columnName] ?? cell.columnName
            if columns[name] == nil { columns[name] = try value(cell) }
        }
        return Row(columns)
    }

    /// Every mixed-case name in the schema, by its folded form: PostgreSQL reports `createdat` for
    /// the column the DDL calls `createdAt`.
    static let schemaNames: [String: String] = {
        var names: [String: String] = [:]
        let word = /[A-Za-z_][A-Za-z0-9_]*/
        for migration in PostgresSchema.migrations {
            for match in migration.script.matches(of: word) {
                let name = String(match.output)
                if name != name.lowercased(), name != name.uppercased() { names[name.lowercased()] = name }
            }
        }
        return names
    }()

    /// The first column of a row.
    static func firstValue(_ row: PostgresRow) throws -> DatabaseValue {
        guard let cell = row.first(where: { _ in true }) else { return .null }
        return try value(cell)
    }

    static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
        case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .float4, .float8: return try cell.decode(Double.self).databaseValue
        case .numeric:
            // SUM of a BIGINT is numeric: a whole number reads as an integer, as SQLite's SUM.
            let number = try cell.decode(Decimal.self)
            let whole = NSDecimalNumber(decimal: number).int64Value
            if Decimal(whole) == number { return whole.databaseValue }
            return NSDecimalNumber(decimal: number).doubleValue.databaseValue
        case .bytea: return Data(try cell.decode(ByteBuffer.self).readableBytesView).databaseValue
        default: return try cell.decode(String.self).databaseValue
        }
    }
}
