import Foundation
import GRDB

/// What the intake holds about an inwoner as the web view shows it: how far they came through the
/// modules, their scores per leefgebied, and their strengths. The conversation writes these
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
        /// ik_ben, ik_kan, ik_heb or ik_wil.
        var kind: String
        var text: String
    }

    /// The modules the inwoner has begun, at most one entry per module, in no promised order.
    static func modules(personID: Int64, in db: Database) throws -> [ModuleProgress] {
        try Row.fetchAll(db, sql: "SELECT module, startedAt, completedAt FROM moduleProgress WHERE personId = ?", arguments: [personID])
            .map { ModuleProgress(module: $0["module"], startedAt: $0["startedAt"], completedAt: $0["completedAt"]) }
    }

    /// Every score the inwoner gave, intake and re-ratings, oldest first (by when given, then id).
    static func scores(personID: Int64, in db: Database) throws -> [Score] {
        try Row.fetchAll(db, sql: "SELECT leefgebied, score FROM score WHERE personId = ? ORDER BY createdAt, id", arguments: [personID])
            .map { Score(leefgebied: $0["leefgebied"], score: $0["score"]) }
    }

    /// The inwoner's strengths in the order they told them.
    static func strengths(personID: Int64, in db: Database) throws -> [Strength] {
        try Row.fetchAll(db, sql: "SELECT kind, text FROM strength WHERE personId = ? ORDER BY id", arguments: [personID])
            .map { Strength(kind: $0["kind"], text: $0["text"]) }
    }
}
