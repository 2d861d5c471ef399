import Dialog
import Foundation

/// The method's timers played without a store: actions and a mantelzorger held in memory, jobs
/// planned by `ActionRules` and `CarerRules`, each due job decided by `DueRules` or
/// `FollowUpRules`, and the conversations it starts run by the engine. It does what Bot does
/// with the rules' outputs, in a few lines per output, so a transcript can show weeks of
/// reminders, follow-ups and check-ins in the order a person would see them.
final class AgendaWorld {
    enum Person: String {
        case inwoner, lid, mantelzorger
    }

    struct Job {
        var kind: JobKind
        var at: Date
        var person: Person
        var actionID: Int64?
        var key: String
        var run: String?
    }

    let library = DefaultFlows.library
    let policy: SchedulePolicy
    private(set) var now: Date
    private(set) var log = ""
    private(set) var alerts: [String] = []
    private var jobs: [Job] = []
    private var actions: [Int64: ActionFacts] = [:]
    private var conversations: [Person: Conversation] = [:]
    private var engines: [String: Engine] = [:]
    private var runs = 0

    // The mantelzorger: days between check-ins, each check-in answered or not (newest first),
    // the answered quick scores (newest first), and when the full questionnaire was last answered.
    private var checkinEveryDays = 14
    private var checkins: [Bool] = []
    private var quickScores: [Int] = []
    private var lastQuestionnaire: Date?

    init(start: Date, policy: SchedulePolicy = SchedulePolicy()) {
        self.now = start
        self.policy = policy
        log = "# De afspraken en check-ins van het model, zonder opslag. Start \(Self.moment(start, policy.calendar)).\n"
    }

    // MARK: What the professional and the intake set up

    /// An action agreed in the plan: its jobs as the rules plan them.
    func agree(_ action: ActionFacts) {
        actions[action.id] = action
        let owner =
            switch action.owner {
            case .inwoner: "inwoner"
            case .professional: "hulpverlener"
            case .member(let member): member.name
            case .unknownMember: "onbekend"
            }
        log +=
            "\n~ afspraak \(action.id): \"\(action.what)\" (\(owner), \(action.due.map(\.description) ?? "geen datum")"
            + "\(action.dueTime.map { " \($0)" } ?? ""))\n"
        plan(actionID: action.id)
    }

    /// A mantelzorger who said yes to check-ins, with the date of their last full questionnaire.
    func carerAgreed(everyDays: Int, lastQuestionnaire: Date?) {
        checkinEveryDays = everyDays
        self.lastQuestionnaire = lastQuestionnaire
        log += "\n~ mantelzorger doet mee: check-in om de \(everyDays) dagen\n"
        startCheckin()
    }

    // MARK: Time and messages

    /// Runs every job due up to `moment`, in order, and stops there.
    func wait(until moment: Date) {
        while let index = jobs.indices.filter({ jobs[$0].at <= moment }).min(by: { (jobs[$0].at, $0) < (jobs[$1].at, $1) }) {
            let job = jobs.remove(at: index)
            now = max(now, job.at)
            log += "\n@ \(Self.moment(now, policy.calendar)) \(job.kind.rawValue) voor \(job.person.rawValue)\n"
            run(job)
        }
        now = max(now, moment)
    }

    /// A message from the person to their open conversation.
    func says(_ person: Person, _ text: String) {
        guard let state = conversations[person], let engine = engines[person.rawValue] else {
            log += "?? \(person.rawValue) has no conversation\n"
            return
        }
        log += "[\(person.rawValue)] > \(text)\n"
        let transition = engine.advance(state, with: .message(text), at: now)
        conversations[person] = transition.state
        carryOut(transition.outputs, of: person)
    }

    /// The jobs still planned, for assertions.
    var pending: [Job] { jobs.sorted { $0.at < $1.at } }

    // MARK: Carrying out

    private func run(_ job: Job) {
        let action = job.actionID.flatMap { actions[$0] }
        let window = job.person == .inwoner ? (action?.window ?? policy.window) : policy.window
        if job.kind.watchesConversation { return watch(job, window: window) }
        switch DueRules(policy: policy).decide(job.kind, action: action, recipientOptedOut: false, window: window, now: now) {
        case .skip(let note):
            log += "  (niets: \(note))\n"
        case .postpone(let moment, let note):
            log += "  (later: \(note))\n"
            jobs.append(Job(kind: job.kind, at: moment, person: job.person, actionID: job.actionID, key: job.key, run: job.run))
        case .remind(let textKey):
            let vars: [String: Value] = [
                "wat": .text(action?.what ?? ""), "wanneer": action?.due.map { .date($0, action?.dueTime) } ?? .none
            ]
            let text = Renderer(catalog: library.catalog, language: .nl).render(textKey, vars: vars).trimmingCharacters(
                in: .whitespacesAndNewlines)
            log += "[\(job.person.rawValue)] < \(text.replacingOccurrences(of: "\n", with: "\n| "))\n"
        case .start(let flow):
            var vars: [String: Value] = [:]
            if let action { vars = ["actie": action.flowValue, "netwerk": .list([])] }
            start(flow, for: job.person, vars: vars)
        case .alert(let kind):
            raise(kind, action?.what ?? "")
        case .carer:
            startCheckin()
        case .weekly, .watch, .omgeving:
            log += "  (niet in dit model)\n"
        }
    }

