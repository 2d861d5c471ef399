@testable import Bot
import Dialog
import Foundation
import GRDB
import Testing

/// Goals and actions changed from the web view (`PlanStore`) and the network they may be given to
/// (`NetworkStore`), each through the operation alone.
struct StoreContractPlanTests {
    struct World { var sam: Int64, other: Int64, samsGoal: Int64, othersGoal: Int64 }

    static func world(_ database: AppDatabase) throws -> World {
        try database.writer.write { db in
            let sam = try StoreSeed.person(phone: "+31610000000", name: "Sam", in: db)
            let other = try StoreSeed.person(phone: "+31620000000", in: db)
            let samsGoal = try StoreSeed.goal(sam, text: "Een huis", rank: 3, in: db)
            let othersGoal = try StoreSeed.goal(other, text: "Werk", rank: 7, in: db)
            return World(sam: sam, other: other, samsGoal: samsGoal, othersGoal: othersGoal)
        }
    }

    @Test func aGoalIsOnlyTheInwonersOwn() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        try database.reader.read { db throws in
            #expect(try PlanStore.hasGoal(world.samsGoal, personID: world.sam, in: db))
            #expect(try !PlanStore.hasGoal(world.othersGoal, personID: world.sam, in: db))
            #expect(try !PlanStore.hasGoal(999, personID: world.sam, in: db))
        }
    }

    @Test func newGoalsComeLastActiveWithLocalIdsOfTheirOwn() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (first, second) = try database.writer.write { db in
            (try PlanStore.addGoal(personID: world.sam, text: "Schulden weg", at: StoreSeed.now, in: db),
             try PlanStore.addGoal(personID: world.sam, text: "Sporten", at: StoreSeed.now, in: db))
        }
        let goals = try database.reader.read { db in try PlanRows.goals(personID: world.sam, in: db) }
        #expect(goals.map(\.id) == [world.samsGoal, first, second])
        #expect(goals.map(\.text) == ["Een huis", "Schulden weg", "Sporten"])
        #expect(goals.dropFirst().allSatisfy { $0.status == "actief" })
        let (ranks, localIDs) = try database.reader.read { db in
            (try Int.fetchAll(db, sql: "SELECT rank FROM goal WHERE personId = ? ORDER BY id", arguments: [world.sam]),
             try String.fetchAll(db, sql: "SELECT localId FROM goal WHERE id IN (?, ?)", arguments: [first, second]))
        }
        #expect(ranks == [3, 4, 5])
        #expect(localIDs.allSatisfy { $0.hasPrefix("web-") })
        #expect(Set(localIDs).count == 2)
        // The first goal of an inwoner without any is ranked 1.
        let lone = try database.writer.write { db -> Int64 in
            let id = try StoreSeed.person(phone: "+31630000000", in: db)
            _ = try PlanStore.addGoal(personID: id, text: "Rust", at: StoreSeed.now, in: db)
            return id
        }
        #expect(try database.reader.read { db in try Int.fetchOne(db, sql: "SELECT rank FROM goal WHERE personId = ?", arguments: [lone]) } == 1)
    }

    @Test func anActionIsAddedPlannedWithItsOwnerAndChangedWithItsFirstEvaluationKept() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let member = try database.writer.write { db in try StoreSeed.member(of: world.sam, name: "Ans", in: db) }
        let ans = PlanStore.Owner(kind: "netwerk", memberID: member)
        let due = LocalDate(year: 2026, month: 12, day: 1)
        let actionID = try database.writer.write { db in
            try PlanStore.addAction(personID: world.sam, goalID: world.samsGoal, what: "Bellen", owner: ans, due: due, at: StoreSeed.now, in: db)
        }
        var action = try #require(try database.reader.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
        #expect(action.id == actionID && action.what == "Bellen" && action.status == "gepland" && action.dueDate == due)
        #expect(action.ownerKind == "netwerk" && action.memberID == member && action.memberName == "Ans")
        try database.reader.read { db throws in
            #expect(try PlanStore.owner(actionID: actionID, personID: world.sam, in: db) == ans)
            #expect(try PlanStore.owner(actionID: actionID, personID: world.other, in: db) == nil)
        }

        func evaluatedAt() throws -> Date? {
            try database.reader.read { db in try Date.fetchOne(db, sql: "SELECT evaluatedAt FROM action WHERE id = ?", arguments: [actionID]) }
        }
        let me = PlanStore.Owner(kind: "professional", memberID: nil)
        try database.writer.write { db in
            try PlanStore.updateAction(actionID, personID: world.sam, what: "Mailen", owner: me, due: nil, status: "bezig", result: nil,
                                       closedAt: nil, in: db)
        }
        action = try #require(try database.reader.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
        #expect(action.what == "Mailen" && action.status == "bezig" && action.dueDate == nil && action.ownerKind == "professional")
        #expect(action.memberID == nil)
        #expect(try evaluatedAt() == nil)
        for (status, moment) in [("gedaan", StoreSeed.at(minutes: 5)), ("vervallen", StoreSeed.at(minutes: 9))] {
            try database.writer.write { db in
                try PlanStore.updateAction(actionID, personID: world.sam, what: "Mailen", owner: me, due: nil, status: status, result: "gelukt",
                                           closedAt: moment, in: db)
            }
        }
        action = try #require(try database.reader.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first)
        #expect(action.status == "vervallen" && action.result == "gelukt")
        #expect(try evaluatedAt() == StoreSeed.at(minutes: 5))
        // Another inwoner's id changes nothing.
        try database.writer.write { db in
            try PlanStore.updateAction(actionID, personID: world.other, what: "Iets anders", owner: me, due: nil, status: "gepland",
                                       result: nil, closedAt: nil, in: db)
        }
        #expect(try database.reader.read { db in try PlanRows.actions(goalID: world.samsGoal, in: db) }.first?.what == "Mailen")
    }

    @Test func actionIDsAreTheInwonersOwnInOrder() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (first, second) = try database.writer.write { db in
            let first = try StoreSeed.action(world.sam, goalID: world.samsGoal, what: "een", status: "gedaan", in: db)
            _ = try StoreSeed.action(world.other, goalID: world.othersGoal, what: "ander", in: db)
            return (first, try StoreSeed.action(world.sam, goalID: world.samsGoal, what: "twee", in: db))
        }
        try database.reader.read { db throws in
            #expect(try PlanStore.actionIDs(personID: world.sam, in: db) == [first, second])
            #expect(try PlanStore.actionIDs(personID: 999, in: db).isEmpty)
        }
    }

    @Test func networkMembersAreListedCheckedAndReachedOnlyWhenTheyAccepted() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (ans, bo, cor, othersMember, ansPerson) = try database.writer.write { db in
            let ansPerson = try StoreSeed.person("netwerk", phone: "+31687654321", in: db)
            let ans = try StoreSeed.member(of: world.sam, name: "Ans", phone: "+31687654321", invitation: "accepted", personID: ansPerson, in: db)
            let bo = try StoreSeed.member(of: world.sam, name: "Bo", in: db)
            let cor = try StoreSeed.member(of: world.sam, name: "Cor", phone: "+31687654322", invitation: "invited", in: db)
            let othersMember = try StoreSeed.member(of: world.other, name: "Dees", in: db)
            return (ans, bo, cor, othersMember, ansPerson)
        }
        let members = try database.reader.read { db in try NetworkStore.members(inwonerID: world.sam, in: db) }
        #expect(members == [
            NetworkStore.Member(id: ans, name: "Ans", relation: nil, helps: nil, phone: "+31687654321", invitation: "accepted"),
            NetworkStore.Member(id: bo, name: "Bo", relation: nil, helps: nil, phone: nil, invitation: nil),
            NetworkStore.Member(id: cor, name: "Cor", relation: nil, helps: nil, phone: "+31687654322", invitation: "invited"),
        ])
        try database.reader.read { db throws in
            #expect(try NetworkStore.isMember(bo, of: world.sam, in: db))
            #expect(try !NetworkStore.isMember(othersMember, of: world.sam, in: db))
            #expect(try NetworkStore.acceptedPerson(memberID: ans, in: db) == ansPerson)
            #expect(try NetworkStore.acceptedPerson(memberID: cor, in: db) == nil)
            #expect(try NetworkStore.acceptedPerson(memberID: 999, in: db) == nil)
        }
    }
}
