import Foundation
import Testing

@testable import Dialog

/// Texts with placeholders, as the inwoner gets them, and the conditions and paths of flow files.
struct TemplateTests {
    /// Renders `text` (in both languages) with the default catalog and `more` texts beside it.
    static func render(
        _ text: String, _ vars: [String: Value] = [:], _ language: Language = .nl,
        more: [String: String] = [:]
    ) -> String {
        var catalog = DefaultFlows.library.catalog
        for (key, value) in more.merging(["test": text], uniquingKeysWith: { _, new in new }) {
            catalog.entries[key] = Catalog.Entry(texts: [.nl: value, .en: value], file: "test.texts.yaml", line: 1)
        }
        return Renderer(catalog: catalog, language: language).render("test", vars: vars)
    }

    static func path(_ text: String) -> Path { try! Path(parsing: text) }

    static let geld = Value.option(list: "leefgebieden", key: "geld")
    static let wonen = Value.option(list: "leefgebieden", key: "wonen")

    // MARK: - Values

    @Test func plainValue() {
        #expect(Self.render("Hallo {naam}!", ["naam": .text("Ans")]) == "Hallo Ans!")
        #expect(Self.render("Vraag {n} van {total}", ["n": .number(3), "total": .number(10)]) == "Vraag 3 van 10")
    }

    @Test func unknownVariableIsEmpty() {
        #expect(Self.render("Hallo {naam}!") == "Hallo !")
        #expect(Self.render("{nw.naam}", ["nw": .text("geen record")]) == "")
    }

    @Test func nestedPath() {
        let nw = Value.record(["naam": .text("Ans"), "relatie": .text("zus"), "adres": .record(["stad": .text("Amsterdam")])])
        #expect(Self.render("{nw.naam} ({nw.relatie}) uit {nw.adres.stad}", ["nw": nw]) == "Ans (zus) uit Amsterdam")
    }

    @Test func indexedPath() {
        let score = Value.record(["geld": .number(7), "wonen": .number(4)])
        #expect(Self.render("{score[lg]}", ["score": score, "lg": Self.geld]) == "7")
        #expect(Self.render("{score[lg]}", ["score": score, "lg": .text("wonen")]) == "4")
        #expect(Self.render("[{score[lg]}]", ["score": score]) == "[]", "an index without a value shows nothing")
        #expect(Self.render("{score[lg]}", ["score": score, "lg": .text("werk")]) == "")
    }

    @Test func indexInsideAnIndex() {
        let vars: [String: Value] = [
            "score": .record(["wonen": .number(4)]),
            "keuze": .record(["eerste": Self.wonen]),
            "welke": .text("eerste")
        ]
        #expect(Self.render("{score[keuze[welke]]}", vars) == "4")
    }

    @Test func valueOfAnOptionIsItsLabel() {
        #expect(Self.render("{lg}", ["lg": Self.geld]) == "Geld")
        #expect(Self.render("{lg}", ["lg": Self.geld], .en) == "Money")
    }

    @Test(arguments: [
        (Value.list([.text("appel")]), Language.nl, "appel"),
        (.list([.text("appel"), .text("peer")]), .nl, "appel en peer"),
        (.list([.text("appel"), .text("peer"), .text("kiwi")]), .nl, "appel, peer en kiwi"),
        (.list([.text("apple"), .text("pear"), .text("kiwi")]), .en, "apple, pear and kiwi"),
        (.list([geld, wonen]), .nl, "Geld en Wonen"),
        (.list([geld, wonen]), .en, "Money and Housing"),
        (.list([]), .nl, "-"),
        (.list([.record(["name": .text("Ans")]), .record(["name": .text("Piet")])]), .nl, "Ans en Piet")
    ])
    func listsAreJoinedWithAnd(_ list: Value, _ language: Language, _ expected: String) {
        #expect(Self.render("{x}", ["x": list], language) == expected)
    }

