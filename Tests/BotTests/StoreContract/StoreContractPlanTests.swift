import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The ondersteuningsplan: goals and actions changed from the web view (`PlanStore`) and from the
/// chat (`ActionStore`), and the plan as text and as messages (`SupportPlan`).
struct StoreContractPlanTests {
    struct World { var sam: Int64, other: Int64, samsGoal: Int64, othersGoal: Int64 }

    static func world(_ database: AppDatabase) throws -> World {
        try database.write { db in
            let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
            let other = try ContractSeed.inwoner(phone: "+31620000000", in: db)
            let samsGoal = try ContractSeed.goal(sam, text: "Een huis", rank: 3, in: db)
            let othersGoal = try ContractSeed.goal(other, text: "Werk", rank: 7, in: db)
            return World(sam: sam, other: other, samsGoal: samsGoal, othersGoal: othersGoal)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aGoalIsOnlyTheInwonersOwn(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try database.read { db throws in
                #expect(try PlanStore.hasGoal(world.samsGoal, personID: world.sam, in: db))
                #expect(try !PlanStore.hasGoal(world.othersGoal, personID: world.sam, in: db))
                #expect(try !PlanStore.hasGoal(999, personID: world.sam, in: db))
            }
        }
    }

    /// A proposal to the professional ends once, and only for the inwoner whose action it is; its
    /// signal to the professional is handled with it.
    @Test(arguments: StoreBackend.allCases)
    func aProposalIsSettledOnceAndOnlyByItsOwnInwoner(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (proposed, plain) = try database.write { db in
                let records = ContractSeed.records(world.sam, in: db)
                return (
                    try records.saveAction(
                        goalID: world.samsGoal, what: "Schuldhulp bellen", ownerKind: "professional", memberID: nil, dueDate: nil,
                        dueTime: nil, proposed: true, localID: "a1")!,
                    try records.saveAction(
                        goalID: world.samsGoal, what: "Post openen", ownerKind: "inwoner", memberID: nil, dueDate: nil, dueTime: nil,
                        localID: "a2")!
                )
            }
            try database.write { db in
                for person in [world.sam, world.other] {
                    try AlertStore.add(personID: person, kind: "actie_voorstel", detail: "Schuldhulp bellen", at: ContractSeed.now, in: db)
                }
            }
            let signals = {
                try database.read { db in
                    try [world.sam, world.other].map { try AlertStore.open(inwonerID: $0, limit: 10, in: db).count }
                }
            }
            let flags = { try database.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db).map(\.proposed) } }
            #expect(try flags() == [true, false])
            try database.write { db throws in
                #expect(try !PlanStore.settleProposal(actionID: proposed, personID: world.other, at: ContractSeed.now, in: db))
                #expect(try !PlanStore.settleProposal(actionID: plain, personID: world.sam, at: ContractSeed.now, in: db))
                #expect(try PlanStore.settleProposal(actionID: proposed, personID: world.sam, at: ContractSeed.now, in: db))
                #expect(try !PlanStore.settleProposal(actionID: proposed, personID: world.sam, at: ContractSeed.now, in: db))
            }
            #expect(try flags() == [false, false])
            #expect(try signals() == [0, 1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func newGoalsComeLastActiveWithLocalIdsOfTheirOwn(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            // A goal of the conversation ranked before Sam's first.
            let early = try database.write { db in try ContractSeed.goal(world.sam, text: "Rust", rank: 1, in: db) }
            let (first, second) = try database.write { db in
                (
                    try PlanStore.addGoal(personID: world.sam, text: "Schulden weg", at: ContractSeed.now, in: db),
                    try PlanStore.addGoal(personID: world.sam, text: "Sporten", at: ContractSeed.now, in: db)
                )
            }
            let goals = try database.read { db in try PlanRows.goals(personID: world.sam, in: db) }
            #expect(goals.map(\.id) == [early, world.samsGoal, first, second])
            #expect(goals.map(\.text) == ["Rust", "Een huis", "Schulden weg", "Sporten"])
            #expect(goals.dropFirst(2).allSatisfy { $0.status == "actief" })
            // Ranked after every goal they have, under local ids that no record of the conversation has.
            let exported = try #require(try StoreContractIntakeTests.export(world.sam, database)["goals"] as? [[String: Any]])
            #expect(exported.map { $0["rank"] as? Int64 } == [1, 3, 4, 5])
            let localIDs = exported.dropFirst(2).compactMap { $0["localId"] as? String }
            #expect(localIDs.count == 2 && Set(localIDs).count == 2)
            #expect(!localIDs.contains { $0.hasPrefix("goal-") })
            // The first goal of an inwoner without any is ranked 1.
            let lone = try database.write { db -> Int64 in
                let id = try ContractSeed.inwoner(phone: "+31630000000", in: db)
                _ = try PlanStore.addGoal(personID: id, text: "Rust", at: ContractSeed.now, in: db)
                return id
            }
            #expect((try StoreContractIntakeTests.export(lone, database)["goals"] as? [[String: Any]])?.map { $0["rank"] as? Int64 } == [1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anActionIsAddedPlannedWithItsOwnerAndChangedWithItsFirstEvaluationKept(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let member = try database.write { db in try ContractSeed.member(of: world.sam, name: "Ans", in: db).memberID }
            let ans = PlanStore.Owner(kind: "netwerk", memberID: member)
            let due = LocalDate(year: 2026, month: 12, day: 1)
            let actionID = try database.write { db in
                try PlanStore.addAction(
                    personID: world.sam, goalID: world.samsGoal, what: "Bellen", owner: ans, due: due, at: ContractSeed.now, in: db)
            }
            var action = try #require(try database.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
            #expect(action.id == actionID && action.what == "Bellen" && action.status == "gepland" && action.dueDate == due)
            #expect(action.ownerKind == "netwerk" && action.memberID == member && action.memberName == "Ans")
            try database.read { db throws in
                #expect(try PlanStore.owner(actionID: actionID, personID: world.sam, in: db) == ans)
                #expect(try PlanStore.owner(actionID: actionID, personID: world.other, in: db) == nil)
            }

