/// The lines of a `.pgpass`-style file: `host:port:database:user:password`, `*` in any of the first
/// four fields matching anything, `\:` and `\\` for a literal colon and backslash, `#` starting a
/// comment line. The first line that matches wins, as in libpq.
struct PgPassFile: Sendable {
    struct Entry: Sendable, Equatable {
        var host: String
        var port: String
        var database: String
        var user: String
        var password: String

        func matches(host: String, port: Int, database: String, user: String) -> Bool {
            Self.field(self.host, host) && Self.field(self.port, String(port)) && Self.field(self.database, database)
                && Self.field(self.user, user)
        }

        private static func field(_ pattern: String, _ value: String) -> Bool {
            pattern == "*" || pattern == value
        }
    }

    let entries: [Entry]

    init(_ contents: String) {
        entries = contents.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = Self.fields(of: line)
            // A line with fewer than five fields is skipped, as libpq skips it.
            guard fields.count >= 5 else { return nil }
            return Entry(host: fields[0], port: fields[1], database: fields[2], user: fields[3], password: fields[4])
        }
    }

    func password(host: String, port: Int, database: String, user: String) -> String? {
        entries.first { $0.matches(host: host, port: port, database: database, user: user) }?.password
    }

    /// Splits at unescaped colons; the fifth field (the password) runs to the end of the line,
    /// colons and all, once its escapes are undone.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
