import Foundation
import GRDB

enum PersonStore {
    /// The person behind a channel address; a new inwoner when nobody is known there.
    static func findOrCreate(channel: String, address: String, phone: String?, at now: Date, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT personId FROM contact WHERE channel = ? AND address = ?",
                                       arguments: [channel, address]) {
            return id
        }
        let id: Int64
        if let phone, let existing = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE phone = ?", arguments: [phone]) {
            id = existing
        } else {
            try db.execute(sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', ?, ?)", arguments: [phone, now])
            id = db.lastInsertedRowID
        }
        try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (?, ?, ?)", arguments: [id, channel, address])
        return id
    }

    static func id(phone: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE phone = ?", arguments: [phone])
    }

    static func id(channel: String, address: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT personId FROM contact WHERE channel = ? AND address = ?", arguments: [channel, address])
    }
}
