/// The store's SQL is written with SQLite's placeholders; PostgreSQL numbers them (`$1`, `$2`, …).
/// Written by hand because no library translates between the two: PostgresNIO takes `$n`, and GRDB
/// only speaks SQLite. SQLite's rules: `?NNN` is argument NNN, and a bare `?` is one more than the
/// largest number so far. A `?` inside a string literal ('…'), a quoted name ("…") or a comment is
/// left alone.
enum PostgresPlaceholders {
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var largest = 0
        var quote: Character?
        var lineComment = false
        var previous: Character?
        var characters = sql.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            defer { previous = character }
            if lineComment {
                if character == "\n" { lineComment = false }
                result.append(character)
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                result.append(character)
            case "-" where previous == "-":
                lineComment = true
                result.append(character)
            case "?":
                var digits = ""
                while let next = pending, next.isASCII, next.isNumber {
                    digits.append(next)
                    pending = characters.next()
                }
                let number = Int(digits) ?? largest + 1
                largest = max(largest, number)
                result += "$\(number)"
            default:
                result.append(character)
            }
        }
        return result
    }
}
