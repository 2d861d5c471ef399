/// Recognises "I don't know" / "none" style answers in Dutch and English.
public enum UnknownAnswer {
    public static func matches(_ s: String) -> Bool {
        guard !AnswerText.isTooLongToParse(s) else { return false }
        var t = AnswerText.fold(s)
        while t.last == "?" || t.last == " " { t.removeLast() }
        if !t.isEmpty && t.allSatisfy({ $0 == "-" || $0 == "?" }) { return true }
        // Dots and apostrophes are dropped so "n.v.t.", "nvt", "don't" and "dont" share one entry.
        let key = String(t.filter { $0 != "." && $0 != "'" })
        return phrases.contains(key)
    }

    private static let phrases: Set<String> = [
        // Dutch
        "weet ik niet", "weet niet", "ik weet het niet", "ik weet niet", "weet ik veel",
        "geen idee", "geen flauw idee", "geen", "niemand", "niks", "niets", "nvt",
        "niet van toepassing", "onbekend", "geen antwoord",
        // English
        "i dont know", "dont know", "i do not know", "do not know", "idk", "dunno",
        "none", "nobody", "no one", "noone", "nothing", "no idea", "not applicable",
        "n/a", "unknown",
    ]
}
