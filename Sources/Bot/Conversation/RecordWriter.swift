import Dialog
import Foundation
import GRDB

/// Stores the records a flow emits, each in its own table. A record that comes again with the
/// same local id (a corrected answer) updates its row.
struct RecordWriter {
    let db: any SQLConnection
    let personID: Int64
    let channel: String
    let library: FlowLibrary
    let engine: Engine
    let service: ConversationService
    let language: Language
    /// Set for secondary flows, whose local ids start again with every run.
    let namespace: String?
    let now: Date
    /// The inbound message being answered, if any: what the records start for this person answers it too.
    var reply: ReplyContext?

    struct UnknownRecord: Error, CustomStringConvertible {
        let kind: String
        var description: String { "the flow emitted an unknown record '\(kind)'" }
    }

    private var renderer: Renderer { Renderer(catalog: library.catalog, language: language) }
    private var carers: CarerCheckins { CarerCheckins(service: service, db: db, now: now, reply: reply) }
    private var store: PlanRecordStore { PlanRecordStore(db: db, personID: personID, now: now) }
    private var omgeving: OmgevingViews { OmgevingViews(service: service, db: db, now: now) }

    /// Text as stored: options by their label, none as NULL.
    func text(_ value: Value?) -> String? {
        guard let value, value != .none else { return nil }
        return renderer.format(value)
    }

    func key(_ value: Value?) -> String? {
        guard let value, value != .none else { return nil }
        return value.key
    }

    /// The keys of a list of options, comma-separated (`praktisch,advies`); NULL for none or an empty list.
    func keys(_ value: Value?) -> String? {
        let keys = value?.listItems.compactMap(\.key) ?? []
        return keys.isEmpty ? nil : keys.joined(separator: ",")
    }

    /// A database id handed to a flow as a variable (`actie.id`).
    func number(_ value: Value?) -> Int64? {
        switch value {
        case .number(let n)?: Int64(n)
        case .text(let t)?: Int64(t)
        default: nil
        }
    }

    func bool(_ value: Value?) -> Bool? {
        if case .bool(let b)? = value { return b }
        return nil
    }

