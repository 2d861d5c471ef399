import Foundation
import Testing

/// `wegwijzer parse`: how an answer is read, one line of JSON, through the built binary.
struct ParseCommandTests {
    static let now = "2026-12-04T10:00:00+01:00"

    @Test(arguments: [
        (["score", "een zesje"], #"{"understood": true, "value": 6}"#),
        (["score", "een voldoende"], #"{"understood": true, "value": 6, "confirm": true}"#),
        (["followup", "Ja gelukt!"], #"{"understood": true, "value": "ja"}"#),
        (["choices", "geld, werk en hoe ik me voel"], #"{"understood": true, "value": [1,3,6]}"#),
        (["date", "na de kerst"], #"{"understood": true, "value": "2026-12-28", "confirm": true}"#),
        (["date", "weet ik niet"], #"{"understood": true, "value": null}"#),
        (["phone", "nee heb ik niet bij de hand"], #"{"understood": true, "value": null}"#),
        (["name", "ik heet Henk"], #"{"understood": true, "value": "Henk"}"#),
        (["relation", "m'n zus"], #"{"understood": true, "value": "zus"}"#),
        (["owner", "mijn dochter", "--choice", "Ans:zus", "--choice", "Sanne:dochter"], #"{"understood": true, "value": "network:Sanne"}"#),
        (["owner", "ik"], #"{"understood": true, "value": "inwoner"}"#),
        (["amount", "heel veel"], #"{"understood": true, "value": "heelveel"}"#),
        (["person", "mijn zus Ans"], #"{"understood": true, "value": {"naam":"Ans","relatie":"zus"}}"#)
    ])
    func printsOneLineOfJSON(arguments: [String], expected: String) throws {
        let result = try BinaryRunner.run(["parse"] + arguments + ["--now", Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
    }

    @Test func aRefusalCarriesTheReprompt() throws {
        let result = try BinaryRunner.run(["parse", "yesno", "ik weet niet of het gelukt is", "--lang", "en"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["understood"] as? Bool == false)
        #expect(json["reprompt"] as? String == "Sorry, I did not quite understand. Answer yes or no.")
    }

    @Test func anUnknownTypeOrMomentIsAClearError() throws {
        let type = try BinaryRunner.run(["parse", "kleur", "rood"])
        #expect(type.status != 0)
        #expect(type.stderr.contains("unknown type 'kleur'"))
        let moment = try BinaryRunner.run(["parse", "date", "morgen", "--now", "gisteren"])
        #expect(moment.status != 0)
        #expect(moment.stderr.contains("--now is not an ISO 8601 time"))
    }
}
