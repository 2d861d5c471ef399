import Foundation

/// The flows and texts of one deployment, read from a directory of YAML files:
/// `*.flow.yaml` (one flow each), `*.texts.yaml` (keyed wording), `*.instrument.yaml`
/// (questionnaires), `lexicon.*.yaml` (the words people answer with), `signals.*.yaml` (what a
/// message may say besides an answer) and `voorzieningen.yaml` (the gemeente's sociale kaart).
public struct FlowLibrary: Sendable {
    public var flows: [String: Flow]
    public var catalog: Catalog
    /// `schedule.yaml`: send window, reminder plan, follow-up and re-rating times.
    public var schedule = ScheduleSettings()
    /// Questionnaires by id, from `*.instrument.yaml`; their wording is in the catalog.
    public var instruments: [String: Instrument] = [:]
    public var lexicon = Lexicon()
    public var signals = Signals()
    /// `voorzieningen.yaml`: the algemene voorzieningen an inwoner can be pointed to; empty without the file.
    public var socialMap = SocialMap()

    /// The flow that starts a conversation with an inwoner.
    public static let mainFlowID = "levenskracht"

    /// Builds the library from file names and contents (reading them is the caller's job).
    public init(files: [(name: String, contents: String)]) throws(FlowError) {
        var flows: [String: Flow] = [:]
        var catalog = Catalog()
        var schedule = ScheduleSettings()
        var instruments: [String: Instrument] = [:]
        var lexicon = Lexicon()
        var signals = Signals()
        var socialMap = SocialMap()
        for file in files.sorted(by: { $0.name < $1.name }) {
            if file.name == "schedule.yaml" {
                schedule = try ScheduleSettings.decode(file.contents, file: file.name)
            } else if file.name == SocialMap.fileName {
                socialMap = try SocialMapDecoder.decode(file.contents, file: file.name)
            } else if file.name.hasSuffix(".texts.yaml") {
                try CatalogDecoder.decode(file.contents, file: file.name, into: &catalog)
            } else if file.name.hasSuffix(".flow.yaml") {
                let flow = try FlowDecoder.decode(file.contents, file: file.name)
                if let other = flows[flow.id] {
                    throw FlowError(file: file.name, line: 1, message: "flow '\(flow.id)' is also defined in \(other.file)")
                }
                flows[flow.id] = flow
            } else if file.name.hasPrefix("lexicon.") {
                try LexiconDecoder.decode(file.contents, file: file.name, into: &lexicon)
            } else if file.name.hasPrefix("signals.") {
                try SignalsDecoder.decode(file.contents, file: file.name, into: &signals)
            } else if file.name.hasSuffix(".instrument.yaml") {
                let instrument = try InstrumentDecoder.decode(file.contents, file: file.name)
                if let other = instruments[instrument.id] {
                    throw FlowError(
                        file: file.name, line: instrument.line, message: "instrument '\(instrument.id)' is also defined in \(other.file)")
                }
                instruments[instrument.id] = instrument
            }
        }
        guard let main = flows[Self.mainFlowID] else {
            throw FlowError(file: files.first?.name ?? "(no files)", line: 1, message: "no flow with id '\(Self.mainFlowID)' found")
        }
        // A flow without its own command words uses the main flow's, so STOP works everywhere.
        for (id, flow) in flows where flow.commands.words.isEmpty {
            flows[id]?.commands = main.commands
        }
        // Each voorziening's name, offer and contact are texts, so a flow shows them like any option.
        for (key, entry) in socialMap.catalogEntries() { catalog.entries[key] = entry }
        self.flows = flows
        self.catalog = catalog
        self.schedule = schedule
        self.instruments = instruments
        self.lexicon = lexicon
        self.signals = signals
        self.socialMap = socialMap
    }

    /// The items of an instrument as options of the list named after it, in item order (empty for an
    /// unknown instrument). A flow loops over them and shows each with `{item:<instrument id>}`:
    /// the label of option `i` in list `x` is the text `x.i`, the item's question.
    public func itemOptions(_ instrumentID: String) -> [Value] {
        instruments[instrumentID]?.itemOptions ?? []
    }

    public func engine(_ flowID: String = FlowLibrary.mainFlowID, environment: DialogEnvironment = .amsterdam) -> Engine? {
        flows[flowID].map {
            Engine(flow: $0, catalog: catalog, lexicon: lexicon, signals: signals, socialMap: socialMap, environment: environment)
        }
    }

    /// Where the default flows ship inside the package.
    public static var bundledDirectory: URL? {
        Bundle.module.url(forResource: "Flows", withExtension: nil)
    }
}
