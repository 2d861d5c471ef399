/// One algemene voorziening on a gemeente's sociale kaart (`voorzieningen.yaml`): what it offers,
/// for which leefgebieden, and how to reach it. Specialist help is no voorziening here.
public struct Voorziening: Sendable, Equatable {
    /// Where each part was written, so `flows check` can point at the line to change.
    public struct Lines: Sendable, Equatable {
        /// The line of the id.
        public var entry: Int
        /// The line of each leefgebied, in the order of `leefgebieden`.
        public var leefgebieden: [Int]
        public var name: [Language: Int]
        public var description: [Language: Int]
        public var website: Int?

        public init(
            entry: Int, leefgebieden: [Int] = [], name: [Language: Int] = [:], description: [Language: Int] = [:],
            website: Int? = nil
        ) {
            self.entry = entry
            self.leefgebieden = leefgebieden
            self.name = name
            self.description = description
            self.website = website
        }
    }

    public var id: String
    /// The name in every language; a name written once is the same in all.
    public var name: [Language: String]
    public var kinds: [ResourceKind]
    /// Keys of the flows' list `leefgebieden` (`geld`, `mensen`).
    public var leefgebieden: [String]
    /// One line in B1, in every language.
    public var description: [Language: String]
    public var phone: String?
    public var address: String?
    /// Opening hours in every language (or one text for all), when the gemeente gives them.
    public var openingHours: [Language: String]
    public var website: String?
    /// Free of charge for the inwoner.
    public var free: Bool
    /// Only with a referral (from the huisarts, the wijkteam or the gemeente).
    public var referral: Bool
    /// A place where inwoners can do something for others (a vrijwilligerscentrale, a
    /// maatjesproject): offered when an inwoner would like to (`wederkerigheid: true`).
    public var reciprocity: Bool
    public var file: String
    public var lines: Lines

    public init(
        id: String, name: [Language: String], kinds: [ResourceKind], leefgebieden: [String], description: [Language: String],
        phone: String? = nil, address: String? = nil, openingHours: [Language: String] = [:], website: String? = nil,
        free: Bool, referral: Bool, reciprocity: Bool = false, file: String, lines: Lines
    ) {
        self.id = id
        self.name = name
        self.kinds = kinds
        self.leefgebieden = leefgebieden
        self.description = description
        self.phone = phone
        self.address = address
        self.openingHours = openingHours
        self.website = website
        self.free = free
        self.referral = referral
        self.reciprocity = reciprocity
        self.file = file
        self.lines = lines
    }

    /// The line of the id, where a problem with the voorziening as a whole is reported.
    public var line: Int { lines.entry }
}
