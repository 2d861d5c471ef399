import Dialog
import Foundation
import GRDB

/// Runs due jobs. Each job runs inside one write transaction together with its claim and its
/// outbox messages, so it happens exactly once: two runners are serialised by SQLite's write lock,
/// or on PostgreSQL pass over each other's jobs (`JobStore.nextDue`), and a crash rolls the whole
/// job back to pending. Sending is the outbox's business.
struct JobRunner: Sendable {
    let service: ConversationService

    var policy: SchedulePolicy { service.schedule }

    /// Runs every job due at `now`, up to `batch` jobs per transaction; returns the messages queued.
    /// A transaction the database rolled back (a deadlock on rows beyond the persons, a busy file)
    /// is run again. Jobs passed over because another runner or a turn held their person
    /// (PostgreSQL, `JobStore.nextDue`) are still due: the runner comes back for them once that
    /// transaction is done, for up to `patience`; after that the next round takes them.
    func runDue(at now: Date, batch: Int = 100, patience: Duration = .seconds(5)) async throws -> [OutgoingMessage] {
        var queued: [OutgoingMessage] = []
        let giveUp = ContinuousClock.now + patience
        while true {
            let (ran, messages) = try await service.database.writeRetrying { db -> (Int, [OutgoingMessage]) in
                var ran = 0
                var messages: [OutgoingMessage] = []
                while ran < batch, var job = try JobStore.nextDue(at: now, in: db) {
                    // Questions that waited for the person go out in the order they first fell due.
                    if job.kind.startsConversation, let first = try JobStore.firstInLine(personID: job.personID, at: now, in: db) {
                        job = first
                    }
                    messages += try run(job, at: now, in: db)
                    ran += 1
                }
                return (ran, messages)
            }
            queued += messages
            if ran == batch { continue }
            guard !Task.isCancelled, ContinuousClock.now < giveUp,
                try await service.database.read({ db in try JobStore.anyDue(at: now, in: db) })
            else { return queued }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    func run(_ job: JobStore.Job, at now: Date, in db: any SQLConnection) throws -> [OutgoingMessage] {
        try PersonStore.lockForTurn(personID: job.personID, in: db)
        let action = try job.actionID.flatMap { try ActionStore.facts(actionID: $0, policy: policy, in: db) }
        let window = policy.window(override: try PersonStore.sendWindow(personID: job.personID, in: db))
        let decision = DueRules(policy: policy).decide(
            job.kind, action: action?.facts,
            recipientOptedOut: try PersonStore.optedOut(personID: job.personID, in: db),
            window: window, now: now)
        let run = "job\(job.id)"
        var outcome: FlowStarter.Outcome = .started([])
        switch decision {
        case .skip(let note):
            try JobStore.finish(job.id, at: now, note: note, in: db)
            return []
        case .postpone(let moment, let note):
            try JobStore.postpone(job.id, to: moment, note: note, in: db)
            return []
        case .alert(let kind):
            if let actionID = job.actionID {
                try AlertStore.add(
                    personID: job.personID, kind: kind, detail: try ActionStore.what(actionID: actionID, in: db), at: now, in: db)
            }
            try JobStore.finish(job.id, at: now, in: db)
            return []
        case .watch:
            return try FollowUpWatch(service: service, db: db, now: now).run(job)
        case .remind(let key):
            guard let actionID = job.actionID else { break }
            try JobStore.mergeDue(into: job, at: now, in: db)
            outcome = try message(to: job.personID, key: key, vars: try reminderVars(actionID, in: db), in: db, now: now)
            if job.kind != .reminder { try pointMemberConversation(at: actionID, memberPersonID: job.personID, in: db, now: now) }
        case .start(let flow):
            guard let vars = try vars(for: job, flow: flow, in: db) else { break }
            outcome = try FlowStarter(service: service, db: db, now: now).start(flow, personID: job.personID, vars: vars, run: run)
            if case .started = outcome, job.kind == .invite { try ActionStore.markInvited(memberPersonID: job.personID, in: db) }
        case .weekly:
            outcome = try message(
                to: job.personID, key: "weekoverzicht", vars: try weekVars(job.personID, now: now, in: db), in: db, now: now)
            try ActionScheduler(policy: policy, now: now.addingTimeInterval(60), db: db).planWeekly(personID: job.personID, window: window)
        case .omgeving:
            let views = OmgevingViews(service: service, db: db, now: now)
            outcome =
                job.kind == .omgevingInvite
                ? try views.runInvite(memberPersonID: job.personID, run: run)
                : try views.tell(inwonerID: job.personID)
        case .carer:
            let carers = CarerCheckins(service: service, db: db, now: now)
            outcome =
                job.kind == .carerInvite
                ? try carers.runInvite(carerID: job.personID, run: run)
                : try carers.startCheckin(carerID: job.personID, run: run)
        }
        switch outcome {
        case .started(let messages):
            try JobStore.finish(job.id, at: now, in: db)
            return messages
        case .busy:
            try JobStore.hold(
                job.id, retryAt: window.nextOpening(atOrAfter: now.addingTimeInterval(3600), calendar: policy.calendar), in: db)
            return []
        case .unreachable:
            try JobStore.finish(job.id, at: now, note: "no way to reach this person", in: db)
            return []
        }
    }

    /// The variables a started flow needs; nil when what it is about is gone.
    private func vars(for job: JobStore.Job, flow: String, in db: any SQLConnection) throws -> [String: Value]? {
        switch job.kind {
        case .followup:
            guard let actionID = job.actionID else { return nil }
            let inwonerID = try ActionStore.inwoner(actionID: actionID, in: db) ?? job.personID
            return ["actie": try ActionVars.action(actionID, in: db), "netwerk": try ActionVars.network(inwonerID: inwonerID, in: db)]
        case .invite:
            guard let actionID = job.actionID,
                let names = try ActionStore.invitation(actionID: actionID, memberPersonID: job.personID, in: db)
            else { return nil }
            return [
                "lid": .text(names.member), "inwoner": .text(names.inwoner.isEmpty ? "Iemand die je kent" : names.inwoner),
                "actie": try ActionVars.action(actionID, in: db)
            ]
        case .rerate:
            guard let goalID = job.goalID, let goal = try ActionStore.rerating(goalID: goalID, in: db) else { return nil }
            return [
                "doel": .record(["id": .number(Int(goalID)), "text": .text(goal.text)]),
                "lg": .option(list: "leefgebieden", key: goal.leefgebied), "voor": goal.first.map { .number($0) } ?? .none
            ]
        default:
            return nil
        }
    }

    private func message(to personID: Int64, key: String, vars: [String: Value], in db: any SQLConnection, now: Date) throws
        -> FlowStarter.Outcome
    {
        guard let message = try Notice.queue(key, vars: vars, to: personID, library: service.library, at: now, in: db) else {
            return .unreachable
        }
        return .started([message])
    }

    private func reminderVars(_ actionID: Int64, in db: any SQLConnection) throws -> [String: Value] {
        guard case .record(let action) = try ActionVars.action(actionID, in: db) else { return [:] }
        return ["wat": action["wat"] ?? .none, "wanneer": action["wanneer"] ?? .none]
    }

    /// GEDAAN and LATER from a network member apply to the action they were last reminded of, unless
    /// their conversation waits for the answer to a question it asked (an invitation for another action).
    private func pointMemberConversation(at actionID: Int64, memberPersonID: Int64, in db: any SQLConnection, now: Date) throws {
        guard let engine = service.engines["netwerk"],
            var state = try ConversationStore.state(personID: memberPersonID, flowID: "netwerk", in: db), !state.finished,
            state.node.flatMap({ engine.flow.nodes[$0]?.question?.quiet }) ?? true
        else { return }
        state.vars["actie"] = try ActionVars.action(actionID, in: db)
        try ConversationStore.save(state, personID: memberPersonID, engine: engine, now: now, in: db)
        try PersonStore.setActiveFlow("netwerk", personID: memberPersonID, in: db)
    }

    private func weekVars(_ personID: Int64, now: Date, in db: any SQLConnection) throws -> [String: Value] {
        let today = LocalDate(policy.calendar.dateComponents([.year, .month, .day], from: now))
        let week = try ActionStore.week(personID: personID, today: today, now: now, in: db)
        let open = try week.open.map { try ActionVars.action($0, in: db) }
        let done = try week.done.compactMap { id -> Value? in
            if case .record(let r) = try ActionVars.action(id, in: db) { return r["wat"] }
            return nil
        }
        return ["open": .list(open), "gedaan": .list(done), "klaar": .bool(!done.isEmpty)]
    }
}
