import Foundation

/// A spider chart of leefgebied scores (0–10), first rating against the latest, as numbers for an
/// inline SVG that the template draws. A leefgebied that was never rated is left open (no point, a
/// dashed spoke, "niet besproken"): drawn as 0 it would read as the worst score.
struct RadarChart {
    struct Axis {
        var label: String
        var first: Int?
        var latest: Int?
        /// The leefgebied's key, for the "Besproken" form of a mark.
        var key: String = ""
        /// Since when the inwoner wants to talk about it ("hier wil ik over praten"), if they do.
        var talkSince: Date?
    }

    /// Wide enough for the longest leefgebied label left and right of the circle.
    static let width = 640.0
    static let height = 420.0
    static let radius = 130.0

    let axes: [Axis]
    /// The words for a leefgebied without any score, in the reader's language.
    var notDiscussed = "niet besproken"

    var values: [String: Any] {
        let n = axes.count
        func point(_ index: Int, _ value: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(n, 1))
            let r = Self.radius * value / 10
            return (Self.width / 2 + r * cos(angle), Self.height / 2 + r * sin(angle))
        }
        func polygon(_ values: [Double]) -> String {
            values.enumerated().map { index, value in
                let (x, y) = point(index, value)
                return "\(Self.number(x)),\(Self.number(y))"
            }.joined(separator: " ")
        }
        let rings = [2.0, 4, 6, 8, 10].map { level in
            ["points": polygon(Array(repeating: level, count: n)), "level": Int(level)] as [String: Any]
        }
        /// The series as shapes: one closed polygon when every axis has a score, else a line through
        /// each run of neighbouring scored axes and a dot on every scored axis.
        func shapes(_ scores: [Int?]) -> (lines: [[String: Any]], dots: [[String: Any]]) {
            if scores.allSatisfy({ $0 != nil }) {
                return ([["closed": true, "points": polygon(scores.map { Double($0!) })]], [])
            }
            let dots = scores.indices.compactMap { index -> [String: Any]? in
                guard let score = scores[index] else { return nil }
                let (x, y) = point(index, Double(score))
                return ["x": Self.number(x), "y": Self.number(y)]
            }
            // Walk once around from an open axis, so no run is cut in two at index 0.
            guard let open = scores.firstIndex(where: { $0 == nil }) else { return ([], dots) }
            var lines: [[String: Any]] = []
            var run: [String] = []
            for step in 1...n {
                let index = (open + step) % n
                if let score = scores[index] {
                    let (x, y) = point(index, Double(score))
                    run.append("\(Self.number(x)),\(Self.number(y))")
                } else {
                    if run.count > 1 { lines.append(["closed": false, "points": run.joined(separator: " ")]) }
                    run = []
                }
            }
            return (lines, dots)
        }
        let spokes = axes.indices.map { index -> [String: Any] in
            let (x, y) = point(index, 10)
            let (lx, ly) = point(index, 11.6)
            let anchor = abs(lx - Self.width / 2) < 8 ? "middle" : lx < Self.width / 2 ? "end" : "start"
            let axis = axes[index]
            let rated = axis.first != nil || axis.latest != nil
            // "niet besproken" goes on a line of its own: after a long label it would run off the chart.
            let label = rated ? "\(axis.label) (\(axis.latest.map(String.init) ?? "–"))" : axis.label
            var spoke: [String: Any] = [
                "x": Self.number(x), "y": Self.number(y), "lx": Self.number(lx), "ly": Self.number(ly + 4), "anchor": anchor,
                "label": label, "open": !rated
            ]
            if !rated { spoke["note"] = notDiscussed }
            return spoke
        }
        let first = shapes(axes.map(\.first))
        let latest = shapes(axes.map(\.latest))
        let hasFirst = axes.contains { $0.first != nil }
        let hasLatest = axes.contains { $0.latest != nil }
        return [
            "width": Int(Self.width), "height": Int(Self.height), "cx": Self.number(Self.width / 2), "cy": Self.number(Self.height / 2),
            "rings": rings, "spokes": spokes,
            "first": first.lines, "firstDots": first.dots, "latest": latest.lines, "latestDots": latest.dots,
            "hasFirst": hasFirst, "hasLatest": hasLatest, "hasScores": hasFirst || hasLatest,
            "rows": axes.map { axis -> [String: Any] in
                var row: [String: Any] = [
                    "label": axis.label, "first": cell(axis.first, axis), "latest": cell(axis.latest, axis),
                    "change": Self.change(axis.first, axis.latest)
                ]
                if let since = axis.talkSince { row["talk"] = ["key": axis.key, "since": WebFormat.day(since)] }
                return row
            }
        ]
    }

    /// A score in the table: the number, "–" when this one is missing, "niet besproken" when the
    /// leefgebied has no score at all.
    func cell(_ score: Int?, _ axis: Axis) -> String {
        score.map(String.init) ?? (axis.first == nil && axis.latest == nil ? notDiscussed : "–")
    }

    static func change(_ first: Int?, _ latest: Int?) -> String {
        guard let first, let latest else { return "" }
        return latest > first ? "+\(latest - first)" : latest < first ? "\(latest - first)" : "0"
    }

    static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
