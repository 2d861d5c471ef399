import Dialog
import Foundation
import GRDB

enum PersonStore {
    /// The person who wrote from a channel address now; a new inwoner when nobody is known there.
    /// The contact remembers when they last wrote (WhatsApp allows free text for 24 hours after).
    static func findOrCreate(channel: String, address: String, phone: String?, at now: Date, in db: any SQLConnection) throws -> Int64 {
        // Finding and touching the contact is one statement: this runs for every inbound message.
        if let id = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    UPDATE contact SET lastInboundAt = ? WHERE channel = ? AND address = ? RETURNING personId
                    """), arguments: [SQLDate(now), channel, address])
        {
            return id
        }
        // Two instances may meet a new sender's first messages at once: whoever inserts second
        // finds (after the first commits) the person and contact the first made, and uses those.
        let id = try phone.flatMap { try insertOrFind(role: "inwoner", phone: $0, name: nil, at: now, in: db) }
        let person: Int64
        if let id {
            person = id
        } else {
            guard
                let created = try Int64.fetchOne(
                    db.cachedStatement(sql: "INSERT INTO person (role, createdAt) VALUES ('inwoner', ?) RETURNING id"), arguments: [now])
            else { throw SQLValueError.unexpectedNull(sql: "INSERT INTO person") }
            person = created
        }
        if let contact = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    INSERT INTO contact (personId, channel, address, lastInboundAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT (channel, address) DO UPDATE SET lastInboundAt = excluded.lastInboundAt RETURNING personId
                    """), arguments: [person, channel, address, SQLDate(now)]), contact != person
        {
            // Someone else made the contact meanwhile: theirs is the person; ours (made just now,
            // without a phone) goes again.
            if phone == nil { try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [person]) }
            return contact
        }
        return person
    }

    /// Waits until no other transaction works on this person's conversation, and holds the others
    /// off until this one ends, so that one person's messages and jobs are applied one after the
    /// other. On PostgreSQL, where several instances apply at once, that is a lock on the person's
    /// row (FOR NO KEY UPDATE: rows that only refer to the person are not held up); SQLite has one
    /// writer at a time, which does it already.
    static func lockForTurn(personID: Int64, in db: any SQLConnection) throws {
        guard db.dialect == .postgres else { return }
        try db.execute(sql: "SELECT id FROM person WHERE id = ? FOR NO KEY UPDATE", arguments: [personID], cached: true)
    }

    /// A new inwoner enrolled by a professional, with the contact they are reached at.
    static func enrol(
        phone: String, name: String, language: Language, channel: String, address: String, at now: Date,
        in db: any SQLConnection
    ) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO person (role, phone, name, language, createdAt) VALUES ('inwoner', ?, ?, ?, ?)")
            .execute(arguments: [phone, name, language.rawValue, SQLDate(now)])
        let personID = try db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO contact (personId, channel, address) VALUES (?, ?, ?)").execute(arguments: [
            personID, channel, address
        ])
        return personID
    }

    /// What decides which flow a person's next message belongs to: the flow a follow-up or
    /// invitation made active, and their role (inwoner, netwerk, mantelzorger).
    static func routing(personID: Int64, in db: any SQLConnection) throws -> (activeFlow: String?, role: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT activeFlow, role FROM person WHERE id = ?"), arguments: [personID])
            .map { ($0["activeFlow"], $0["role"]) }
    }

    /// The name the person gave in the chat.
    static func setName(_ name: String, personID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE person SET name = ? WHERE id = ?").execute(arguments: [name, personID])
    }

    static func setLanguage(_ language: Language, personID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE person SET language = ? WHERE id = ?").execute(arguments: [language.rawValue, personID])
    }

    static func id(phone: String, in db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM person WHERE phone = ?"), arguments: [phone])
    }

    /// A new person with this phone; or, when one has it already, that one. When another
    /// transaction is making the same person at this moment, the insert waits for it to commit
    /// and then finds the person it made (nil only if that person is gone again).
    private static func insertOrFind(role: String, phone: String, name: String?, at now: Date, in db: any SQLConnection) throws
        -> Int64?
    {
        try Int64.fetchOne(
            db.cachedStatement(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES (?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING RETURNING id"),
            arguments: [role, phone, name, now]) ?? id(phone: phone, in: db)
    }

    static func id(channel: String, address: String, in db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT personId FROM contact WHERE channel = ? AND address = ?"), arguments: [channel, address])
    }
}

extension PersonStore {
    /// Opted out or back in, everywhere: the person and every conversation they have, so no flow
    /// writes to someone who said STOP in another one.
    static func setOptedOut(_ optedOut: Bool, personID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE person SET optedOut = ? WHERE id = ?").execute(arguments: [optedOut, personID])
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, state FROM conversation WHERE personId = ?"), arguments: [personID])
        {
            guard let json: String = row["state"], var state = try? Conversation.decode(Data(json.utf8)) else { continue }
            state.optedOut = optedOut
            try db.cachedStatement(sql: "UPDATE conversation SET state = ? WHERE id = ?").execute(arguments: [
                String(decoding: try state.encoded(), as: UTF8.self), row["id"] as Int64
            ])
        }
    }

    /// Whether the person said STOP (an unknown person counts as stopped: nothing goes to them).
    static func optedOut(personID: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT optedOut FROM person WHERE id = ?"), arguments: [personID]) ?? true
    }

    static func language(personID: Int64, in db: any SQLConnection) throws -> Language {
        try String.fetchOne(db.cachedStatement(sql: "SELECT language FROM person WHERE id = ?"), arguments: [personID])
            .flatMap(Language.init(rawValue:)) ?? .nl
    }

    /// The person's own send window (JSON), if they have one.
    static func sendWindow(personID: Int64, in db: any SQLConnection) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT sendWindow FROM person WHERE id = ?"), arguments: [personID])
    }

    /// The flow the person's next message belongs to; nil: the intake (or their last flow).
    static func setActiveFlow(_ flowID: String?, personID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE person SET activeFlow = ? WHERE id = ?").execute(arguments: [flowID, personID])
    }

    /// The person's next message no longer belongs to `flowID`; true when it did.
    static func leaveFlow(_ flowID: String, personID: Int64, in db: any SQLConnection) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE person SET activeFlow = NULL WHERE id = ? AND activeFlow = ?").execute(arguments: [
            personID, flowID
        ])
        return db.changesCount > 0
    }
}

