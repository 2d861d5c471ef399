import Dialog
import Foundation
import Testing

@testable import Bot

@Suite struct WebTextsTests {
    @Test func bundledTextsLoadInEveryLanguage() throws {
        let texts = try WebTexts.load()
        for language in Language.allCases {
            #expect(!texts.all(language).isEmpty)
            #expect(texts.all(language).keys.sorted() == texts.all(.nl).keys.sorted())
        }
        #expect(texts.text("site_name", .en) == "My Wegwijzer")
    }

    @Test func aTextWithoutEveryLanguageNamesFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webtexts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "a:\n  nl: Een\n  en: One\nb:\n  nl: Twee\n".write(
            to: directory.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: FlowError(file: "x.yaml", line: 4, message: "the text 'b' has no 'en' version")) {
            try WebTexts.load(directory: directory)
        }
    }

    @Test func placeholdersAreFilled() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webtexts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "hi:\n  nl: Hoi {name}\n  en: Hi {name}\n".write(
            to: directory.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        #expect(try WebTexts.load(directory: directory).text("hi", .en, ["name": "Sam"]) == "Hi Sam")
    }
}