    private func watch(_ job: Job, window: SendWindow) {
        let state = conversations[job.person]
        let engine = engines[job.person.rawValue]
        let waiting = state?.vars[Conversation.runKey]?.key == job.run && state?.finished == false && state?.node != nil
        let decision = FollowUpRules(policy: policy).decide(
            job.kind, flow: state?.flowID ?? "", waiting: waiting,
            answered: state?.node != engine?.flow.start, lastActivity: state?.lastActivity,
            now: now, window: window)
        switch decision {
        case .done(let note):
            log += "  (niets: \(note))\n"
        case .later(let moment, let note):
            log += "  (later: \(note))\n"
            jobs.append(Job(kind: job.kind, at: moment, person: job.person, actionID: job.actionID, key: job.key, run: job.run))
        case .askAgain(let then):
            guard let state, let engine else { return }
            let transition = engine.advance(state, with: .begin, at: now)
            conversations[job.person] = transition.state
            carryOut(transition.outputs, of: job.person)
            jobs.append(Job(kind: .followupUnanswered, at: then, person: job.person, actionID: job.actionID, key: job.key, run: job.run))
        case .close(let signal, let note):
            log += "  (\(note))\n"
            if signal { raise("opvolging_onbeantwoord", job.actionID.flatMap { actions[$0]?.what } ?? "") }
            conversations[job.person]?.finished = true
        }
    }

    private func start(_ flow: String, for person: Person, vars: [String: Value]) {
        guard let engine = library.engine(flow) else {
            log += "?? no flow \(flow)\n"
            return
        }
        runs += 1
        let run = "run\(runs)"
        var state = engine.newConversation(language: .nl)
        state.vars = vars
        state.vars[Conversation.runKey] = .text(run)
        let transition = engine.advance(state, with: .begin, at: now)
        conversations[person] = transition.state
        engines[person.rawValue] = engine
        carryOut(transition.outputs, of: person)
        if !transition.state.finished, transition.state.node != nil,
            let look = FollowUpRules(policy: policy).firstLook(flow: flow, now: now, window: policy.window)
        {
            let actionID: Int64? =
                if case .record(let action)? = vars["actie"], case .number(let id)? = action["id"] { Int64(id) } else { nil }
            jobs.append(Job(kind: .followupAgain, at: look, person: person, actionID: actionID, key: "watch:\(run)", run: run))
        }
    }

    private func startCheckin() {
        let rules = CarerRules(policy: policy)
        if rules.silenceSignal(checkins) { raise("mantelzorg_geen_antwoord", "twee check-ins zonder antwoord") }
        start("mantelzorg_checkin", for: .mantelzorger, vars: [:])
        checkins.insert(false, at: 0)
        let next = rules.nextCheckin(after: now, everyDays: checkinEveryDays, window: policy.window)
        jobs.append(Job(kind: .checkin, at: next, person: .mantelzorger, key: "checkin:\(Int(next.timeIntervalSince1970))"))
    }

    /// What Bot's output writer does with the engine's outputs, for the outputs these flows emit.
    private func carryOut(_ outputs: [Output], of person: Person) {
        let said = outputs.filter { if case .say = $0 { true } else { false } }
        log += Transcript.render(said).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.hasPrefix("< ") ? "[\(person.rawValue)] \($0)" : String($0) }.map { $0 + "\n" }.joined()
        for case .record(let kind, _, let fields) in outputs {
            switch kind {
            case "action_update": update(fields)
            case "checkin": if case .number(let score)? = fields["score"] { quickScore(score) }
            default: log += "  + \(kind)\n"
            }
        }
    }

    private func update(_ fields: [String: Value]) {
        guard case .number(let id)? = fields["action"], var action = actions[Int64(id)] else { return }
        var changes: [String] = []
        if let status = fields["status"]?.key {
            action.status = status
            changes.append("status \(status)")
        }
        if case .date(let day, let time)? = fields["due"] {
            action.due = day
            action.dueTime = time
            changes.append("datum \(day)")
        }
        if case .number(let helped)? = fields["helped"] { changes.append("hielp \(helped)") }
        actions[action.id] = action
        log += "  ~ afspraak \(action.id): \(changes.joined(separator: ", "))\n"
        plan(actionID: action.id)
    }

    private func quickScore(_ score: Int) {
        checkins[0] = true
        quickScores.insert(score, at: 0)
        log += "  ~ check-in: \(score)\n"
        let next = CarerRules(policy: policy).afterQuickScore(quickScores, lastQuestionnaire: lastQuestionnaire, now: now)
        if let rising = next.rising { raise("mantelzorg_stijgend", rising.map(String.init).joined(separator: ", ")) }
        if next.questionnaire {
            start(
                "csi", for: .mantelzorger,
                vars: ["vragen": .list(library.itemOptions("csi")), "antwoord": .record([:]), "opnieuw": .bool(false)])
        }
    }

    /// The action's jobs planned anew: its earlier ones go first, as in Bot.
    private func plan(actionID: Int64) {
        guard let action = actions[actionID] else { return }
        jobs.removeAll { $0.actionID == actionID && !$0.kind.watchesConversation }
        for job in ActionRules(policy: policy).jobs(for: action, now: now) {
            let person: Person = if case .inwoner = job.recipient { .inwoner } else { .lid }
            jobs.append(Job(kind: job.kind, at: job.at, person: person, actionID: actionID, key: job.key))
            log += "  gepland: \(job.kind.rawValue) \(Self.moment(job.at, policy.calendar)) voor \(person.rawValue)\n"
        }
    }

    private func raise(_ kind: String, _ detail: String) {
        alerts.append(kind)
        log += "  ! signaal \(kind): \(detail)\n"
    }

    /// "do 10 dec 11:00", in the calendar's zone.
    static func moment(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        let days = ["zo", "ma", "di", "wo", "do", "vr", "za"]
        let months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        return "\(days[c.weekday! - 1]) \(c.day!) \(months[c.month! - 1]) " + String(format: "%02d:%02d", c.hour!, c.minute!)
    }
}