extension PersonStore {
    /// The person behind a network member's phone (a new person with role netwerk when unknown),
    /// linked to the member row.
    static func networkMember(phone: String, memberID: Int64, inwonerID: Int64, at now: Date, in db: any SQLConnection) throws -> Int64 {
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM networkMember WHERE id = ?"), arguments: [memberID])
        let id = try reachable(role: "netwerk", phone: phone, name: name, inwonerID: inwonerID, at: now, in: db)
        try db.cachedStatement(sql: "UPDATE networkMember SET memberPersonId = ? WHERE id = ?").execute(arguments: [id, memberID])
        return id
    }

    /// A person we will write to on behalf of an inwoner (a network member, a mantelzorger): found by
    /// phone or made, and reachable on the channel the inwoner uses.
    static func reachable(role: String, phone: String, name: String?, inwonerID: Int64, at now: Date, in db: any SQLConnection) throws
        -> Int64
    {
        // Two inwoners may name the same person at the same moment (on two instances, or two
        // writers of one): see `insertOrFind`.
        guard let id = try PersonStore.id(phone: phone, in: db) ?? insertOrFind(role: role, phone: phone, name: name, at: now, in: db)
        else { throw SQLValueError.unexpectedNull(sql: "INSERT INTO person") }
        if let (channel, _) = try primaryContact(personID: inwonerID, in: db) {
            let address = channel == "whatsapp" ? String(phone.dropFirst()) : phone
            try db.cachedStatement(
                sql: "INSERT INTO contact (personId, channel, address) VALUES (?, ?, ?) ON CONFLICT (channel, address) DO NOTHING"
            ).execute(arguments: [id, channel, address])
        }
        return id
    }

    /// Where to reach a person when we write first: the channel they used last.
    static func primaryContact(personID: Int64, in db: any SQLConnection) throws -> (channel: String, address: String)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT channel, address FROM contact WHERE personId = ? ORDER BY lastInboundAt IS NULL, lastInboundAt DESC, id LIMIT 1
                    """), arguments: [personID]
        ).map { ($0["channel"], $0["address"]) }
    }

    /// The person behind a mantelzorger's phone (role mantelzorger), linked to the mantelzorg row.
    static func carer(phone: String, carerLinkID: Int64, inwonerID: Int64, at now: Date, in db: any SQLConnection) throws -> Int64 {
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM mantelzorg WHERE id = ?"), arguments: [carerLinkID])
        let id = try reachable(role: "mantelzorger", phone: phone, name: name, inwonerID: inwonerID, at: now, in: db)
        try db.cachedStatement(sql: "UPDATE mantelzorg SET carerPersonId = ? WHERE id = ?").execute(arguments: [id, carerLinkID])
        return id
    }
}
