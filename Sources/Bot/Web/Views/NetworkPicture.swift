import Foundation

/// The inwoner's network as circles around them, as numbers and texts for the inline SVG that
/// `netwerk.mustache` draws (the template escapes every text), and the rows of the table beside it
/// with the same data for screen readers. The inwoner is in the middle; who is close (dichtbij) on
/// the inner circle, who is further away (verder weg) on the outer one. Someone whose closeness is
/// not known (named first in a plan step) goes on the outer circle too, drawn open and marked
/// "onbekend": drawn as dichtbij or verder weg it would say something nobody said. The same
/// members in the same order always give the same picture.
struct NetworkPicture {
    struct Member {
        var name: String
        var relation: String?
        /// Keys of the kinds of support, in `kinds` order or not.
        var support: [String]
        /// What they help with in the inwoner's own words, from before the kinds were asked.
        var helps: String? = nil
        /// `dichtbij`, `verder`, or nil when not known.
        var closeness: String?
        /// The phone as the page shows it (masked), for the table.
        var phone: String
        /// The steps of the plan this member takes part in.
        var actions: [String]
        /// Whether they get reminders, in words ("ja", "uitgenodigd", "geen telefoon").
        var reminders: String
    }

    /// A kind of support: its key and its short name ("Praktisch").
    struct Kind {
        var key: String
        var label: String
    }

    static let width = 640.0
    static let height = 420.0
    static let innerRadius = 85.0
    static let outerRadius = 165.0
    static let unknown = "onbekend"

    let members: [Member]
    /// The kinds in the order of the flow's list `steun`; each gets its own colour and shape.
    let kinds: [Kind]

    var values: [String: Any] {
        let close = members.filter { $0.closeness == "dichtbij" }
        let outer = members.filter { $0.closeness != "dichtbij" }
        // The outer ring starts half a step later, so one person on each ring is not drawn in line.
        let dots = place(close, radius: Self.innerRadius, offset: 0) + place(outer, radius: Self.outerRadius, offset: 0.5)
        return [
            "width": Int(Self.width), "height": Int(Self.height), "cx": Self.number(Self.width / 2),
            "cy": Self.number(Self.height / 2), "inner": Self.number(Self.innerRadius), "outer": Self.number(Self.outerRadius),
            "dots": dots, "hasMembers": !members.isEmpty,
            "legend": kinds.enumerated().map { index, kind in
                ["key": kind.key, "label": kind.label, "marker": Self.marker(index, x: 8, y: 8)] as [String: Any]
            },
            "rows": members.map { member -> [String: Any] in
                [
                    "name": member.name, "relation": member.relation ?? "", "support": supportText(member),
                    "closeness": Self.closenessText(member.closeness), "phone": member.phone,
                    "actions": member.actions.isEmpty ? "geen" : member.actions.joined(separator: "; "),
                    "reminders": member.reminders
                ]
            }
        ]
    }

    /// The members of one ring, evenly round it from the top, clockwise.
    private func place(_ ring: [Member], radius: Double, offset: Double) -> [[String: Any]] {
        ring.enumerated().map { index, member in
            let angle = -Double.pi / 2 + 2 * Double.pi * (Double(index) + (ring.count > 1 ? offset : 0)) / Double(ring.count)
            let x = Self.width / 2 + radius * cos(angle)
            let y = Self.height / 2 + radius * sin(angle)
            let markers = kinds.enumerated().filter { member.support.contains($0.element.key) }.enumerated().map { slot, kind in
                // A row of markers just right of the dot: one per kind of support.
                ["key": kind.element.key, "shape": Self.marker(kind.offset, x: x + 12 + Double(slot) * 12, y: y - 10)]
            }
            return [
                "x": Self.number(x), "y": Self.number(y), "ly": Self.number(y + 22), "ly2": Self.number(y + 36),
                "name": member.name, "support": supportText(member), "unknown": member.closeness == nil,
                "note": member.closeness == nil ? Self.unknown : "", "markers": markers
            ]
        }
    }

    /// The kinds a member gives, by their short names in the list's order; else their own words
    /// from before the kinds were asked; else "niet bekend".
    func supportText(_ member: Member) -> String {
        let names = kinds.filter { member.support.contains($0.key) }.map(\.label)
        return names.isEmpty ? (member.helps ?? "niet bekend") : names.joined(separator: ", ")
    }

    static func closenessText(_ closeness: String?) -> String {
        switch closeness {
        case "dichtbij": "dichtbij"
        case "verder": "verder weg"
        default: unknown
        }
    }

    /// The mark of the kind at `index`, centred at (x, y) in a box of 8: a square, a circle, a
    /// triangle, a diamond; after four, the shapes come round again. Colour comes from the class.
    static func marker(_ index: Int, x: Double, y: Double) -> [String: Any] {
        let (l, t, r, b) = (number(x - 4), number(y - 4), number(x + 4), number(y + 4))
        let (mx, my) = (number(x), number(y))
        let points: String
        switch index % 4 {
        case 0: points = "\(l),\(t) \(r),\(t) \(r),\(b) \(l),\(b)"
        case 1: return ["circle": true, "x": mx, "y": my, "kind": index % 4]
        case 2: points = "\(mx),\(t) \(r),\(b) \(l),\(b)"
        default: points = "\(mx),\(t) \(r),\(my) \(mx),\(b) \(l),\(my)"
        }
        return ["circle": false, "points": points, "kind": index % 4]
    }

    /// A short name for a kind from its label: the part before a colon ("Praktisch: boodschappen,
    /// klussen, vervoer" is "Praktisch").
    static func shortLabel(_ label: String) -> String {
        String(label.split(separator: ":", maxSplits: 1).first ?? Substring(label)).trimmingCharacters(in: .whitespaces)
    }

    /// Coordinates as the radar chart writes them: one decimal, so the same data gives the same bytes.
    static func number(_ value: Double) -> String { RadarChart.number(value) }
}
