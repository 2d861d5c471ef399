/// Typo tolerance for answers: a typed word counts as a known word when it is at most one edit
/// away (a letter added, dropped, changed, or two neighbours swapped) and the known word has at
/// least five letters. Shorter words differ in one letter too often ("geld" and "veld").
enum EditDistance {
    static let minimumLength = 5

    /// Whether `typed` may be read as `known`. Compares the UTF-8 bytes in place: this runs for
    /// every word of every message against the crisis phrases, so it must not allocate.
    static func isTypo(_ typed: String, of known: String) -> Bool {
        let a = typed.utf8.count
        let b = known.utf8.count
        guard b >= minimumLength, abs(a - b) <= 1 else { return false }
        var typed = typed
        var known = known
        return typed.withUTF8 { t in known.withUTF8 { k in withinOneEdit(t, k) && !t.elementsEqual(k) } }
    }

    /// Damerau-Levenshtein distance at most 1, in one pass.
    static func withinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if i == a.count || i == b.count { return abs(a.count - b.count) <= 1 }
        if a.count == b.count {
            // A changed letter, or two neighbours swapped.
            if a[(i + 1)...].elementsEqual(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...].elementsEqual(b[(i + 2)...])
        }
        // A letter added or dropped.
        return a.count > b.count ? a[(i + 1)...].elementsEqual(b[i...]) : a[i...].elementsEqual(b[(i + 1)...])
    }
}
