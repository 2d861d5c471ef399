import Dialog
import Foundation
import GRDB

/// What the intake holds about an inwoner as the web view shows it: how far they came through the
/// modules, their scores per leefgebied, their strengths, their wishes and the mantelzorg given
/// and received. The conversation writes these
/// (`RecordWriter`); this reads them.
enum IntakeStore {
    struct ModuleProgress: Sendable, Equatable {
        /// m1, m2 or m3.
        var module: String
        var startedAt: Date
        /// Nil while the module is under way.
        var completedAt: Date?
    }

    struct Score: Sendable, Equatable {
        var leefgebied: String
        /// 0 to 10.
        var score: Int
    }

    struct Strength: Sendable, Equatable {
        /// ik_ben, ik_kan, ik_heb, ik_wil, voor_anderen or wil_voor_anderen.
        var kind: String
        var text: String
    }

    /// A wish of module 2 for one leefgebied, as the inwoner put it.
    struct Wish: Sendable, Equatable {
        var leefgebied: String?
        var wens: String?
        /// What is needed for it.
        var behoefte: String?
        /// What the inwoner can do themselves.
        var zelf: String?
        /// Who or what could help.
        var hulp: String?
        /// What the inwoner has and lacks for it, in the order told.
        var resources: [Resource] = []
    }

    /// A hulpbron of a wish, in the inwoner's words, with the kinds read in them.
    struct Resource: Sendable, Equatable {
        var text: String
        var kinds: [ResourceKind]
        /// Already there (a strength, someone who helps), or lacking.
        var has: Bool
    }

    /// Mantelzorg the inwoner receives (`ontvangt`: from whom) or gives (`geeft`: to whom).
    struct Care: Sendable, Equatable {
        var direction: String
        var name: String?
        /// The band of hours per week (a key of the `uren` list), nil when not known.
        var hours: String?
    }

    /// The modules the inwoner has begun, at most one entry per module, in no promised order.
    static func modules(personID: Int64, in db: any SQLConnection) throws -> [ModuleProgress] {
        try Row.fetchAll(db, sql: "SELECT module, startedAt, completedAt FROM moduleProgress WHERE personId = ?", arguments: [personID])
            .map { ModuleProgress(module: $0["module"], startedAt: $0["startedAt"], completedAt: $0["completedAt"]) }
    }

    /// Every score the inwoner gave, intake and re-ratings, oldest first (by when given, then id).
    static func scores(personID: Int64, in db: any SQLConnection) throws -> [Score] {
        try Row.fetchAll(db, sql: "SELECT leefgebied, score FROM score WHERE personId = ? ORDER BY createdAt, id", arguments: [personID])
            .map { Score(leefgebied: $0["leefgebied"], score: $0["score"]) }
    }

    /// The inwoner's strengths in the order they told them.
    static func strengths(personID: Int64, in db: any SQLConnection) throws -> [Strength] {
        try Row.fetchAll(db, sql: "SELECT kind, text FROM strength WHERE personId = ? ORDER BY id", arguments: [personID])
            .map { Strength(kind: $0["kind"], text: $0["text"]) }
    }

    /// The inwoner's wishes in the order they told them.
    static func wishes(personID: Int64, in db: any SQLConnection) throws -> [Wish] {
        var resources: [String: [Resource]] = [:]
        let rows = try Row.fetchAll(
            db, sql: "SELECT wishLocalId, text, kinds, has FROM hulpbron WHERE personId = ? ORDER BY has DESC, id", arguments: [personID])
        for row in rows {
            let kinds: String = row["kinds"]
            let resource = Resource(
                text: row["text"], kinds: kinds.split(separator: ",").compactMap { ResourceKind(rawValue: String($0)) }, has: row["has"])
            resources[row["wishLocalId"] ?? "", default: []].append(resource)
        }
        return try Row.fetchAll(
            db, sql: "SELECT localId, leefgebied, wens, behoefte, zelf, hulp FROM wish WHERE personId = ? ORDER BY id",
            arguments: [personID]
        )
        .map {
            Wish(
                leefgebied: $0["leefgebied"], wens: $0["wens"], behoefte: $0["behoefte"], zelf: $0["zelf"], hulp: $0["hulp"],
                resources: resources[$0["localId"]] ?? [])
        }
    }

    /// The mantelzorg the inwoner told about, received first, each in the order told.
    static func care(personID: Int64, in db: any SQLConnection) throws -> [Care] {
        try Row.fetchAll(
            db, sql: "SELECT direction, name, hours FROM mantelzorg WHERE personId = ? ORDER BY direction DESC, id", arguments: [personID]
        ).map { Care(direction: $0["direction"], name: $0["name"], hours: $0["hours"]) }
    }
}
