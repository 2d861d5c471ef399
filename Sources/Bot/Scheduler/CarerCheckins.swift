import Dialog
import Foundation
import GRDB

/// Carries out `CarerRules` for mantelzorgers: the invitation and their own consent, a quick 0-10
/// question every few days, the full questionnaire when the rules call for it, and the signals for
/// the professional. Runs inside the caller's transaction.
struct CarerCheckins {
    let service: ConversationService
    let db: any SQLConnection
    let now: Date
    /// Set while the mantelzorger's message is applied: the next question answers it.
    var reply: ReplyContext?

    static let instrumentID = "csi"
    /// How the professional sees the inwoner who is mantelzorger themselves, in signals and check-ins.
    static let ownName = "de inwoner zelf"

    var policy: SchedulePolicy { service.schedule }
    private var rules: CarerRules { CarerRules(policy: policy) }

    /// An inwoner named a mantelzorger with a phone and agreed to check-ins: invite them.
    func invite(carerLinkID: Int64) throws {
        guard let link = try CarerStore.toInvite(carerLinkID: carerLinkID, in: db) else { return }
        let carerID =
            try link.carerPersonID
            ?? PersonStore.carer(
                phone: link.phone, carerLinkID: carerLinkID, inwonerID: link.inwonerID,
                at: now, in: db)
        try JobStore.add(
            .carerInvite, personID: carerID, dueAt: policy.window.nextOpening(atOrAfter: now, calendar: policy.calendar),
            key: "carer_invite:\(carerLinkID)", at: now, in: db)
    }

    func runInvite(carerID: Int64, run: String) throws -> FlowStarter.Outcome {
        guard let names = try CarerStore.invitationNames(carerID: carerID, in: db) else { return .unreachable }
        let vars: [String: Value] = [
            "naam": .text(names.carer), "inwoner": .text(names.inwoner.isEmpty ? "Iemand die je kent" : names.inwoner)
        ]
        let outcome = try FlowStarter(service: service, db: db, now: now).start(
            "mantelzorg_toestemming", personID: carerID, vars: vars, run: run)
        if case .started = outcome { try CarerStore.markInvited(carerID: carerID, in: db) }
        return outcome
    }

    /// The mantelzorger's own answer. Yes: the first check-in starts now.
    func consent(carerID: Int64, granted: Bool) throws {
        try CarerStore.setConsent(carerID: carerID, granted: granted, in: db)
        try ConsentStore.add(
            .init(
                personID: carerID, purpose: "mantelzorg_checkin_eigen", granted: granted, subject: nil, textKey: "mz.toestemming",
                textShown: "", flowVersion: "mantelzorg_toestemming", channel: ""), at: now, in: db)
        if granted { _ = try startCheckin(carerID: carerID, run: "consent-\(Int(now.timeIntervalSince1970))") }
    }

    /// A check-in: the previous one unanswered is counted as such, the quick question goes out,
    /// and the next check-in is planned.
    func startCheckin(carerID: Int64, run: String) throws -> FlowStarter.Outcome {
        guard let link = try CarerStore.accepted(carerID: carerID, in: db) else { return .unreachable }
        let answered = try CarerStore.closeUnanswered(carerID: carerID, limit: 2, in: db)
        if rules.silenceSignal(answered) {
            try alert(link.inwonerID, "mantelzorg_geen_antwoord", "twee check-ins zonder antwoord", carerID: carerID)
        }
        let outcome = try FlowStarter(service: service, db: db, now: now, reply: reply)
            .start("mantelzorg_checkin", personID: carerID, vars: [:], run: run, replacing: true)
        if case .started = outcome {
            try CarerStore.asked("quick", carerID: carerID, inwonerID: link.inwonerID, at: now, in: db)
            let next = rules.nextCheckin(after: now, everyDays: link.everyDays, window: policy.window)
            try JobStore.add(
                .checkin, personID: carerID, dueAt: next, key: "checkin:\(carerID):\(Int(next.timeIntervalSince1970))", at: now, in: db)
        }
        return outcome
    }

    /// The quick score came in: store it, check the trend, and ask the full questionnaire when the rules say so.
    func quickAnswered(carerID: Int64, score: Int) throws {
        guard let checkin = try CarerStore.latest("quick", carerID: carerID, in: db) else { return }
        let scores = try CarerStore.answerQuick(id: checkin.id, carerID: carerID, score: score, limit: 4, at: now, in: db)
        let next = rules.afterQuickScore(
            scores, lastQuestionnaire: try CarerStore.lastAnswered(Self.instrumentID, carerID: carerID, in: db),
            now: now)
        if let rising = next.rising {
            try alert(
                checkin.inwonerID, "mantelzorg_stijgend",
                "de zorg voelt drie keer op rij zwaarder: \(rising.map(String.init).joined(separator: ", "))", carerID: carerID)
        }
        if next.questionnaire { try askQuestionnaire(carerID: carerID, inwonerID: checkin.inwonerID, items: nil, earlier: [:]) }
    }

