/// A gemeente's sociale kaart: the algemene voorzieningen an inwoner can be pointed to, read from
/// `voorzieningen.yaml` beside the flows. A deployment without that file has an empty map.
public struct SocialMap: Sendable, Equatable {
    /// In file order: the order the gemeente chose is the order they are offered in.
    public var voorzieningen: [Voorziening]
    /// `voorbeeld: true`: the shipped, fictitious set that the gemeente replaces with its own.
    public var isExample: Bool
    /// The file the map came from, nil when there was none.
    public var file: String?

    /// The file beside the flows that holds the map.
    public static let fileName = "voorzieningen.yaml"

    public init(voorzieningen: [Voorziening] = [], isExample: Bool = false, file: String? = nil) {
        self.voorzieningen = voorzieningen
        self.isExample = isExample
        self.file = file
    }

    public var isEmpty: Bool { voorzieningen.isEmpty }

    public subscript(id: String) -> Voorziening? {
        voorzieningen.first { $0.id == id }
    }

    /// At most `limit` voorzieningen for a leefgebied, in file order. With `kinds`, only those of
    /// at least one of these kinds; empty means any kind. Two is the default: more than two in one
    /// message is more than an inwoner takes in.
    public func fitting(leefgebied: String, kinds: Set<ResourceKind> = [], limit: Int = 2) -> [Voorziening] {
        guard limit > 0 else { return [] }
        var found: [Voorziening] = []
        for voorziening in voorzieningen where voorziening.leefgebieden.contains(leefgebied) {
            guard kinds.isEmpty || voorziening.kinds.contains(where: { kinds.contains($0) }) else { continue }
            found.append(voorziening)
            if found.count == limit { break }
        }
        return found
    }

    /// The voorzieningen where an inwoner can do something for others (`wederkerigheid: true`),
    /// at most `limit`, in file order: what to name when an inwoner would like to help others.
    public func reciprocity(limit: Int = 2) -> [Voorziening] {
        Array(voorzieningen.filter(\.reciprocity).prefix(max(limit, 0)))
    }
}