    @Test(arguments: [
        (Value.none, Language.nl, "-"), (.none, .en, "-"),
        (.bool(true), .nl, "ja"), (.bool(false), .nl, "nee"),
        (.bool(true), .en, "yes"), (.bool(false), .en, "no"),
        (.number(0), .nl, "0"), (.text(""), .nl, ""),
        (.record(["label": .text("L"), "name": .text("N"), "text": .text("T")]), .nl, "L"),
        (.record(["name": .text("N"), "text": .text("T")]), .nl, "N"),
        (.record(["text": .text("T")]), .nl, "T"),
        (.record(["id": .text("goal-3")]), .nl, "")
    ])
    func simpleValues(_ value: Value, _ language: Language, _ expected: String) {
        #expect(Self.render("{x}", ["x": value], language) == expected)
    }

    @Test(
        arguments: [
            (LocalDate(year: 2026, month: 12, day: 15), LocalTime(hour: 14, minute: 30), Language.nl, "di 15 december, 14:30"),
            (LocalDate(year: 2026, month: 12, day: 15), LocalTime(hour: 14, minute: 30), .en, "Tue 15 December, 14:30"),
            (LocalDate(year: 2026, month: 12, day: 15), nil, .nl, "di 15 december"),
            (LocalDate(year: 2026, month: 12, day: 15), nil, .en, "Tue 15 December"),
            (LocalDate(year: 2026, month: 11, day: 27), nil, .nl, "vr 27 november"),
            (LocalDate(year: 2026, month: 11, day: 24), LocalTime(hour: 10, minute: 0), .nl, "di 24 november, 10:00"),
            (LocalDate(year: 2024, month: 2, day: 29), LocalTime(hour: 9, minute: 5), .nl, "do 29 februari, 09:05"),
            (LocalDate(year: 2000, month: 1, day: 1), nil, .en, "Sat 1 January"),
            (LocalDate(year: 2027, month: 3, day: 7), nil, .nl, "zo 7 maart"),
            (LocalDate(year: 2027, month: 3, day: 8), LocalTime(hour: 0, minute: 0), .en, "Mon 8 March, 00:00")
        ] as [(LocalDate, LocalTime?, Language, String)])
    func datesInWords(_ date: LocalDate, _ time: LocalTime?, _ language: Language, _ expected: String) {
        #expect(Self.render("{d}", ["d": .date(date, time)], language) == expected)
    }

    @Test func weekdayOfEveryDayAgreesWithTheDayNumber() {
        var day = LocalDate(year: 1999, month: 12, day: 25)
        var wrong: [String] = []
        while day.year < 2041 {
            if ValueFormatter.isoWeekday(day) != day.isoWeekday { wrong.append(day.description) }
            day = day.adding(days: 1)
        }
        #expect(wrong.isEmpty, "weekday differs on \(wrong.prefix(5))")
        #expect(LocalDate(year: 2026, month: 12, day: 15).isoWeekday == 2)
    }

    // MARK: - Sections

    @Test func sectionOverAListWithItemAndNumber() {
        let items = Value.list([.text("appel"), .text("peer"), .text("kiwi")])
        #expect(Self.render("{#items}{@n}. {.}\n{/items}", ["items": items]) == "1. appel\n2. peer\n3. kiwi\n")
    }

