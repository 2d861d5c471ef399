import Dialog
import Foundation
import GRDB

/// Starts a flow other than the intake for a person (a follow-up, an invitation, a re-rating),
/// with the variables it needs, and makes it the flow their next message belongs to.
struct FlowStarter {
    let service: ConversationService
    let db: Database
    let now: Date

    enum Outcome { case started([OutgoingMessage]), busy, unreachable }

    /// - Parameter run: makes the records of this run distinct from earlier runs of the same flow.
    func start(_ flowID: String, personID: Int64, vars: [String: Value], run: String) throws -> Outcome {
        guard let engine = service.engines[flowID] else { throw ConversationService.UnknownFlow(flowID: flowID) }
        guard let (channel, _) = try PersonStore.primaryContact(personID: personID, in: db) else { return .unreachable }
        // Someone in the middle of another question is not interrupted; the job tries again later.
        if let active = try ConversationService.activeFlow(personID: personID, in: db), active != flowID,
           let waiting = try ConversationStore.state(personID: personID, flowID: active, in: db),
           !waiting.finished, waiting.node != nil {
            return .busy
        }
        let language = try PersonStore.language(personID: personID, in: db)
        var state = engine.newConversation(language: language)
        state.vars = vars
        state.vars[ConversationService.runKey] = .text(run)
        let transition = engine.advance(state, with: .begin, at: now)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: now, in: db)
        let waiting = !transition.state.finished && transition.state.node != nil
        try db.execute(sql: "UPDATE person SET activeFlow = ? WHERE id = ?", arguments: [waiting ? flowID : nil, personID])
        let writer = OutputWriter(db: db, personID: personID, channel: channel, library: service.library, engine: engine,
                                  service: service, now: now)
        return .started(try writer.write(transition, replyTo: nil))
    }
}
