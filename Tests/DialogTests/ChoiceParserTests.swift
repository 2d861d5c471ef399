import Dialog
import Testing

struct ChoiceParserTests {
    static let options = [
        ChoiceOption(labels: ["Geld", "Money"]),
        ChoiceOption(labels: ["Wonen", "Housing"]),
        ChoiceOption(labels: ["Werk en leren", "Work and learning"]),
        ChoiceOption(labels: ["Gezondheid", "Health"]),
        ChoiceOption(labels: ["Familie en vrienden", "Family and friends"]),
        ChoiceOption(labels: ["Vrije tijd", "Free time"])
    ]

    static let single: [(String, ChoiceParse)] = [
        ("2", .selected([1])), ("1", .selected([0])), ("6", .selected([5])), (" 3. ", .selected([2])),
        ("optie 4", .selected([3])), ("nr. 5", .selected([4])), ("(2)", .selected([1])),
        ("wonen", .selected([1])), ("Wonen", .selected([1])), ("wónen", .selected([1])), ("Geld!", .selected([0])),
        ("Werk en leren", .selected([2])),
        ("werk en leren", .selected([2])), ("Work and learning", .selected([2])), ("housing", .selected([1])),
        ("leren", .selected([2])), ("werk", .selected([2])), ("lere", .selected([2])), ("gezond", .selected([3])),
        ("fam", .selected([4])), ("tijd", .selected([5])), ("free time", .selected([5])), ("twee", .selected([1])),
        ("vri", .ambiguous([4, 5])),
        ("0", .invalid), ("7", .invalid), ("1 en 3", .invalid), ("1,3", .invalid), ("alles", .invalid),
        ("", .invalid), ("banaan", .invalid), ("en", .invalid), ("ge", .invalid)
    ]

    @Test(arguments: single)
    func singleChoice(input: String, expected: ChoiceParse) {
        #expect(ChoiceParser.parse(input, options: Self.options, multiple: false) == expected)
    }

    static let multiple: [(String, Int?, ChoiceParse)] = [
        ("2", nil, .selected([1])), ("1 en 3", nil, .selected([0, 2])), ("1,3", nil, .selected([0, 2])),
        ("1, 3 en 5", nil, .selected([0, 2, 4])), ("1 3", nil, .selected([0, 2])), ("1&3", nil, .selected([0, 2])),
        ("3 en 1", nil, .selected([2, 0])), ("1;2", nil, .selected([0, 1])), ("1 + 2", nil, .selected([0, 1])),
        ("geld en wonen", nil, .selected([0, 1])), ("wonen, geld", nil, .selected([1, 0])),
        ("money and housing", nil, .selected([0, 1])), ("geld wonen", nil, .selected([0, 1])),
        ("werk en leren", nil, .selected([2])), ("werk en leren en geld", nil, .selected([2, 0])),
        ("geld en werk en leren", nil, .selected([0, 2])), ("1 en werk", nil, .selected([0, 2])),
        ("1 en 1", nil, .selected([0])), ("2, wonen", nil, .selected([1])),
        ("alles", nil, .selected([0, 1, 2, 3, 4, 5])), ("allemaal", nil, .selected([0, 1, 2, 3, 4, 5])),
        ("all", nil, .selected([0, 1, 2, 3, 4, 5])),
        ("1 en 2", 2, .selected([0, 1])), ("1, 2 en 3", 2, .invalid), ("alles", 3, .invalid),
        ("1 en 9", nil, .invalid), ("1 en banaan", nil, .invalid), ("1 en vri", nil, .ambiguous([4, 5])),
        ("0,1", nil, .invalid), (",", nil, .invalid)
    ]

    @Test(arguments: multiple)
    func multipleChoice(input: String, maxCount: Int?, expected: ChoiceParse) {
        #expect(ChoiceParser.parse(input, options: Self.options, multiple: true, maxCount: maxCount) == expected)
    }
}
