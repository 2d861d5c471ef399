import Dialog
import Foundation
import GRDB

/// A follow-up question ("Is het gelukt?", "Wie neemt het over?") that gets no answer is asked
/// once more after the set time; still nothing as long after that, the professional gets a
/// signal and the conversation is closed, so that it no longer holds the person's next question.
/// A re-rating is asked again and closed the same way, without a signal (it asks about no step).
/// An answer at any point ends this. Runs inside the caller's transaction.
struct FollowUpWatch {
    let service: ConversationService
    let db: Database
    let now: Date

    /// The flows whose question is watched: an inwoner's questions that other follow-ups wait for.
    static let flows: Set<String> = ["opvolging", "overnemen", "herwaardering"]
    /// Of those, the ones whose question left unanswered is a signal for the professional.
    static let signalled: Set<String> = ["opvolging", "overnemen"]

    var policy: SchedulePolicy { service.schedule }

    /// A watched flow started and waits for an answer: plan the first look at it.
    func started(flowID: String, personID: Int64, vars: [String: Value], run: String) throws {
        guard Self.flows.contains(flowID) else { return }
        try plan(.followupAgain, personID: personID, actionID: Self.actionID(vars), run: run, after: now)
    }

    /// What a watching job finds: the conversation ended, is still in use, or has waited long enough.
    func run(_ job: JobStore.Job) throws -> [OutgoingMessage] {
        guard let run = job.run, let flowID = try ConversationService.activeFlow(personID: job.personID, in: db),
              Self.flows.contains(flowID), let engine = service.engines[flowID],
              let state = try ConversationStore.state(personID: job.personID, flowID: flowID, in: db),
              state.vars[ConversationService.runKey]?.key == run, !state.finished, state.node != nil else {
            try JobStore.finish(job.id, at: now, note: "the conversation ended", in: db)
            return []
        }
        // The person wrote in it lately (a question back, an answer halfway): the set time counts from then.
        let quietUntil = policy.askAgain(after: state.lastActivity ?? now, window: try window(job.personID))
        if quietUntil > now {
            try JobStore.postpone(job.id, to: quietUntil, note: "the person wrote in the conversation meanwhile", in: db)
            return []
        }
        let answered = state.node != engine.flow.start
        switch (job.kind, answered) {
        case (.followupAgain, false):
            let messages = try askAgain(state, engine: engine, personID: job.personID)
            try plan(.followupUnanswered, personID: job.personID, actionID: job.actionID, run: run, after: now)
            try JobStore.finish(job.id, at: now, in: db)
            return messages
        case (_, false):
            let signal = Self.signalled.contains(flowID)
            if signal { try raiseSignal(personID: job.personID, actionID: job.actionID) }
            try close(state, flowID: flowID, personID: job.personID)
            try JobStore.finish(job.id, at: now, note: "unanswered: \(signal ? "signal raised, " : "")conversation closed", in: db)
        default:
            // The question was answered and a later one was left open: no signal, but it holds the person no longer.
            try close(state, flowID: flowID, personID: job.personID)
            try JobStore.finish(job.id, at: now, note: "answered, then left open: conversation closed", in: db)
        }
        return []
    }

    /// The engine asks the waiting question again when a started conversation begins anew.
    private func askAgain(_ state: Conversation, engine: Engine, personID: Int64) throws -> [OutgoingMessage] {
        guard let (channel, _) = try PersonStore.primaryContact(personID: personID, in: db) else { return [] }
        let transition = engine.advance(state, with: .begin, at: now)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: now, in: db)
        let writer = OutputWriter(db: db, personID: personID, channel: channel, library: service.library, engine: engine,
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

    private func plan(_ kind: JobStore.Kind, personID: Int64, actionID: Int64?, run: String, after moment: Date) throws {
        let at = policy.askAgain(after: moment, window: try window(personID))
        try JobStore.add(kind, personID: personID, actionID: actionID, run: run, dueAt: at, key: "\(kind.rawValue):\(personID):\(run)",
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
