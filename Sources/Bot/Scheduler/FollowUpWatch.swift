import Dialog
import Foundation
import GRDB

/// Carries out `FollowUpRules`: a watched question ("Is het gelukt?", "Wie neemt het over?", a
/// re-rating) is asked once more, then closed with a signal or without. Runs inside the caller's
/// transaction.
struct FollowUpWatch {
    let service: ConversationService
    let db: any SQLConnection
    let now: Date

    var policy: SchedulePolicy { service.schedule }
    private var rules: FollowUpRules { FollowUpRules(policy: policy) }

    /// A watched flow started and waits for an answer: plan the first look at it.
    func started(flowID: String, personID: Int64, vars: [String: Value], run: String) throws {
        guard let at = rules.firstLook(flow: flowID, now: now, window: try window(personID)) else { return }
        try plan(.followupAgain, personID: personID, actionID: Self.actionID(vars), run: run, at: at)
    }

    /// What a watching job finds: the conversation ended, is still in use, or has waited long enough.
    func run(_ job: JobStore.Job) throws -> [OutgoingMessage] {
        let flowID = try ConversationService.activeFlow(personID: job.personID, in: db)
        let engine = flowID.flatMap { service.engines[$0] }
        let state = try flowID.flatMap { try ConversationStore.state(personID: job.personID, flowID: $0, in: db) }
        let waiting =
            flowID.map(FollowUpRules.watched.contains) == true && engine != nil && job.run != nil
            && state?.vars[ConversationService.runKey]?.key == job.run && state?.finished == false && state?.node != nil
        let decision = rules.decide(
            job.kind, flow: flowID ?? "", waiting: waiting, answered: state?.node != engine?.flow.start,
            lastActivity: state?.lastActivity, now: now, window: try window(job.personID))
        switch decision {
        case .done(let note):
            try JobStore.finish(job.id, at: now, note: note, in: db)
            return []
        case .later(let moment, let note):
            try JobStore.postpone(job.id, to: moment, note: note, in: db)
            return []
        case .askAgain(let then):
            guard let state, let engine, let run = job.run else { return [] }
            let messages = try askAgain(state, engine: engine, personID: job.personID)
            try plan(.followupUnanswered, personID: job.personID, actionID: job.actionID, run: run, at: then)
            try JobStore.finish(job.id, at: now, in: db)
            return messages
        case .close(let signal, let note):
            guard let state, let flowID else { return [] }
            if signal { try raiseSignal(personID: job.personID, actionID: job.actionID) }
            try close(state, flowID: flowID, personID: job.personID)
            try JobStore.finish(job.id, at: now, note: note, in: db)
            return []
        }
    }

    /// The engine asks the waiting question again when a started conversation begins anew.
    private func askAgain(_ state: Conversation, engine: Engine, personID: Int64) throws -> [OutgoingMessage] {
        guard let (channel, _) = try PersonStore.primaryContact(personID: personID, in: db) else { return [] }
        let transition = engine.advance(state, with: .begin, at: now)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: now, in: db)
        let writer = OutputWriter(
            db: db, personID: personID, channel: channel, library: service.library, engine: engine,
            service: service, now: now)
        return try writer.write(transition, replyTo: nil)
    }

    private func raiseSignal(personID: Int64, actionID: Int64?) throws {
        guard let actionID, case .record(let action) = try ActionVars.action(actionID, in: db) else { return }
        let what = action["wat"].map { Renderer(catalog: service.library.catalog, language: .nl).format($0) } ?? ""
        try AlertStore.add(personID: personID, kind: "opvolging_onbeantwoord", detail: what, at: now, in: db)
    }

    /// Closed: the next message no longer answers it, and the person's waiting questions go out.
    private func close(_ state: Conversation, flowID: String, personID: Int64) throws {
        var closed = state
        closed.finished = true
        closed.node = nil
        closed.paused = false
        try ConversationStore.save(closed, personID: personID, engine: service.engines[flowID] ?? service.engine, now: now, in: db)
        if try PersonStore.leaveFlow(flowID, personID: personID, in: db) {
            try JobStore.release(personID: personID, at: now, in: db)
        }
    }

    private func plan(_ kind: JobKind, personID: Int64, actionID: Int64?, run: String, at: Date) throws {
        try JobStore.add(
            kind, personID: personID, actionID: actionID, run: run, dueAt: at, key: "\(kind.rawValue):\(personID):\(run)",
            at: now, in: db)
    }

    private func window(_ personID: Int64) throws -> SendWindow {
        policy.window(override: try PersonStore.sendWindow(personID: personID, in: db))
    }

    static func actionID(_ vars: [String: Value]) -> Int64? {
        guard case .record(let action)? = vars["actie"], case .number(let id)? = action["id"] else { return nil }
        return Int64(id)
    }
}
