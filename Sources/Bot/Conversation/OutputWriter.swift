import Dialog
import Foundation
import GRDB

/// Carries out a transition's outputs inside the caller's transaction.
struct OutputWriter {
    let db: any SQLConnection
    let personID: Int64
    let channel: String
    let library: FlowLibrary
    let engine: Engine
    let service: ConversationService
    let now: Date
    /// The replies travel in the HTTP response to the message: stored as sent, never dispatched.
    var repliesSentInline = false
    /// Where replies go when known already (the address the message came from, on its channel).
    var replyAddress: String?
    /// The message being answered, shared with the flows that this transition starts for the same
    /// person; made here from `replyTo` when the writer is the first to answer it.
    var reply: ReplyContext?

    /// Stores everything the engine asked for and queues its messages; returns them for sending.
    func write(_ transition: Transition, replyTo: Int64?) throws -> [OutgoingMessage] {
        let language = transition.state.language
        // Records of a secondary flow get ids of their own run: a second follow-up adds, not overwrites.
        var namespace: String?
        if engine.flow.id != FlowLibrary.mainFlowID {
            namespace = "\(engine.flow.id)#\(transition.state.vars[ConversationService.runKey]?.key ?? "0")"
        }
        let context =
            reply
            ?? replyTo.map {
                ReplyContext(personID: personID, channel: channel, messageID: $0, sentInline: repliesSentInline, address: replyAddress)
            }
        let records = RecordWriter(
            db: db, personID: personID, channel: channel, library: library, engine: engine,
            service: service, language: language, namespace: namespace, now: now, reply: context)
        let declined = transition.outputs.contains { output in
            if case .record("consent", _, let fields) = output {
                return fields["purpose"]?.key == "deelname" && fields["granted"] == .bool(false)
            }
            return false
        }
        var replies: [OutgoingMessage] = []
        var address = replyAddress
        for output in transition.outputs {
            switch output {
            case .say(let key, let text):
                address = try address ?? MessageStore.address(personID: personID, channel: channel, in: db)
                replies.append(
                    try MessageStore.queueOutbound(
                        personID: personID, channel: channel, key: key, text: text, replyTo: replyTo,
                        at: now, sentInline: repliesSentInline, address: address, in: db))
            case .answer(let answer):
                // Without consent nothing but the consent record is kept.
                if declined { continue }
                try AnswerStore.add(answer, personID: personID, messageID: replyTo, at: now, in: db)
            case .record(let kind, let id, let fields):
                try records.write(kind: kind, localID: id, fields: fields)
                // A flow the record started (a questionnaire after a check-in) answers this message too.
                if let context { replies += context.take() }
            case .alert(let kind, let node, let detail):
                try AlertStore.add(
                    personID: personID, kind: kind.rawValue, node: node, detail: detail, urgent: kind.isUrgent, at: now, in: db)
            case .note(let text, _):
                // A note without a professional is one the inwoner told in the chat.
                if declined { continue }
                try NoteStore.addFromChat(personID: personID, text: text, at: now, in: db)
            case .request(let request):
                address = try address ?? MessageStore.address(personID: personID, channel: channel, in: db)
                for (key, text) in try PlanRequest(writer: records).carryOut(request) {
                    replies.append(
                        try MessageStore.queueOutbound(
                            personID: personID, channel: channel, key: key, text: text, replyTo: replyTo,
                            at: now, sentInline: repliesSentInline, address: address, in: db))
                }
            case .moduleStarted(let module):
                try ModuleProgressStore.started(module, personID: personID, at: now, in: db)
            case .moduleCompleted(let module):
                try ModuleProgressStore.completed(module, personID: personID, at: now, in: db)
            case .optedOut:
                try PersonStore.setOptedOut(true, personID: personID, in: db)
                try JobStore.cancel(personID: personID, in: db)
                try OutboxStore.cancelPending(personID: personID, except: replyTo, reason: "opted out", in: db)
                try NetworkEvents(service: service, db: db, now: now).memberStopped(personID: personID)
                try CarerStore.stopped(carerID: personID, in: db)
                try OmgevingStore.stopped(memberPersonID: personID, at: now, in: db)
            case .optedIn:
                try PersonStore.setOptedOut(false, personID: personID, in: db)
            case .ended:
                // After the intake's last message: the questionnaire an inwoner's own burden of care called for.
                guard engine.flow.id == FlowLibrary.mainFlowID else { break }
                try CarerCheckins(service: service, db: db, now: now, reply: context).ownQuestionnaireAfterIntake(inwonerID: personID)
                if let context { replies += context.take() }
            case .languageChanged:
                break  // kept in the conversation row and person row by ConversationStore.save
            }
        }
        if declined { try MessageStore.forgetInboundTexts(personID: personID, in: db) }
        return replies
    }
}
