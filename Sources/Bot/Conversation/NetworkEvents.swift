import Dialog
import Foundation
import GRDB

/// Carries out `NetworkRules` around network members: their answer to an invitation, their STOP,
/// and the messages that tell the inwoner about it. Inside the caller's transaction.
struct NetworkEvents {
    let service: ConversationService
    let db: any SQLConnection
    let now: Date

    func replied(memberPersonID: Int64, actionID: Int64, granted: Bool) throws {
        guard let step = try NetworkStore.step(actionID: actionID, memberPersonID: memberPersonID, in: db) else { return }
        try NetworkStore.setInvitation(granted ? .accepted : .declined, memberID: step.memberID, in: db)
        try ConsentStore.add(
            .init(
                personID: memberPersonID, purpose: "herinneringen_netwerk", granted: granted, subject: String(actionID),
                textKey: "netwerk.uitnodiging", textShown: "", flowVersion: "netwerk", channel: ""), at: now, in: db)
        let after = NetworkRules.replied(granted: granted)
        try notify(inwonerID: step.inwonerID, key: after.notice, vars: ["lid": .text(step.memberName), "wat": .text(step.what)])
        if after.replan { try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID) }
        if let signal = after.signal { try alert(inwonerID: step.inwonerID, kind: signal, detail: "\(step.memberName): \(step.what)") }
    }

    /// A network member sent STOP: their steps have no owner any more; the inwoner chooses who takes over.
    func memberStopped(personID: Int64) throws {
        for step in try NetworkStore.stop(memberPersonID: personID, in: db) {
            try JobStore.cancel(actionID: step.actionID, in: db)
            try alert(inwonerID: step.inwonerID, kind: NetworkRules.stoppedSignal, detail: "\(step.memberName): \(step.what)")
            let others = try ActionVars.network(inwonerID: step.inwonerID, excluding: step.memberID, in: db)
            let vars: [String: Value] = [
                "actie": try ActionVars.action(step.actionID, in: db), "lid": .text(step.memberName), "netwerk": others
            ]
            let outcome = try FlowStarter(service: service, db: db, now: now)
                .start(
                    NetworkRules.takeOverFlow, personID: step.inwonerID, vars: vars,
                    run: "stop-\(step.actionID)-\(Int(now.timeIntervalSince1970))")
            if case .busy = outcome {
                try JobStore.add(
                    .followup, personID: step.inwonerID, actionID: step.actionID, dueAt: now.addingTimeInterval(3600),
                    key: "takeover:\(step.actionID):\(Int(now.timeIntervalSince1970))", at: now, in: db)
            }
        }
    }

    /// A short message to the inwoner on their own channel (not part of a conversation).
    func notify(inwonerID: Int64, key: String, vars: [String: Value]) throws {
        guard try !PersonStore.optedOut(personID: inwonerID, in: db) else { return }
        _ = try Notice.queue(key, vars: vars, to: inwonerID, library: service.library, at: now, in: db)
    }

    func alert(inwonerID: Int64, kind: String, detail: String) throws {
        try AlertStore.add(personID: inwonerID, kind: kind, detail: detail, at: now, in: db)
    }
}
