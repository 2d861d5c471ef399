import Dialog
import Foundation
import Testing

/// The lexicon and signal files are data a gemeente edits: a broken entry is named by file and line.
struct LexiconCheckTests {
    static func library(adding extra: [(String, String)]) throws -> FlowLibrary {
        try FlowLibrary(files: try DefaultFlows.files() + extra)
    }

    @Test func anUnknownDateRuleNamesFileAndLine() {
        #expect(
            throws: FlowError(
                file: "lexicon.zz.yaml", line: 3,
                message: "'somewhen' is no date rule (known: "
                    + VagueDate.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        ) {
            try Self.library(adding: [("lexicon.zz.yaml", "language: nl\ndates:\n  ooit: somewhen\n")])
        }
    }

    @Test func aNumberWithTwoMeaningsIsRefused() throws {
        let error = try #require(throws: FlowError.self) {
            try Self.library(adding: [("lexicon.zz.yaml", "language: nl\nnumbers:\n  zes: 7\n")])
        }
        #expect(error.file == "lexicon.zz.yaml")
        #expect(error.line == 3)
    }

    @Test func aSynonymOfAnOptionNoFlowHasIsReportedByFlowsCheck() throws {
        let library = try Self.library(adding: [("lexicon.zz.yaml", "language: nl\noptions:\n  leefgebieden.sport: [voetbal]\n")])
        let errors = FlowChecker.check(library)
        #expect(
            errors == [FlowError(file: "lexicon.zz.yaml", line: 3, message: "'leefgebieden.sport' is no option of any flow (list.key)")])
    }

    @Test func anUnknownKindOfCrisisNamesFileAndLine() throws {
        let error = try #require(throws: FlowError.self) {
            try Self.library(adding: [("signals.zz.yaml", "language: nl\ncrisis:\n  boos: [ik ben boos]\n")])
        }
        #expect(error.file == "signals.zz.yaml")
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("unknown kind of crisis 'boos'"))
    }

    @Test func aGemeenteAddsAWordWithoutACodeChange() throws {
        let library = try Self.library(adding: [("lexicon.zz.yaml", "language: nl\noptions:\n  leefgebieden.geld: [poen]\n")])
        #expect(FlowChecker.check(library).isEmpty)
        let probe = AnswerProbe(
            library: library, now: Date(timeIntervalSince1970: 1_795_424_400), calendar: DialogEnvironment.amsterdam.calendar)
        #expect(probe.read("poen", as: .choice).json == #"{"understood": true, "value": 1}"#)
        let without = AnswerProbe(
            library: DefaultFlows.library, now: Date(timeIntervalSince1970: 1_795_424_400), calendar: DialogEnvironment.amsterdam.calendar)
        #expect(without.read("poen", as: .choice).understood == false)
    }

    @Test func theShippedFilesPassTheCheck() {
        #expect(FlowChecker.check(DefaultFlows.library).isEmpty)
    }
}
