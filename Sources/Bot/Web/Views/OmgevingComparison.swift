import Dialog
import Foundation

/// One view of the omgeving beside the inwoner's own scores: per leefgebied both scores, and
/// whether they differ enough to talk about (`OmgevingRules`). The web page and `wegwijzer spiegel`
/// show the same rows.
struct OmgevingComparison {
    struct Row: Equatable {
        var leefgebied: String
        var own: Int?
        var other: Int?
        var talkAbout: Bool
    }

    let view: OmgevingStore.View
    let rows: [Row]

    /// `ownScores`: the inwoner's scores, oldest first; the latest of each leefgebied counts.
    init(view: OmgevingStore.View, ownScores: [IntakeStore.Score]) {
        var latest: [String: Int] = [:]
        for score in ownScores { latest[score.leefgebied] = score.score }
        self.view = view
        rows = view.leefgebieden.map { leefgebied in
            let own = latest[leefgebied]
            let other = view.scores[leefgebied]
            return Row(
                leefgebied: leefgebied, own: own, other: other,
                talkAbout: OmgevingRules.worthTalkingAbout(own: own, other: other))
        }
    }

    /// The variables of the text `spiegel.omgeving` (spiegelblad 1, printed for the inwoner).
    var textVars: [String: Value] {
        [
            "lid": .text(view.memberName),
            "rijen": .list(
                rows.map { row in
                    .record([
                        "lg": .option(list: "leefgebieden", key: row.leefgebied),
                        // A dash, not a word, for a score not given: it reads the same in every language.
                        "eigen": row.own.map { .number($0) } ?? .text("-"), "ander": row.other.map { .number($0) } ?? .text("-"),
                        "praten": .bool(row.talkAbout), "lid": .text(view.memberName)
                    ])
                }),
            "sterk": view.strengths.map { .text($0) } ?? .none,
            "aanbod": view.offer.map { .text($0) } ?? .none
        ]
    }
}
