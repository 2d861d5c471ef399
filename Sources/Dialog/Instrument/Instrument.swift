/// A questionnaire as data: items, how they are answered and scored, and what a score means.
///
/// Loaded from a `*.instrument.yaml` file by `InstrumentDecoder`, beside the flows; its wording lives
/// in the catalog. The text of item `i` of instrument `x` is the text `x.i`, which is also the label of
/// the option `.option(list: "x", key: "i")`, so a flow can show an item with `{item:x}`.
public struct Instrument: Sendable {
    /// How every item is answered.
    public enum AnswerType: String, Sendable, CaseIterable {
        /// Ja or nee; an answer is `.bool(true)` or `.bool(false)`.
        case yesno
    }

    /// How the answers become a score.
    public enum Scoring: String, Sendable, CaseIterable {
        /// The number of items answered yes.
        case countYes = "count_yes"
    }

    public struct Item: Sendable, Hashable {
        public var id: String
        /// Text key of the question: always `<instrument id>.<item id>`.
        public var text: String
        public var line: Int
    }

    /// A range of scores with its meaning. The bands of an instrument cover `0...items.count`
    /// without gaps or overlaps.
    public struct Band: Sendable, Hashable {
        public var id: String
        public var min: Int
        public var max: Int
        /// Text key of the calm explanation of this band (never a diagnosis).
        public var text: String
        public var line: Int

        public func contains(_ score: Int) -> Bool { (min...max).contains(score) }
    }

    public var id: String
    public var version: Int
    /// Text key of the instrument's title.
    public var title: String
    public var items: [Item]
    public var answerType: AnswerType
    public var scoring: Scoring
    /// A score at or above this is "high".
    public var cutoff: Int
    public var bands: [Band]
    /// Free text for whoever maintains the file, e.g. the warning about the wording.
    public var note: String
    /// The file the instrument came from, for messages that name file and line.
    public var file: String
    /// The line of the instrument's id.
    public var line: Int
    public var titleLine: Int

    /// The band a score falls in.
    public func band(for score: Int) -> Band? { bands.first { $0.contains(score) } }

    /// The item ids as options of the list named after the instrument, in item order, for a flow
    /// to loop over; `{item:<id>}` shows each with its question.
    public var itemOptions: [Value] { items.map { .option(list: id, key: $0.id) } }

    /// Every text the instrument needs, with the line that names it and what it is for.
    public var texts: [(key: String, line: Int, role: String)] {
        [(title, titleLine, "title")]
            + items.map { ($0.text, $0.line, "item '\($0.id)'") }
            + bands.map { ($0.text, $0.line, "band '\($0.id)'") }
    }
}
