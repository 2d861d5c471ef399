import Dialog
import Foundation
import GRDB

/// Starts a flow other than the intake for a person (a follow-up, an invitation, a re-rating),
/// with the variables it needs, and makes it the flow their next message belongs to.
struct FlowStarter {
    let service: ConversationService
    let db: any SQLConnection
    let now: Date
    /// Set while an inbound message is applied: a flow started for its sender answers it.
    var reply: ReplyContext?

    enum Outcome { case started([OutgoingMessage]), busy, unreachable }

    /// - Parameters:
    ///   - run: makes the records of this run distinct from earlier runs of the same flow.
    ///   - replacing: a waiting conversation of this same flow is replaced rather than waited for
    ///     (a new check-in replaces the unanswered one, which counts as unanswered).
    func start(_ flowID: String, personID: Int64, vars: [String: Value], run: String, replacing: Bool = false) throws -> Outcome {
        guard let engine = service.engines[flowID] else { throw ConversationService.UnknownFlow(flowID: flowID) }
        let replying = reply?.replying(to: personID)
        guard let channel = try replying?.channel ?? PersonStore.primaryContact(personID: personID, in: db)?.channel else {
            return .unreachable
        }
        // Someone with an open question is not interrupted, not even by the same flow (that would
        // overwrite the open question); the job waits until the conversation ends.
        if let active = try ConversationService.activeFlow(personID: personID, in: db), !(replacing && active == flowID),
            try waitsForAnswer(personID: personID, flowID: active)
        {
            return .busy
        }
        let language = try PersonStore.language(personID: personID, in: db)
        var state = engine.newConversation(language: language)
        state.vars = vars
        state.vars[ConversationService.runKey] = .text(run)
        let transition = engine.advance(state, with: .begin, at: now)
        try ConversationStore.save(transition.state, personID: personID, engine: engine, now: now, in: db)
        let waiting = !transition.state.finished && transition.state.node != nil
        try PersonStore.setActiveFlow(waiting ? flowID : nil, personID: personID, in: db)
        if waiting {
            try FollowUpWatch(service: service, db: db, now: now).started(flowID: flowID, personID: personID, vars: vars, run: run)
        }
        var writer = OutputWriter(
            db: db, personID: personID, channel: channel, library: service.library, engine: engine,
            service: service, now: now)
        writer.reply = replying
        writer.repliesSentInline = replying?.sentInline ?? false
        writer.replyAddress = replying?.address
        let messages = try writer.write(transition, replyTo: replying?.messageID)
        replying?.add(messages)
        return .started(messages)
    }

    /// An unfinished conversation at a question that was sent. A quiet question (a network
    /// member's conversation waiting for GEDAAN) asks nothing, so it holds no one.
    private func waitsForAnswer(personID: Int64, flowID: String) throws -> Bool {
        guard let state = try ConversationStore.state(personID: personID, flowID: flowID, in: db), !state.finished,
            let node = state.node
        else { return false }
        return !(service.engines[flowID]?.flow.nodes[node]?.question?.quiet ?? false)
    }
}
