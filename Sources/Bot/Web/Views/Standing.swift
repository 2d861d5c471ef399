import Dialog
import Foundation
import GRDB

/// Where the inwoner stands, as both the professional and the inwoner see it: the spiegelblad of
/// each module reached and the leefgebied scores, first against latest, in the reader's language.
struct Standing {
    let web: WebContext
    let personID: Int64
    let language: Language
    let db: any SQLConnection

    /// The spiegelblad of each module the inwoner has reached, worded by the flow's own texts.
    func spiegelbladen(started: [String]) throws -> [[String: Any]] {
        guard let state = try ConversationStore.state(personID: personID, flowID: FlowLibrary.mainFlowID, in: db) else { return [] }
        let renderer = Renderer(catalog: web.catalog, language: language)
        return (1...3).filter { started.contains("m\($0)") }.map { module in
            let text = renderer.render("spiegel.m\(module)", vars: state.vars).trimmingCharacters(in: .whitespacesAndNewlines)
            return ["module": module, "lines": text.split(separator: "\n").map { ["line": String($0)] }]
        }
    }

    /// The leefgebieden of the intake, in its order.
    static func leefgebieden(in library: FlowLibrary) -> [String] {
        library.flows[FlowLibrary.mainFlowID]?.lists["leefgebieden"] ?? []
    }

    func radar() throws -> RadarChart {
        var first: [String: Int] = [:]
        var latest: [String: Int] = [:]
        for score in try IntakeStore.scores(personID: personID, in: db) {
            if first[score.leefgebied] == nil { first[score.leefgebied] = score.score }
            latest[score.leefgebied] = score.score
        }
        var talk: [String: Date] = [:]
        for mark in try TalkStore.open(personID: personID, in: db) { talk[mark.leefgebied] = mark.markedAt }
        var chart = RadarChart(
            axes: Self.leefgebieden(in: web.library).map {
                RadarChart.Axis(
                    label: web.label("leefgebieden", $0, language), first: first[$0], latest: latest[$0], key: $0, talkSince: talk[$0])
            })
        chart.notDiscussed = web.texts.text("niet_besproken", language)
        return chart
    }
}