    func write(kind: String, localID rawID: String, fields f: [String: Value]) throws {
        let localID = namespace.map { "\($0):\(rawID)" } ?? rawID
        switch RecordKind(rawValue: kind) {
        case .consent:
            // `{key, shown}`: the words the inwoner was asked with, as they saw them.
            let textKey = key(f["text"]) ?? ""
            let shown: String
            if case .text(let text)? = f["text"]?["shown"] { shown = text } else { shown = library.catalog.text(textKey, language) }
            try ConsentStore.add(
                .init(
                    personID: personID, purpose: key(f["purpose"]), granted: bool(f["granted"]) ?? false,
                    subject: key(f["member"]), textKey: textKey, textShown: shown,
                    flowVersion: "\(engine.flow.id)@\(engine.flow.version)", channel: channel), at: now, in: db)
        case .score:
            guard case .number(let score)? = f["score"] else { return }
            try store.saveScore(
                leefgebied: key(f["leefgebied"]), score: score, wantsChange: bool(f["wants_change"]),
                goalID: try number(f["goal"]).flatMap(store.ownGoal), localID: localID)
        case .strength:
            try store.saveStrength(kind: key(f["kind"]), text: text(f["text"]), localID: localID)
        case .network:
            try store.saveNetworkMember(
                name: text(f["name"]), relation: text(f["relation"]), helps: text(f["helps"]), phone: key(f["phone"]),
                support: keys(f["support"]), closeness: bool(f["close"]).map { $0 ? "dichtbij" : "verder" },
                localID: localID)
        case .wish:
            try store.saveWish(
                leefgebied: key(f["leefgebied"]), wens: text(f["wens"]), behoefte: text(f["behoefte"]), zelf: text(f["zelf"]),
                hulp: text(f["hulp"]), localID: localID)
        case .resource:
            try store.saveResource(
                wishLocalID: key(f["wish"]), text: text(f["text"]), kinds: (f["kinds"]?.listItems ?? []).compactMap(\.key),
                has: bool(f["have"]) ?? false, localID: localID)
        case .carerLink:
            if let id = try store.saveCarerLink(
                direction: key(f["direction"]), name: text(f["name"]), hours: key(f["hours"]),
                phone: key(f["phone"]), checkin: bool(f["checkin"]), localID: localID)
            {
                try carers.invite(carerLinkID: id)
            }
        case .goal:
            guard case .number(let rank)? = f["rank"] else { return }
            if let goalID = try store.saveGoal(
                text: text(f["text"]), leefgebied: key(f["leefgebied"]), rank: rank, wishLocalID: key(f["wish"]),
                localID: localID)
            {
                let policy = service.schedule
                let later = now.addingTimeInterval(Double(policy.rerateAfterWeeks) * 7 * 86400)
                try JobStore.add(
                    .rerate, personID: personID, goalID: goalID,
                    dueAt: policy.window.nextOpening(atOrAfter: later, calendar: policy.calendar),
                    key: "rerate:\(goalID)", at: now, in: db)
            }
        case .action:
            try writeAction(localID: localID, f)
        case .spiegelblad:
            try store.confirmSpiegelblad(module: key(f["module"]), localID: localID)
        case .actionUpdate:
            try ActionUpdate(writer: self, fields: f).apply()
        case .networkReply:
            guard let actionID = number(f["action"]) else { return }
            try NetworkEvents(service: service, db: db, now: now).replied(
                memberPersonID: personID, actionID: actionID,
                granted: bool(f["granted"]) ?? false)
        case .carerConsent:
            try carers.consent(carerID: personID, granted: bool(f["granted"]) ?? false)
        case .checkin:
            guard case .number(let score)? = f["score"] else { return }
            // `self`: the inwoner's own burden as a mantelzorger, asked in the intake.
            if bool(f["self"]) == true {
                try carers.ownQuickAnswered(inwonerID: personID, score: score)
            } else {
                try carers.quickAnswered(carerID: personID, score: score)
            }
        case .instrument:
            guard let instrument = key(f["instrument"]), case .record(let answers)? = f["answers"] else { return }
            try carers.instrumentAnswered(carerID: personID, instrumentID: instrument, answers: answers)
        case .talk:
            if let leefgebied = key(f["leefgebied"]) {
                try TalkStore.mark(personID: personID, leefgebied: leefgebied, at: now, in: db)
            }
        case .omgevingInvite:
            guard let memberLocal = key(f["member"]), let memberID = try store.networkMember(localID: memberLocal) else { return }
            try omgeving.invite(
                inwonerID: personID, memberID: memberID, share: bool(f["share"]) ?? false,
                leefgebieden: f["leefgebieden"]?.listItems.compactMap(\.key) ?? [], localID: localID)
        case .omgevingView:
            guard let viewID = number(f["invitation"]) else { return }
            guard bool(f["granted"]) == true else { return try omgeving.declined(viewID: viewID, memberPersonID: personID) }
            var scores: [String: Int] = [:]
            if case .record(let given)? = f["scores"] {
                for case (let leefgebied, .number(let score)) in given { scores[leefgebied] = score }
            }
            try omgeving.answered(
                viewID: viewID, memberPersonID: personID, scores: scores, strengths: text(f["strengths"]), offer: text(f["offer"]))
        case .profile:
            if let name = text(f["name"]) { try PersonStore.setName(name, personID: personID, in: db) }
        case .attention:
            try AlertStore.add(
                personID: personID, kind: key(f["kind"]) ?? "attention", node: number(f["action"]).map { "action \($0)" },
                detail: text(f["detail"]), at: now, in: db)
        case nil:
            throw UnknownRecord(kind: kind)
        }
    }

    /// Who does an action: the inwoner, a network member (by the flow's local id), or the professional.
    func owner(_ who: Value?, inwonerID: Int64) throws -> (kind: String, memberID: Int64?) {
        switch who {
        case .option(_, "professional")?: return ("professional", nil)
        case .record(let r)?:
            guard let local = r["id"]?.key else { return ("inwoner", nil) }
            let memberID = try PlanRecordStore(db: db, personID: inwonerID, now: now).networkMember(localID: local)
            return memberID == nil ? ("inwoner", nil) : ("netwerk", memberID)
        default: return ("inwoner", nil)
        }
    }

    private func writeAction(localID: String, _ f: [String: Value]) throws {
        guard let goalLocal = key(f["goal"]), let goalID = try store.goal(localID: goalLocal) else { return }
        let (owner, memberID) = try self.owner(f["who"], inwonerID: personID)
        var dueDate: String?
        var dueTime: String?
        if case .date(let d, let t)? = f["due"] {
            dueDate = d.description
            dueTime = t?.description
        }
        if let actionID = try store.saveAction(
            goalID: goalID, what: text(f["what"]) ?? "", ownerKind: owner, memberID: memberID,
            dueDate: dueDate, dueTime: dueTime, proposed: f["proposal"] == .bool(true), voorziening: key(f["voorziening"]),
            localID: localID)
        {
            // A step dropped before the plan was final ("Klopt dit? nee") stays, as `vervallen`.
            if let status = key(f["status"]) {
                try ActionStore.apply(.init(status: status), actionID: actionID, at: now, in: db)
            }
            try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        }
    }
}
