import Foundation

/// A spider chart of leefgebied scores (0–10), first rating against the latest, as numbers for an
/// inline SVG that the template draws. Unrated leefgebieden sit at the centre and say so in the label.
struct RadarChart {
    struct Axis {
        var label: String
        var first: Int?
        var latest: Int?
    }

    /// Wide enough for the longest leefgebied label left and right of the circle.
    static let width = 640.0
    static let height = 420.0
    static let radius = 130.0

    let axes: [Axis]

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
        let spokes = axes.indices.map { index -> [String: Any] in
            let (x, y) = point(index, 10)
            let (lx, ly) = point(index, 11.6)
            let anchor = abs(lx - Self.width / 2) < 8 ? "middle" : lx < Self.width / 2 ? "end" : "start"
            let axis = axes[index]
            let score = axis.latest.map(String.init) ?? "–"
            return [
                "x": Self.number(x), "y": Self.number(y), "lx": Self.number(lx), "ly": Self.number(ly + 4), "anchor": anchor,
                "label": "\(axis.label) (\(score))"
            ]
        }
        let hasFirst = axes.contains { $0.first != nil }
        let hasLatest = axes.contains { $0.latest != nil }
        return [
            "width": Int(Self.width), "height": Int(Self.height), "cx": Self.number(Self.width / 2), "cy": Self.number(Self.height / 2),
            "rings": rings, "spokes": spokes,
            "first": polygon(axes.map { Double($0.first ?? 0) }), "latest": polygon(axes.map { Double($0.latest ?? 0) }),
            "hasFirst": hasFirst, "hasLatest": hasLatest, "hasScores": hasFirst || hasLatest,
            "rows": axes.map { axis -> [String: Any] in
                [
                    "label": axis.label, "first": axis.first.map(String.init) ?? "–", "latest": axis.latest.map(String.init) ?? "–",
                    "change": Self.change(axis.first, axis.latest)
                ]
            }
        ]
    }

    static func change(_ first: Int?, _ latest: Int?) -> String {
        guard let first, let latest else { return "" }
        return latest > first ? "+\(latest - first)" : latest < first ? "\(latest - first)" : "0"
    }

    static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
