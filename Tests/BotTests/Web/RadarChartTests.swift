import Testing

@testable import Bot

struct RadarChartTests {
    @Test func pointsLieOnTheirSpokeAtTheirScore() throws {
        let chart = RadarChart(axes: [
            .init(label: "Geld", first: 10, latest: 5), .init(label: "Wonen", first: 0, latest: 10),
            .init(label: "Werk", first: nil, latest: nil), .init(label: "Dag", first: 4, latest: 6)
        ]).values
        // Four axes: up, right, down, left around (320, 210) with radius 130.
        #expect(chart["first"] as? String == "320.0,80.0 320.0,210.0 320.0,210.0 268.0,210.0")
        #expect(chart["latest"] as? String == "320.0,145.0 450.0,210.0 320.0,210.0 242.0,210.0")
        let rows = try #require(chart["rows"] as? [[String: Any]])
        #expect(rows.map { $0["change"] as? String } == ["-5", "+10", "", "+2"])
        #expect(rows[2]["latest"] as? String == "–")
        let spokes = try #require(chart["spokes"] as? [[String: Any]])
        #expect(spokes.map { $0["anchor"] as? String } == ["middle", "start", "middle", "end"])
        #expect(spokes[2]["label"] as? String == "Werk (–)")
        #expect(chart["hasScores"] as? Bool == true)
    }

    @Test func noScoresMeansNoChart() {
        let chart = RadarChart(axes: [.init(label: "Geld", first: nil, latest: nil)]).values
        #expect(chart["hasScores"] as? Bool == false)
    }
}