    /// The inwoner who cares for someone gave their own burden in the intake: a check-in of the
    /// inwoner as their own mantelzorger. A high score brings the questionnaire once the intake is
    /// done (`ownQuestionnaireAfterIntake`); until then they hear it will come.
    func ownQuickAnswered(inwonerID: Int64, score: Int) throws {
        try CarerStore.asked("quick", carerID: inwonerID, inwonerID: inwonerID, at: now, in: db)
        guard let checkin = try CarerStore.latest("quick", carerID: inwonerID, in: db) else { return }
        _ = try CarerStore.answerQuick(id: checkin.id, carerID: inwonerID, score: score, limit: 1, at: now, in: db)
        if rules.questionnaireForOwnScore(score) {
            _ = try Notice.queue(
                Self.ownQuestionnaireLater, vars: [:], to: inwonerID, library: service.library, at: now, reply: reply, in: db)
        }
    }

    /// Tells the inwoner with a high burden that the questions about it come after the plan.
    static let ownQuestionnaireLater = "m2.mz.zwaar.later"

    /// The intake is done. An own burden that was high brings the questionnaire now, after the
    /// intake's last message: 13 questions in the middle of deel 2 would lose the inwoner's place.
    func ownQuestionnaireAfterIntake(inwonerID: Int64) throws {
        guard let score = try CarerStore.ownQuickWithoutQuestionnaire(inwonerID: inwonerID, in: db),
            rules.questionnaireForOwnScore(score)
        else { return }
        try askQuestionnaire(carerID: inwonerID, inwonerID: inwonerID, items: nil, earlier: [:])
    }

    /// Starts the questionnaire for all items, or again for the ones still missing.
    private func askQuestionnaire(carerID: Int64, inwonerID: Int64, items: [String]?, earlier: [String: Value]) throws {
        let options = service.library.itemOptions(Self.instrumentID).filter { items?.contains($0.key ?? "") ?? true }
        if items == nil { try CarerStore.asked(Self.instrumentID, carerID: carerID, inwonerID: inwonerID, at: now, in: db) }
        let vars: [String: Value] = ["vragen": .list(options), "antwoord": .record(earlier), "opnieuw": .bool(items != nil)]
        _ = try FlowStarter(service: service, db: db, now: now, reply: reply).start(
            "csi", personID: carerID, vars: vars,
            run: "csi-\(Int(now.timeIntervalSince1970))")
    }

    /// The questionnaire's answers: scored (never filling in what is missing), asked again once when
    /// the rules say so, then stored, signalled and answered calmly.
    func instrumentAnswered(carerID: Int64, instrumentID: String, answers: [String: Value]) throws {
        guard let instrument = service.library.instruments[instrumentID],
            let checkin = try CarerStore.latest(instrumentID, carerID: carerID, in: db)
        else { return }
        let result = instrument.score(answers)
        try CarerStore.answerQuestionnaire(id: checkin.id, result: result, at: now, in: db)
        switch rules.afterQuestionnaire(result, askedAgainBefore: checkin.hasResult) {
        case .askAgain(let missing):
            try askQuestionnaire(carerID: carerID, inwonerID: checkin.inwonerID, items: missing, earlier: answers)
        case .result(let textKey, let signal):
            if let signal {
                let detail =
                    result.high
                    ? "\(instrumentID) \(result.score) van \(instrument.items.count)"
                    : "\(instrumentID) onvolledig: \(result.score) ja, \(result.missing.count) open"
                try alert(checkin.inwonerID, signal, detail, carerID: carerID)
            }
            _ = try Notice.queue(textKey, vars: [:], to: carerID, library: service.library, at: now, reply: reply, in: db)
        }
    }

    private func alert(_ inwonerID: Int64, _ kind: String, _ detail: String, carerID: Int64) throws {
        let name = carerID == inwonerID ? Self.ownName : try PersonStore.name(personID: carerID, in: db) ?? "mantelzorger"
        try AlertStore.add(personID: inwonerID, kind: kind, detail: "\(name): \(detail)", at: now, in: db)
    }
}
