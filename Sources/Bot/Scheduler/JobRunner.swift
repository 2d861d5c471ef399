import Dialog
import Foundation
import GRDB

/// Runs due jobs. Each job runs inside one write transaction together with its claim and its
/// outbox messages, so it happens exactly once: two runners are serialised by SQLite's write lock,
/// and a crash rolls the whole job back to pending. Sending is the outbox's business.
struct JobRunner: Sendable {
    let service: ConversationService

    var policy: SchedulePolicy { service.schedule }

    /// Runs every job due at `now`, up to `batch` jobs per transaction; returns the messages queued.
    func runDue(at now: Date, batch: Int = 100) async throws -> [OutgoingMessage] {
        var queued: [OutgoingMessage] = []
        while true {
            let (ran, messages) = try await service.database.writer.write { db -> (Int, [OutgoingMessage]) in
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
            if ran < batch { return queued }
        }
    }

    func run(_ job: JobStore.Job, at now: Date, in db: Database) throws -> [OutgoingMessage] {
        if job.kind == .overdue {
            // Not a message: an alert for the professional, outside any send window, opted out or not.
            try raiseOverdueAlert(job, at: now, in: db)
            return []
        }
        guard try Bool.fetchOne(db, sql: "SELECT optedOut FROM person WHERE id = ?", arguments: [job.personID]) == false else {
            try JobStore.finish(job.id, at: now, note: "opted out", in: db)
            return []
        }
        let window = policy.window(override: try PersonStore.sendWindow(personID: job.personID, in: db))
        guard window.isOpen(at: now, calendar: policy.calendar) else {
            // Planned inside the window; if the window changed since, go at its next opening.
            try JobStore.postpone(job.id, to: window.nextOpening(atOrAfter: now, calendar: policy.calendar), note: "outside the send window", in: db)
            return []
        }
        if job.kind.watchesConversation {
            return try FollowUpWatch(service: service, db: db, now: now).run(job)
        }
        let starter = FlowStarter(service: service, db: db, now: now)
        let run = "job\(job.id)"
        var outcome: FlowStarter.Outcome = .started([])
        switch job.kind {
        case .reminder, .memberReminder, .memberFollowup:
            guard let actionID = job.actionID else { break }
            // A reminder that comes after the moment it reminds of (the server was down, say) is wrong: drop it.
            if job.kind != .memberFollowup, try isPastDue(actionID, now: now, in: db) {
                try JobStore.finish(job.id, at: now, note: "too late: the action is past its due moment or no longer open", in: db)
                return []
            }
            try JobStore.mergeDue(into: job, at: now, in: db)
            let key = job.kind == .reminder ? "herinnering.inwoner"
                : job.kind == .memberReminder ? "herinnering.netwerk" : "herinnering.netwerk_opvolging"
            outcome = try message(to: job.personID, key: key, vars: try reminderVars(actionID, in: db), in: db, now: now)
            if job.kind != .reminder { try pointMemberConversation(at: actionID, memberPersonID: job.personID, in: db, now: now) }
        case .followup:
            guard let actionID = job.actionID else { break }
            let status = try String.fetchOne(db, sql: "SELECT status FROM action WHERE id = ?", arguments: [actionID])
            guard ["gepland", "bezig", "uitgesteld"].contains(status ?? "") else { break }
            let inwonerID = try Int64.fetchOne(db, sql: "SELECT personId FROM action WHERE id = ?", arguments: [actionID]) ?? job.personID
            let vars: [String: Value] = ["actie": try ActionVars.action(actionID, in: db),
                                         "netwerk": try ActionVars.network(inwonerID: inwonerID, in: db)]
            let ownerless = try Bool.fetchOne(db, sql: """
                SELECT n.invitation = 'stopped' FROM action a JOIN networkMember n ON n.id = a.networkMemberId WHERE a.id = ?
                """, arguments: [actionID]) ?? false
            outcome = try starter.start(ownerless ? "overnemen" : "opvolging", personID: job.personID, vars: vars, run: run)
        case .invite:
            guard let actionID = job.actionID, let vars = try inviteVars(actionID, memberPersonID: job.personID, in: db) else { break }
            outcome = try starter.start("netwerk", personID: job.personID, vars: vars, run: run)
            if case .started = outcome {
                try db.execute(sql: "UPDATE networkMember SET invitation = 'invited' WHERE memberPersonId = ? AND invitation IS NULL",
                               arguments: [job.personID])
            }
        case .weekly:
            outcome = try message(to: job.personID, key: "weekoverzicht", vars: try weekVars(job.personID, now: now, in: db), in: db, now: now)
            try ActionScheduler(policy: policy, now: now.addingTimeInterval(60), db: db).planWeekly(personID: job.personID, window: window)
        case .carerInvite:
            outcome = try CarerCheckins(service: service, db: db, now: now).runInvite(carerID: job.personID, run: run)
        case .checkin:
            outcome = try CarerCheckins(service: service, db: db, now: now).startCheckin(carerID: job.personID, run: run)
        case .overdue, .followupAgain, .followupUnanswered:
            break // handled above
        case .rerate:
            guard let goalID = job.goalID, let vars = try rerateVars(goalID, in: db) else { break }
            outcome = try starter.start("herwaardering", personID: job.personID, vars: vars, run: run)
        }
        switch outcome {
        case .started(let messages):
            try JobStore.finish(job.id, at: now, in: db)
            return messages
        case .busy:
            try JobStore.hold(job.id, retryAt: window.nextOpening(atOrAfter: now.addingTimeInterval(3600), calendar: policy.calendar), in: db)
            return []
        case .unreachable:
            try JobStore.finish(job.id, at: now, note: "no way to reach this person", in: db)
            return []
        }
    }

    private func message(to personID: Int64, key: String, vars: [String: Value], in db: Database, now: Date) throws -> FlowStarter.Outcome {
        guard let message = try Notice.queue(key, vars: vars, to: personID, library: service.library, at: now, in: db) else {
            return .unreachable
        }
        return .started([message])
    }

    private func raiseOverdueAlert(_ job: JobStore.Job, at now: Date, in db: Database) throws {
        guard let actionID = job.actionID, try isPastDue(actionID, now: now, in: db),
              let row = try Row.fetchOne(db, sql: "SELECT what, status FROM action WHERE id = ?", arguments: [actionID]),
              ["gepland", "bezig", "uitgesteld"].contains(row["status"] as String) else {
            return try JobStore.finish(job.id, at: now, note: "the action was answered", in: db)
        }
        try AlertStore.add(personID: job.personID, kind: "actie_verlopen", detail: row["what"], at: now, in: db)
        try JobStore.finish(job.id, at: now, in: db)
    }

    private func isPastDue(_ actionID: Int64, now: Date, in db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT status, dueDate, dueTime FROM action WHERE id = ?", arguments: [actionID]),
              ["gepland", "bezig", "uitgesteld"].contains(row["status"] as String),
              let day = (row["dueDate"] as String?).flatMap(LocalDate.init(iso:)) else { return true }
        let time = (row["dueTime"] as String?).flatMap(LocalTime.init(iso:)) ?? LocalTime(hour: 23, minute: 59)
        guard let due = policy.window.moment(on: day, at: time, calendar: policy.calendar) else { return false }
        return now > due
    }

    private func reminderVars(_ actionID: Int64, in db: Database) throws -> [String: Value] {
        guard case .record(let action) = try ActionVars.action(actionID, in: db) else { return [:] }
        return ["wat": action["wat"] ?? .none, "wanneer": action["wanneer"] ?? .none]
    }

    /// GEDAAN and LATER from a network member apply to the action they were last reminded of, unless
    /// their conversation waits for the answer to a question it asked (an invitation for another action).
    private func pointMemberConversation(at actionID: Int64, memberPersonID: Int64, in db: Database, now: Date) throws {
        guard let engine = service.engines["netwerk"],
              var state = try ConversationStore.state(personID: memberPersonID, flowID: "netwerk", in: db), !state.finished,
              state.node.flatMap({ engine.flow.nodes[$0]?.question?.quiet }) ?? true else { return }
        state.vars["actie"] = try ActionVars.action(actionID, in: db)
        try ConversationStore.save(state, personID: memberPersonID, engine: engine, now: now, in: db)
        try PersonStore.setActiveFlow("netwerk", personID: memberPersonID, in: db)
    }

    private func inviteVars(_ actionID: Int64, memberPersonID: Int64, in db: Database) throws -> [String: Value]? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT n.name AS member, COALESCE(p.name, '') AS inwoner FROM action a
            JOIN networkMember n ON n.id = a.networkMemberId JOIN person p ON p.id = a.personId
            WHERE a.id = ? AND n.memberPersonId = ?
            """, arguments: [actionID, memberPersonID]) else { return nil }
        let inwoner: String = row["inwoner"]
        return ["lid": .text(row["member"]), "inwoner": .text(inwoner.isEmpty ? "Iemand die je kent" : inwoner),
                "actie": try ActionVars.action(actionID, in: db)]
    }

    private func weekVars(_ personID: Int64, now: Date, in db: Database) throws -> [String: Value] {
        let today = LocalDate(policy.calendar.dateComponents([.year, .month, .day], from: now))
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, status, dueDate, evaluatedAt FROM action WHERE personId = ? ORDER BY dueDate, id
            """, arguments: [personID])
        var open: [Value] = []
        var done: [Value] = []
        for row in rows {
            let status: String = row["status"]
            if ["gepland", "bezig", "uitgesteld"].contains(status),
               let due = (row["dueDate"] as String?).flatMap(LocalDate.init(iso:)), due <= today.adding(days: 7) {
                open.append(try ActionVars.action(row["id"], in: db))
            } else if status == "gedaan", let evaluated: Date = row["evaluatedAt"], now.timeIntervalSince(evaluated) < 7 * 86400 {
                if case .record(let r) = try ActionVars.action(row["id"], in: db) { done.append(r["wat"] ?? .none) }
            }
        }
        return ["open": .list(open), "gedaan": .list(done), "klaar": .bool(!done.isEmpty)]
    }

    private func rerateVars(_ goalID: Int64, in db: Database) throws -> [String: Value]? {
        guard let goal = try Row.fetchOne(db, sql: "SELECT personId, text, leefgebied FROM goal WHERE id = ?", arguments: [goalID]),
              let leefgebied: String = goal["leefgebied"] else { return nil }
        let first = try Int.fetchOne(db, sql: """
            SELECT score FROM score WHERE personId = ? AND leefgebied = ? AND goalId IS NULL ORDER BY createdAt, id LIMIT 1
            """, arguments: [goal["personId"] as Int64, leefgebied])
        return ["doel": .record(["id": .number(Int(goalID)), "text": .text(goal["text"])]),
                "lg": .option(list: "leefgebieden", key: leefgebied), "voor": first.map { .number($0) } ?? .none]
    }
}
