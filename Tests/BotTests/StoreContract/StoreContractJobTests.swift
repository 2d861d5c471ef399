import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Scheduled work (`JobStore`): added once per key, due in order, run once by the transaction that
/// takes it, and finished, postponed, held and released.
struct StoreContractJobTests {
    struct World { var sam: Int64, kim: Int64, action: Int64, other: Int64, goal: Int64 }

    static func world(_ database: AppDatabase) throws -> World {
        try database.write { db in
            let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
            let kim = try ContractSeed.inwoner(phone: "+31622222222", name: "Kim", in: db)
            let goal = try ContractSeed.goal(sam, in: db)
            return World(
                sam: sam, kim: kim, action: try ContractSeed.action(sam, goalID: goal, what: "Bellen", in: db),
                other: try ContractSeed.action(sam, goalID: goal, what: "Mailen", in: db), goal: goal)
        }
    }

    static func at(_ minutes: Double) -> Date { ContractSeed.at(minutes: minutes) }

    static func add(_ kind: JobKind, _ personID: Int64, action: Int64? = nil, due minutes: Double, key: String, _ database: AppDatabase)
        throws
    {
        try database.write { db in
            try JobStore.add(kind, personID: personID, actionID: action, dueAt: at(minutes), key: key, at: ContractSeed.now, in: db)
        }
    }

    static func due(_ database: AppDatabase, at minutes: Double) throws -> JobStore.Job? {
        try database.write { db in try JobStore.nextDue(at: at(minutes), in: db) }
    }