    @Test func sectionOverRecordsReadsTheirFields() {
        let wensen = Value.list([
            .record(["text": .text("Een huis zonder schimmel"), "leefgebied": Self.wonen]),
            .record(["text": .text("Minder schulden"), "leefgebied": Self.geld])
        ])
        #expect(
            Self.render("{#wensen}- {text} ({leefgebied})\n{/wensen}", ["wensen": wensen])
                == "- Een huis zonder schimmel (Wonen)\n- Minder schulden (Geld)\n")
    }

    @Test func insideASectionOtherNamesAreRootVariables() {
        let vars: [String: Value] = ["naam": .text("Ans"), "items": .list([.record(["wat": .text("bellen")])])]
        #expect(Self.render("{#items}{naam}: {wat}{/items}", vars) == "Ans: bellen")
        let shadowed: [String: Value] = ["naam": .text("Ans"), "items": .list([.record(["naam": .text("Piet")])])]
        #expect(Self.render("{#items}{naam}{/items} {naam}", shadowed) == "Piet Ans")
    }

    @Test func nestedSectionsNumberTheInnermostList() {
        let plan = Value.list([
            .record(["text": .text("A"), "acties": .list([.text("a1"), .text("a2")])]),
            .record(["text": .text("B"), "acties": .list([.text("b1")])])
        ])
        #expect(
            Self.render("{#plan}{@n}{text}[{#acties}{@n}={.} {/acties}]{@n};{/plan}", ["plan": plan])
                == "1A[1=a1 2=a2 ]1;2B[1=b1 ]2;")
    }

    @Test func indexOutsideASectionIsEmpty() {
        #expect(Self.render("[{@n}]") == "[]")
    }

    @Test func itemAsIndex() {
        let vars: [String: Value] = [
            "gekozen": .list([Self.geld, Self.wonen]),
            "cijfer": .record(["geld": .number(7), "wonen": .number(4)]),
            "verander": .record(["geld": .bool(false), "wonen": .bool(true)])
        ]
        let text = "{#gekozen}{.} {cijfer[.]}{#verander[.]} (wil veranderen){/verander[.]}\n{/gekozen}"
        #expect(Self.render(text, vars) == "Geld 7\nWonen 4 (wil veranderen)\n")
    }

    @Test(arguments: [
        (Value.bool(true), "ja"), (.bool(false), ""), (.none, ""), (.text("x"), "ja"), (.text(""), ""),
        (.number(0), "ja"), (.record([:]), ""), (.record(["a": .none]), "ja")
    ])
    func sectionOverASingleValueRendersOnceWhenTruthy(_ value: Value, _ expected: String) {
        #expect(Self.render("{#x}ja{/x}", ["x": value]) == expected)
    }

    @Test(arguments: [
        (Value.list([]), "geen"), (.list([.text("a")]), ""), (.none, "geen"), (.bool(false), "geen"), (.bool(true), "")
    ])
    func invertedSection(_ value: Value, _ expected: String) {
        #expect(Self.render("{^x}geen{/x}", ["x": value]) == expected)
    }

    @Test func invertedSectionForAMissingVariable() {
        #expect(Self.render("{^x}geen{/x}{#x}wel{/x}") == "geen")
    }

    // MARK: - Relabelling and includes

    @Test func relabelledOption() {
        #expect(Self.render("{lg}: {lg:uitleg}", ["lg": Self.geld]) == "Geld: genoeg geld, overzicht, rekeningen, schulden.")
        #expect(Self.render("{lg}: {lg:uitleg}", ["lg": Self.wonen], .en) == "Housing: your home: safe, affordable and suitable.")
    }

    @Test func relabelledTextKeyAndMissingValue() {
        #expect(Self.render("{lg:uitleg}", ["lg": .text("werk")]) == "betaald werk, vrijwilligerswerk, school of cursus.")
        #expect(Self.render("[{lg:uitleg}]") == "[]")
        #expect(Self.render("[{lg:uitleg}]", ["lg": .none]) == "[]")
    }

    @Test func includeRendersAnotherTextWithTheSameVariables() {
        let text = Self.render("A {>deel} B", ["naam": .text("Ans")], more: ["deel": "[{naam}]"])
        #expect(text == "A [Ans] B")
    }

    @Test func includeInsideASectionSeesTheItem() {
        let text = Self.render("{#items}{>item}{/items}", ["items": .list([.text("a"), .text("b")])], more: ["item": "<{.}>"])
        #expect(text == "<a><b>")
    }

    @Test func includeOfTheDefaultTexts() {
        let vars: [String: Value] = [
            "plan": .list([
                .record([
                    "text": .text("Een huis zonder schimmel"),
                    "acties": .list([
                        .record([
                            "what": .text("Bellen"), "who": .option(list: "wie_zelf", key: "zelf"),
                            "due": .date(LocalDate(year: 2026, month: 12, day: 15), LocalTime(hour: 14, minute: 30))
                        ])
                    ])
                ])
            ])
        ]
        #expect(
            Self.render("{>spiegel.m3}", vars)
                == "Je plan:\n1. Een huis zonder schimmel\n- Bellen. Wie: Ikzelf. Wanneer: di 15 december, 14:30\n")
        #expect(
            Self.render("{>spiegel.m3}", vars, .en)
                == "Your plan:\n1. Een huis zonder schimmel\n- Bellen. Who: Me. When: Tue 15 December, 14:30\n")
    }

    @Test func includeCycleStops() {
        let text = Self.render("start {>a}", more: ["a": "A{>b}", "b": "B{>a}"])
        #expect(text.hasPrefix("start ABAB"))
        #expect(text.count < 40)
        #expect(!text.contains("{"), "template syntax must never reach the inwoner: \(text)")
    }

    @Test func includeOfItself() {
        let text = Self.render("x{>test}")
        #expect(text.hasPrefix("xxxx"))
        #expect(!text.contains("{"), "template syntax must never reach the inwoner: \(text)")
    }

    @Test func includeOfAnUnknownText() {
        #expect(Self.render("A {>bestaat.niet} B") == "A [bestaat.niet] B")
    }

    @Test func extraVariablesWin() {
        var catalog = Catalog()
        catalog.entries["t"] = Catalog.Entry(texts: [.nl: "{a} {b}"], file: "t", line: 1)
        let renderer = Renderer(catalog: catalog, language: .en)
        #expect(renderer.render("t", vars: ["a": .text("1"), "b": .text("2")], extra: ["b": .text("3")]) == "1 3")
        #expect(renderer.render("onbekend", vars: [:]) == "[onbekend]")
    }

    // MARK: - Broken templates

    @Test(arguments: ["{x", "{#a}x", "{/a}", "{#a}x{/b}", "{a b}", "{}", "x}{y", "{#a}{#b}{/a}{/b}"])
    func brokenTemplateThrows(_ text: String) {
        #expect(throws: PathError.self) { try Template(text) }
    }

    @Test func brokenTemplateIsShownAsWritten() {
        #expect(Self.render("Hallo {naam", ["naam": .text("Ans")]) == "Hallo {naam")
    }

    @Test func closingBraceAloneIsText() throws {
        let template = try Template("a } b")
        #expect(template.render(Scope(root: [:]), { _ in "" }) == "a } b")
    }

    @Test func templateListsItsPathsAndIncludes() throws {
        let template = try Template("{a} {#b}{c.d}{>t.x}{^e}{>t.y}{/e}{/b}{f:uitleg}{@n}")
        #expect(template.paths.map(\.description) == ["a", "b", "c.d", "e", "f"])
        #expect(template.includes == ["t.x", "t.y"])
    }

    // MARK: - Conditions

    static let x = path("x")

    @Test(arguments: [
        ("x", Condition.truthy(x)),
        ("  x  ", .truthy(x)),
        ("not x", .not(.truthy(x))),
        ("empty x", .not(.truthy(x))),
        ("not not x", .not(.not(.truthy(x)))),
        ("x == y", .compare(x, .equal, .text("y"))),
        ("x == 'y z'", .compare(x, .equal, .text("y z"))),
        ("x != \"y\"", .compare(x, .notEqual, .text("y"))),
        ("x >= 7", .compare(x, .atLeast, .number(7))),
        ("x <= -1", .compare(x, .atMost, .number(-1))),
        ("x > 7", .compare(x, .greater, .number(7))),
        ("x < 7", .compare(x, .less, .number(7))),
        ("x == true", .compare(x, .equal, .bool(true))),
        ("x == none", .compare(x, .equal, .none)),
        ("score[lg] >= 7", .compare(path("score[lg]"), .atLeast, .number(7))),
        ("a and b", .all([.truthy(path("a")), .truthy(path("b"))])),
        ("a or b", .any([.truthy(path("a")), .truthy(path("b"))])),
        ("a and b and c", .all([.truthy(path("a")), .truthy(path("b")), .truthy(path("c"))])),
        ("a or b and c", .any([.truthy(path("a")), .all([.truthy(path("b")), .truthy(path("c"))])])),
        ("a and b or c", .any([.all([.truthy(path("a")), .truthy(path("b"))]), .truthy(path("c"))])),
        ("not a and empty b", .all([.not(.truthy(path("a"))), .not(.truthy(path("b")))])),
        ("x >= 7 or not y", .any([.compare(x, .atLeast, .number(7)), .not(.truthy(path("y")))]))
    ])
    func conditionParsing(_ text: String, _ expected: Condition) throws {
        #expect(try Condition(parsing: text) == expected)
    }

    @Test(arguments: ["", "x ==", "a and", "a or", "x >= 7 and y[", "not"])
    func conditionParsingErrors(_ text: String) {
        if text == "not" {
            // "not" alone is the variable "not", not an error.
            #expect((try? Condition(parsing: text)) == .truthy(Self.path("not")))
        } else {
            #expect(throws: PathError.self) { try Condition(parsing: text) }
        }
    }

    @Test(
        arguments: [
            ("x >= 7", ["x": Value.number(7)], true),
            ("x >= 7", ["x": .number(6)], false),
            ("x >= 7", ["x": .text("7")], false),
            ("x >= 7", [:], false),
            ("x < 7", ["x": .number(6)], true),
            ("x == geld", ["x": geld], true),
            ("x == geld", ["x": wonen], false),
            ("x != geld", ["x": wonen], true),
            ("x == 'Ans'", ["x": .text("Ans")], true),
            ("x == true", ["x": .bool(true)], true),
            ("x == none", [:], true),
            ("x", ["x": .text("")], false),
            ("not x", [:], true),
            ("not x", ["x": .bool(true)], false),
            ("empty x", ["x": .list([])], true),
            ("empty x", ["x": .list([.none])], false),
            ("a and b", ["a": .bool(true), "b": .bool(true)], true),
            ("a and b", ["a": .bool(true), "b": .bool(false)], false),
            ("a or b", ["a": .bool(false), "b": .number(0)], true),
            ("a or b", [:], false),
            ("score[lg] >= 7", ["score": .record(["geld": .number(8)]), "lg": geld], true),
            ("score[lg] >= 7", ["score": .record(["geld": .number(8)]), "lg": wonen], false),
            ("actie.wie.phone", ["actie": .record(["wie": .record(["phone": .text("+31612345678")])])], true),
            ("actie.wie.phone", ["actie": .record(["wie": .option(list: "wie_zelf", key: "zelf")])], false)
        ] as [(String, [String: Value], Bool)])
    func conditionHolds(_ text: String, _ vars: [String: Value], _ expected: Bool) throws {
        #expect(try Condition(parsing: text).holds(in: Scope(root: vars)) == expected)
    }

    // MARK: - Paths

    @Test func pathSegments() throws {
        #expect(try Path(parsing: "score").segments == [.name("score")])
        #expect(try Path(parsing: "sterk.ben").segments == [.name("sterk"), .name("ben")])
        #expect(try Path(parsing: "score[lg]").segments == [.indexed("score", Self.path("lg"))])
        #expect(try Path(parsing: "cijfer[.]").segments == [.indexed("cijfer", Self.path("."))])
        #expect(try Path(parsing: "a[b[c]].d").segments == [.indexed("a", Self.path("b[c]")), .name("d")])
        #expect(try Path(parsing: ".").segments == [.current])
        #expect(try Path(parsing: "doel_n.m-1").segments == [.name("doel_n"), .name("m-1")])
        #expect(try Path(parsing: "  x.y ").description == "x.y")
    }

    @Test func pathRoot() throws {
        #expect(try Path(parsing: "score[lg].x").root == "score")
        #expect(try Path(parsing: "sterk.ben").root == "sterk")
        #expect(try Path(parsing: ".").root == nil)
    }

    @Test(arguments: [
        ("", "empty path"),
        ("   ", "empty path"),
        ("a..b", "empty segment"),
        (".a", "empty segment"),
        ("[x]", "empty segment"),
        ("a.", "ends with '.'"),
        ("score[lg", "missing ]"),
        ("a[b[c]", "missing ]"),
        ("a b", "unexpected character ' '"),
        ("a$b", "unexpected character '$'"),
        ("a]", "unexpected character ']'"),
        ("a[b]c", "expected '.'"),
        ("a[]", "empty path")
    ])
    func pathErrors(_ text: String, _ reason: String) {
        #expect(throws: PathError.self) { try Path(parsing: text) }
        do {
            _ = try Path(parsing: text)
        } catch {
            #expect(error.reason == reason)
            if reason != "empty path" || !text.contains("[") {
                #expect(error.description == "invalid path '\(text)': \(reason)")
            }
        }
    }
}