            /// Whether the action counts as done within the week before `now` (it needs the moment it was judged).
            func doneInWeek(before now: Date) throws -> Bool {
                try database.read { db in
                    try ActionStore.week(personID: world.sam, today: LocalDate(year: 2026, month: 11, day: 23), now: now, in: db).done
                        .contains(actionID)
                }
            }
            let me = PlanStore.Owner(kind: "professional", memberID: nil)
            try database.write { db in
                try PlanStore.updateAction(
                    actionID, personID: world.sam, what: "Mailen", owner: me, due: nil, status: "gedaan", result: nil,
                    closedAt: nil, in: db)
            }
            action = try #require(try database.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
            #expect(action.what == "Mailen" && action.status == "gedaan" && action.dueDate == nil && action.ownerKind == "professional")
            #expect(action.memberID == nil)
            // Without `closedAt` it was not judged at any moment.
            #expect(try !doneInWeek(before: ContractSeed.at(minutes: 10)))
            let week: TimeInterval = 7 * 86_400
            for moment in [ContractSeed.at(minutes: 5), ContractSeed.at(minutes: 9)] {
                try database.write { db in
                    try PlanStore.updateAction(
                        actionID, personID: world.sam, what: "Mailen", owner: me, due: nil, status: "gedaan", result: "gelukt",
                        closedAt: moment, in: db)
                }
            }
            action = try #require(try database.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
            #expect(action.status == "gedaan" && action.result == "gelukt")
            // Judged at minute 5, the first moment: a week later it is out of the week, as it would not be from minute 9.
            #expect(try doneInWeek(before: ContractSeed.at(minutes: 5).addingTimeInterval(week - 1)))
            #expect(try !doneInWeek(before: ContractSeed.at(minutes: 7).addingTimeInterval(week)))
            // Another inwoner's id changes nothing.
            try database.write { db in
                try PlanStore.updateAction(
                    actionID, personID: world.other, what: "Iets anders", owner: me, due: nil, status: "gepland",
                    result: nil, closedAt: nil, in: db)
            }
            #expect(try database.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first?.what == "Mailen")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func actionIDsAreTheInwonersOwnInOrder(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (first, second) = try database.write { db in
                let first = try ContractSeed.action(world.sam, goalID: world.samsGoal, what: "een", status: "gedaan", in: db)
                _ = try ContractSeed.action(world.other, goalID: world.othersGoal, what: "ander", in: db)
                return (first, try ContractSeed.action(world.sam, goalID: world.samsGoal, what: "twee", in: db))
            }
            try database.read { db throws in
                #expect(try PlanStore.actionIDs(personID: world.sam, in: db) == [first, second])
                #expect(try PlanStore.actionIDs(personID: 999, in: db).isEmpty)
                #expect(try ActionStore.what(actionID: second, in: db) == "twee")
                #expect(try ActionStore.inwoner(actionID: second, in: db) == world.sam)
                #expect(try ActionStore.what(actionID: 999, in: db) == nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aReportFromTheChatChangesOnlyWhatItNames(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (action, member) = try database.write { db in
                let member = try ContractSeed.member(of: world.sam, name: "Ans", in: db).memberID
                return (
                    try ContractSeed.action(world.sam, goalID: world.samsGoal, what: "Bellen", due: "2026-11-24", time: "10:00", in: db),
                    member
                )
            }
            func read() throws -> PlanRows.Action {
                try #require(try database.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
            }
            try database.write { db in try ActionStore.apply(.init(), actionID: action, at: ContractSeed.now, in: db) }
            #expect(try read().status == "gepland" && read().dueTime == LocalTime(hour: 10, minute: 0))
            try database.write { db in
                try ActionStore.apply(
                    .init(status: "niet_gelukt", result: "geen gehoor", helped: 2), actionID: action, at: ContractSeed.now, in: db)
            }
            var row = try read()
            #expect(
                row.status == "niet_gelukt" && row.result == "geen gehoor" && row.helped == 2
                    && row.dueDate == LocalDate(year: 2026, month: 11, day: 24))
            // A new date for a step that did not work out plans it again.
            try database.write { db in
                try ActionStore.apply(
                    .init(due: (LocalDate(year: 2026, month: 11, day: 30), nil)), actionID: action, at: ContractSeed.now, in: db)
            }
            row = try read()
            #expect(
                row.status == "gepland" && row.dueDate == LocalDate(year: 2026, month: 11, day: 30) && row.dueTime == nil
                    && row.result == "geen gehoor")
            try database.write { db in
                try ActionStore.apply(.init(owner: ("netwerk", member)), actionID: action, at: ContractSeed.now, in: db)
            }
            row = try read()
            #expect(row.ownerKind == "netwerk" && row.memberName == "Ans" && row.status == "gepland")
            // A new date for a step under way keeps its status.
            try database.write { db in
                try ActionStore.apply(.init(status: "bezig"), actionID: action, at: ContractSeed.now, in: db)
                try ActionStore.apply(
                    .init(due: (LocalDate(year: 2026, month: 12, day: 1), LocalTime(hour: 9, minute: 30))), actionID: action,
                    at: ContractSeed.now, in: db)
            }
            row = try read()
            #expect(row.status == "bezig" && row.dueTime == LocalTime(hour: 9, minute: 30))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aGoalIsReachedOnceNoneOfItsActionsIsStillToDo(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (a, b) = try database.write { db in
                (
                    try ContractSeed.action(world.sam, goalID: world.samsGoal, what: "een", status: "gedaan", in: db),
                    try ContractSeed.action(world.sam, goalID: world.samsGoal, what: "twee", status: "uitgesteld", in: db)
                )
            }
            _ = a
            #expect(try database.write { db in try ActionStore.closeGoalIfDone(goalID: world.samsGoal, in: db) } == false)
            #expect(try database.read { db in try PlanRows.goals(personID: world.sam, in: db) }.first?.status == "open")
            try database.write { db in try ActionStore.apply(.init(status: "vervallen"), actionID: b, at: ContractSeed.now, in: db) }
            #expect(try database.write { db in try ActionStore.closeGoalIfDone(goalID: world.samsGoal, in: db) })
            #expect(try database.read { db in try PlanRows.goals(personID: world.sam, in: db) }.first?.status == "bereikt")
            // Another inwoner's goal is not touched.
            #expect(try database.read { db in try PlanRows.goals(personID: world.other, in: db) }.first?.status == "open")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theFactsOfAnActionNameItsOwnerAndWhetherTheyCanBeReached(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let policy = SchedulePolicy()
            let window = #"{"days": ["mon", "tue", "wed"], "start": "10:00", "end": "12:00"}"#
            #expect(policy.window(override: window) != policy.window)
            let (own, shared, ans) = try database.write { db in
                let ans = try ContractSeed.member(of: world.sam, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db)
                try PersonStore.setSendWindow(window, personID: try #require(ans.personID), in: db)
                try PersonStore.setOptedOut(true, personID: world.sam, in: db)
                return (
                    try ContractSeed.action(world.sam, goalID: world.samsGoal, what: "Bellen", due: "2026-11-24", time: "10:00", in: db),
                    try ContractSeed.action(
                        world.sam, goalID: world.samsGoal, what: "Meegaan", owner: "netwerk", memberID: ans.memberID,
                        status: "bezig", in: db), ans.memberID
                )
            }
            try database.read { db throws in
                let (facts, inwoner) = try #require(try ActionStore.facts(actionID: own, policy: policy, in: db))
                #expect(inwoner == world.sam)
                #expect(
                    facts
                        == ActionFacts(
                            id: own, what: "Bellen", status: "gepland", due: LocalDate(year: 2026, month: 11, day: 24),
                            dueTime: LocalTime(hour: 10, minute: 0), owner: .inwoner, inwonerOptedOut: true, window: policy.window))
                let (memberFacts, _) = try #require(try ActionStore.facts(actionID: shared, policy: policy, in: db))
                #expect(memberFacts.status == "bezig" && memberFacts.due == nil)
                #expect(
                    memberFacts.owner
                        == .member(
                            MemberFacts(
                                id: ans, name: "Ans", hasPhone: true, invitation: .accepted, optedOut: false,
                                window: policy.window(override: window))))
                #expect(try ActionStore.facts(actionID: 999, policy: policy, in: db) == nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func thePlanIsWordedFromTheStoredGoalsAndActionsNumberedThroughout(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, empty) = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
                let ans = try ContractSeed.member(of: sam, name: "Ans", in: db).memberID
                let huis = try ContractSeed.goal(sam, text: "Een huis zonder schimmel", leefgebied: "wonen", rank: 1, in: db)
                let werk = try ContractSeed.goal(sam, text: "Weer werken", rank: 2, in: db)
                try ContractSeed.records(sam, in: db).saveScore(
                    leefgebied: "wonen", score: 4, wantsChange: true, goalID: nil, localID: "s1")
                try ContractSeed.records(sam, at: ContractSeed.at(minutes: 60), in: db).saveScore(
                    leefgebied: "wonen", score: 7, wantsChange: nil,
                    goalID: huis, localID: "r1")
                let bellen = try ContractSeed.action(
                    sam, goalID: huis, what: "De woningcorporatie bellen", status: "gedaan", due: "2026-11-24",
                    time: "10:00", in: db)
                try ActionStore.apply(.init(result: "afspraak gemaakt", helped: 8), actionID: bellen, at: ContractSeed.now, in: db)
                try ContractSeed.action(
                    sam, goalID: huis, what: "Ans vragen mee te gaan", owner: "netwerk", memberID: ans, due: "2026-11-27", in: db)
                try ContractSeed.action(sam, goalID: werk, what: "Cv maken", in: db)
                return (sam, try ContractSeed.inwoner(phone: "+31620000000", in: db))
            }
            let (text, none) = try database.read { db in
                (
                    try SupportPlan.text(personID: sam, library: Fixtures.library, in: db),
                    try SupportPlan.text(personID: empty, library: Fixtures.library, in: db)
                )
            }
            #expect(text.hasPrefix("Ondersteuningsplan"))
            #expect(text.contains("Doel 1: Een huis zonder schimmel"))
            #expect(text.contains("eerst 4, nu 7"))
            #expect(text.contains("Stap 1: De woningcorporatie bellen. Wie: jij."))
            #expect(text.contains("Status: gedaan. Resultaat: afspraak gemaakt. Geholpen: 8 van 10"))
            #expect(text.contains("Stap 2: Ans vragen mee te gaan. Wie: Ans."))
            #expect(text.contains("Doel 2: Weer werken"))
            #expect(text.contains("Stap 3: Cv maken. Wie: jij. Wanneer: nog afspreken."))
            #expect(try #require(text.range(of: "Doel 1")).lowerBound < (try #require(text.range(of: "Doel 2"))).lowerBound)
            #expect(none.contains("Er is nog geen plan."))
            // In the inwoner's own language.
            try database.write { db in try PersonStore.setLanguage(.en, personID: sam, in: db) }
            #expect(
                try database.read { db in try SupportPlan.text(personID: sam, library: Fixtures.library, in: db) }.hasPrefix(
                    "Support plan"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func thePlanIsSentThroughTheOutboxOnTheChannelUsedLastInShortMessages(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let sam = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
                for n in 1...4 {
                    let goal = try ContractSeed.goal(sam, text: "Doel nummer \(n) met een wat langere omschrijving", rank: n, in: db)
                    for m in 1...3 {
                        try ContractSeed.action(
                            sam, goalID: goal, what: "Stap \(m) van doel \(n), ook met wat meer woorden erbij", due: "2026-12-0\(m)", in: db
                        )
                    }
                }
                // They wrote on WhatsApp last.
                _ = try PersonStore.findOrCreate(
                    channel: "whatsapp", address: "31610000000", phone: "+31610000000", at: ContractSeed.now, in: db)
                return sam
            }
            let sent = try database.write { db in
                try SupportPlan.send(personID: sam, library: Fixtures.library, at: ContractSeed.now, in: db)
            }
            #expect(sent.count > 1)
            #expect(sent.allSatisfy { $0.channel == "whatsapp" && $0.address == "31610000000" && $0.outboxID != 0 })
            #expect(sent.allSatisfy { SMSSegments.analyze($0.text).segments <= 3 })
            try database.read { db throws in
                #expect(try OutboxStore.pending(channel: "whatsapp", personID: sam, in: db) == sent)
                #expect(try OutboxStore.pending(channel: "sms", personID: sam, in: db).isEmpty)
                let plan = try SupportPlan.text(personID: sam, library: Fixtures.library, in: db)
                #expect(sent.map(\.text).joined(separator: " ").filter { !$0.isWhitespace } == plan.filter { !$0.isWhitespace })
            }
        }
    }
}