    @Test(arguments: StoreBackend.allCases)
    func aJobIsAddedOncePerKeyAndRunsOnceInTheTransactionThatTakesIt(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.reminder, world.sam, action: world.action, due: 10, key: "reminder-1", database)
            // Scheduling twice is harmless: the first stays as it was.
            try Self.add(.reminder, world.sam, action: world.action, due: 5, key: "reminder-1", database)
            #expect(try Self.due(database, at: 9) == nil)
            let job = try #require(try Self.due(database, at: 10))
            #expect(
                job
                    == JobStore.Job(
                        id: job.id, kind: .reminder, personID: world.sam, actionID: world.action, goalID: nil, dueAt: Self.at(10), run: nil)
            )
            // A runner that fails rolls back with its job: the job is due again, not lost.
            struct Crash: Error {}
            #expect(throws: Crash.self) {
                try database.write { db in
                    let taken = try #require(try JobStore.nextDue(at: Self.at(10), in: db))
                    try JobStore.finish(taken.id, at: Self.at(10), in: db)
                    throw Crash()
                }
            }
            #expect(try Self.due(database, at: 10)?.id == job.id)
            // Taken and finished in one transaction: no second runner gets it.
            let ran = try database.write { db -> Int64? in
                guard let taken = try JobStore.nextDue(at: Self.at(10), in: db) else { return nil }
                try JobStore.finish(taken.id, at: Self.at(10), note: "verstuurd", in: db)
                return taken.id
            }
            #expect(ran == job.id)
            #expect(try Self.due(database, at: 10_000) == nil)
            // A done job is not planned again under its key.
            try Self.add(.reminder, world.sam, action: world.action, due: 20, key: "reminder-1", database)
            #expect(try Self.due(database, at: 10_000) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func dueJobsComeEarliestFirstThenInTheOrderAdded(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.weekly, world.kim, due: 30, key: "c", database)
            try Self.add(.reminder, world.sam, action: world.action, due: 20, key: "a", database)
            try Self.add(.weekly, world.sam, due: 20, key: "b", database)
            var order: [String] = []
            for _ in 0..<4 {
                guard
                    let job = try database.write({ db -> JobStore.Job? in
                        guard let job = try JobStore.nextDue(at: Self.at(60), in: db) else { return nil }
                        try JobStore.finish(job.id, at: Self.at(60), in: db)
                        return job
                    })
                else { break }
                order.append("\(job.kind.rawValue) \(job.personID == world.sam ? "sam" : "kim") \(job.dueAt == Self.at(20) ? 20 : 30)")
            }
            #expect(order == ["reminder sam 20", "weekly sam 20", "weekly kim 30"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aPostponedJobIsDueAtItsNewMoment(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.reminder, world.sam, action: world.action, due: 10, key: "r", database)
            let job = try #require(try Self.due(database, at: 10))
            try database.write { db in try JobStore.postpone(job.id, to: Self.at(120), note: "buiten het venster", in: db) }
            #expect(try Self.due(database, at: 119) == nil)
            #expect(try Self.due(database, at: 120)?.dueAt == Self.at(120))
            #expect(try Self.due(database, at: 120)?.id == job.id)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aHeldQuestionWaitsForTheOpenConversationAndThenGoesFirstInLine(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.followup, world.sam, action: world.action, due: 10, key: "followup-1", database)
            try Self.add(.followup, world.sam, action: world.other, due: 20, key: "followup-2", database)
            try Self.add(.reminder, world.sam, action: world.other, due: 5, key: "reminder-2", database)
            let first = try #require(
                try database.write { db in try JobStore.firstInLine(personID: world.sam, at: Self.at(30), in: db) })
            // Only jobs that start a conversation are in line, the first due first.
            #expect(first.kind == .followup && first.actionID == world.action)
            // The person is answering another question: it waits until 600, or until released.
            try database.write { db in try JobStore.hold(first.id, retryAt: Self.at(600), in: db) }
            try database.write { db throws in
                #expect(try JobStore.firstInLine(personID: world.sam, at: Self.at(30), in: db)?.actionID == world.other)
                #expect(try JobStore.firstInLine(personID: world.kim, at: Self.at(30), in: db) == nil)
            }
            // The other question is taken and held as well: both wait.
            let second = try #require(
                try database.write { db in try JobStore.firstInLine(personID: world.sam, at: Self.at(30), in: db) })
            try database.write { db in try JobStore.hold(second.id, retryAt: Self.at(600), in: db) }
            #expect(try database.write { db in try JobStore.firstInLine(personID: world.sam, at: Self.at(30), in: db) } == nil)
            // The conversation ended: both are due now, and the one first due before holding goes first.
            try database.write { db in try JobStore.release(personID: world.sam, at: Self.at(40), in: db) }
            try database.write { db throws in
                let next = try #require(try JobStore.firstInLine(personID: world.sam, at: Self.at(40), in: db))
                #expect(next.id == first.id && next.dueAt == Self.at(40))
            }
            try database.write { db in try JobStore.finish(first.id, at: Self.at(40), in: db) }
            #expect(
                try database.write { db in try JobStore.firstInLine(personID: world.sam, at: Self.at(40), in: db) }?.id == second.id)
            // Released again later: a job not held keeps its moment.
            try database.write { db in try JobStore.release(personID: world.sam, at: Self.at(35), in: db) }
            #expect(
                try database.write { db in try JobStore.firstInLine(personID: world.sam, at: Self.at(40), in: db) }?.dueAt
                    == Self.at(40))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func cancellingAnActionsJobsKeepsTheWatchesAndACancelledKeyComesBack(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.reminder, world.sam, action: world.action, due: 10, key: "reminder", database)
            try Self.add(.followupAgain, world.sam, action: world.action, due: 20, key: "again", database)
            try Self.add(.reminder, world.sam, action: world.other, due: 30, key: "other", database)
            try database.write { db in try JobStore.cancel(actionID: world.action, in: db) }
            // The reminder is gone; the watch on the conversation and the other action's job stay.
            #expect(try Self.due(database, at: 15) == nil)
            #expect(try Self.due(database, at: 25)?.kind == .followupAgain)
            // Planning the action anew brings the cancelled key back, at its new moment.
            try Self.add(.reminder, world.sam, action: world.action, due: 12, key: "reminder", database)
            #expect(try Self.due(database, at: 12)?.kind == .reminder)
            // An opt-out cancels everything pending for the person, and nobody else's.
            try Self.add(.weekly, world.kim, due: 50, key: "kim", database)
            try database.write { db in try JobStore.cancel(personID: world.sam, in: db) }
            #expect(try Self.due(database, at: 10_000)?.personID == world.kim)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aJobBroughtForwardIsDueNoLaterThanTheMoment(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.weekly, world.sam, due: 100, key: "weekly", database)
            try database.write { db in try JobStore.bringForward(key: "weekly", to: Self.at(200), in: db) }
            #expect(try Self.due(database, at: 99) == nil)
            try database.write { db in try JobStore.bringForward(key: "weekly", to: Self.at(50), in: db) }
            #expect(try Self.due(database, at: 50)?.dueAt == Self.at(50))
            // An unknown key changes nothing.
            try database.write { db in try JobStore.bringForward(key: "unknown", to: Self.at(1), in: db) }
            #expect(try Self.due(database, at: 49) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func dueRemindersOfOneActionAreMergedIntoOne(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try Self.add(.reminder, world.sam, action: world.action, due: 10, key: "morning", database)
            try Self.add(.reminder, world.sam, action: world.action, due: 20, key: "evening", database)
            try Self.add(.reminder, world.sam, action: world.action, due: 90, key: "tomorrow", database)
            try Self.add(.reminder, world.sam, action: world.other, due: 15, key: "other", database)
            try Self.add(.followup, world.sam, action: world.action, due: 25, key: "followup", database)
            try database.write { db in
                let job = try #require(try JobStore.nextDue(at: Self.at(30), in: db))
                try JobStore.mergeDue(into: job, at: Self.at(30), in: db)
                try JobStore.finish(job.id, at: Self.at(30), in: db)
            }
            var left: [String] = []
            try database.write { db in
                // Bounded: a job that is not finished would come back forever.
                for _ in 0..<10 {
                    guard let job = try JobStore.nextDue(at: Self.at(100), in: db) else { break }
                    left.append(
                        "\(job.kind.rawValue) \(job.dueAt == Self.at(90) ? "tomorrow" : job.actionID == world.other ? "other" : "same")")
                    try JobStore.finish(job.id, at: Self.at(100), in: db)
                }
            }
            // The evening's reminder went with the morning's; another action's, another kind, and a later one stay.
            #expect(left == ["reminder other", "followup same", "reminder tomorrow"])
        }
    }
}
