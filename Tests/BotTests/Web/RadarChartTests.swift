import Testing

@testable import Bot

struct RadarChartTests {
    static func points(_ shapes: Any?) -> [String] {
        (shapes as? [[String: Any]] ?? []).compactMap { $0["points"] as? String }
    }

    @Test func everyAxisRatedDrawsClosedPolygonsWithPointsOnTheirSpokes() throws {
        let chart = RadarChart(axes: [
            .init(label: "Geld", first: 10, latest: 5), .init(label: "Wonen", first: 0, latest: 10),
            .init(label: "Werk", first: 2, latest: 0), .init(label: "Dag", first: 4, latest: 6)
        ]).values
        // Four axes: up, right, down, left around (320, 210) with radius 130.
        let first = try #require(chart["first"] as? [[String: Any]])
        #expect(first.count == 1)
        #expect(first[0]["closed"] as? Bool == true)
        #expect(first[0]["points"] as? String == "320.0,80.0 320.0,210.0 320.0,236.0 268.0,210.0")
        #expect(Self.points(chart["latest"]) == ["320.0,145.0 450.0,210.0 320.0,210.0 242.0,210.0"])
        #expect((chart["latestDots"] as? [[String: Any]])?.isEmpty == true)
        let rows = try #require(chart["rows"] as? [[String: Any]])
        #expect(rows.map { $0["change"] as? String } == ["-5", "+10", "-2", "+2"])
        let spokes = try #require(chart["spokes"] as? [[String: Any]])
        #expect(spokes.map { $0["anchor"] as? String } == ["middle", "start", "middle", "end"])
        #expect(spokes.allSatisfy { $0["open"] as? Bool == false })
        #expect(chart["hasScores"] as? Bool == true)
    }

    /// Two of ten rated must not read as eight zeros: no point at the centre, the rest "niet besproken".
    @Test func unratedAxesAreLeftOpenAndSaySo() throws {
        let labels = ["Geld", "Wonen", "Werk", "Dag", "Gezin", "Netwerk", "Gezondheid", "Voelen", "Veiligheid", "Meedoen"]
        let chart = RadarChart(
            axes: labels.enumerated().map { index, label in
                .init(label: label, first: nil, latest: index == 0 ? 6 : index == 1 ? 8 : nil)
            }
        ).values
        // The two neighbours are joined by one line; no closed shape, nothing drawn to the centre.
        let lines = try #require(chart["latest"] as? [[String: Any]])
        #expect(lines.count == 1)
        #expect(lines[0]["closed"] as? Bool == false)
        #expect((lines[0]["points"] as? String)?.split(separator: " ").count == 2)
        #expect(!(lines[0]["points"] as? String ?? "").contains("320.0,210.0"))
        #expect((chart["latestDots"] as? [[String: Any]])?.count == 2)
        #expect((chart["first"] as? [[String: Any]])?.isEmpty == true)
        let spokes = try #require(chart["spokes"] as? [[String: Any]])
        #expect(spokes.filter { $0["open"] as? Bool == true }.count == 8)
        #expect(spokes[2]["label"] as? String == "Werk")
        #expect(spokes[2]["note"] as? String == "niet besproken")
        #expect(spokes[0]["note"] == nil)
        #expect(spokes[0]["label"] as? String == "Geld (6)")
        let rows = try #require(chart["rows"] as? [[String: Any]])
        #expect(rows[2]["latest"] as? String == "niet besproken")
        #expect(rows[0]["first"] as? String == "–")
        #expect(rows[0]["latest"] as? String == "6")
    }

    @Test func runsOfRatedAxesAcrossTheStartAreOneLine() {
        // Rated: the last two and the first; the line runs 3 → 4 → 0 without a break at index 0.
        let chart = RadarChart(axes: [
            .init(label: "A", first: nil, latest: 10), .init(label: "B", first: nil, latest: nil),
            .init(label: "C", first: nil, latest: nil), .init(label: "D", first: nil, latest: 5),
            .init(label: "E", first: nil, latest: 5)
        ]).values
        let lines = Self.points(chart["latest"])
        #expect(lines.count == 1)
        #expect(lines.first?.split(separator: " ").count == 3)
        #expect(lines.first?.hasSuffix("320.0,80.0") == true)
    }

    @Test func noScoresMeansNoChart() {
        let chart = RadarChart(axes: [.init(label: "Geld", first: nil, latest: nil)]).values
        #expect(chart["hasScores"] as? Bool == false)
    }
}
