import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Rows for the store contract tests, made through the store operations themselves (as the
/// conversation, the web view and the command line make them), so the suite runs unchanged on any
/// backend that implements the operations. Each helper runs inside the caller's transaction.
enum ContractSeed {
    static let now = Fixtures.start

    static func at(minutes: Double) -> Date { now.addingTimeInterval(minutes * 60) }

    @discardableResult
    static func professional(_ email: String, admin: Bool = false, at date: Date = now, in db: any SQLConnection) throws -> Int64 {
        try ProfessionalStore.add(email: email, passwordHash: "x", admin: admin, at: date, in: db)
    }

    /// An inwoner reached by SMS at `phone`: enrolled by a professional when they have a name,
    /// otherwise one who wrote in by themselves (and then reached on Telegram when there is no phone).
    @discardableResult
    static func inwoner(
        phone: String? = nil, name: String? = nil, professionalID: Int64? = nil, optedOut: Bool = false,
        at date: Date = now, in db: any SQLConnection
    ) throws -> Int64 {
        let id: Int64
        if let name, let phone {
            id = try PersonStore.enrol(phone: phone, name: name, language: .nl, channel: "sms", address: phone, at: date, in: db)
        } else {
            id = try PersonStore.findOrCreate(
                channel: phone == nil ? "telegram" : "sms", address: phone ?? "chat-\(UUID().uuidString)",
                phone: phone, at: date, in: db)
            if let name { try PersonStore.setName(name, personID: id, in: db) }
        }
        if let professionalID { try ProfessionalStore.assign(personID: id, to: professionalID, in: db) }
        if optedOut { try PersonStore.setOptedOut(true, personID: id, in: db) }
        return id
    }

    /// The records the conversation writes for `personID`, dated `date`.
    static func records(_ personID: Int64, at date: Date = now, in db: any SQLConnection) -> PlanRecordStore {
        PlanRecordStore(db: db, personID: personID, now: date)
    }

    @discardableResult
    static func goal(_ personID: Int64, text: String = "Doel", leefgebied: String? = nil, rank: Int = 1, in db: any SQLConnection) throws
        -> Int64
    {
        try #require(
            try records(personID, in: db).saveGoal(
                text: text, leefgebied: leefgebied, rank: rank, wishLocalID: nil,
                localID: "goal-\(rank)-\(text)"))
    }

    /// An action of the inwoner's goal, planned by the conversation and then given `status` (as a
    /// report from the chat gives it).
    @discardableResult
    static func action(
        _ personID: Int64, goalID: Int64, what: String, owner: String = "inwoner", memberID: Int64? = nil,
        status: String = "gepland", due: String? = nil, time: String? = nil, at date: Date = now,
        in db: any SQLConnection
    ) throws -> Int64 {
        let id = try #require(
            try records(personID, at: date, in: db).saveAction(
                goalID: goalID, what: what, ownerKind: owner,
                memberID: memberID, dueDate: due, dueTime: time,
                localID: "action-\(what)"))
        if status != "gepland" { try ActionStore.apply(.init(status: status), actionID: id, at: date, in: db) }
        return id
    }

    /// A network member the inwoner named; with `invitation` (and a phone) they are also a person
    /// we write to, who answered the invitation so. Returns the member's id and that person's.
    @discardableResult
    static func member(
        of inwonerID: Int64, name: String, phone: String? = nil, invitation: MemberFacts.Invitation? = nil,
        in db: any SQLConnection
    ) throws -> (memberID: Int64, personID: Int64?) {
        let records = records(inwonerID, in: db)
        try records.saveNetworkMember(name: name, relation: nil, helps: nil, phone: phone, localID: "network-\(name)")
        let memberID = try #require(try records.networkMember(localID: "network-\(name)"))
        guard let invitation, let phone else { return (memberID, nil) }
        let personID = try PersonStore.networkMember(phone: phone, memberID: memberID, inwonerID: inwonerID, at: now, in: db)
        try NetworkStore.setInvitation(invitation, memberID: memberID, in: db)
        return (memberID, personID)
    }

    /// A mantelzorger who cares for the inwoner (`ontvangt`: the inwoner receives the care), agreed
    /// to be asked for check-ins, and is a person we write to. Returns the link's id and the person's.
    @discardableResult
    static func carer(of inwonerID: Int64, name: String? = "Mo", phone: String, in db: any SQLConnection) throws -> (
        linkID: Int64, personID: Int64
    ) {
        let linkID = try #require(
            try records(inwonerID, in: db).saveCarerLink(
                direction: "ontvangt", name: name, hours: nil, phone: phone,
                checkin: true, localID: "mantelzorg-\(phone)"))
        return (linkID, try PersonStore.carer(phone: phone, carerLinkID: linkID, inwonerID: inwonerID, at: now, in: db))
    }

    /// An alert raised at `date`, handled at `handledAt` when given.
    @discardableResult
    static func alert(
        _ personID: Int64, kind: String = "contact", urgent: Bool = false, at date: Date = now, handledAt: Date? = nil,
        in db: any SQLConnection
    ) throws -> Int64 {
        try AlertStore.add(personID: personID, kind: kind, detail: "d", urgent: urgent, at: date, in: db)
        // `add` returns no id: the alert just raised is the open one with the highest id.
        let id = try #require(try AlertStore.allOpen(in: db).map(\.id).max())
        if let handledAt { try AlertStore.markHandled(alertID: id, note: nil, at: handledAt, in: db) }
        return id
    }

    /// A message the person sent (stored as the channel hands it over) at `date`.
    static func inbound(_ personID: Int64, _ text: String, id providerID: String? = nil, at date: Date = now, in db: any SQLConnection)
        throws
    {
        let message = InboundMessage(channel: "sms", address: "-", phone: nil, providerID: providerID, text: text, receivedAt: date)
        _ = try #require(try MessageStore.insertInbound(message, personID: personID, in: db))
    }

    /// A message Wegwijzer sent at `date` (in the HTTP response, so it waits in no outbox).
    static func outbound(_ personID: Int64, _ text: String, at date: Date = now, in db: any SQLConnection) throws {
        _ = try MessageStore.queueOutbound(
            personID: personID, channel: "sms", key: "test", text: text, replyTo: nil, at: date,
            sentInline: true, address: "-", in: db)
    }
}
