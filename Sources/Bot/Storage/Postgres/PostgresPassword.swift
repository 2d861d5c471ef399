import Foundation

/// Where the password for a `PostgresURL` comes from, as libpq finds it: `PGPASSWORD`, else the
/// first matching line of the password file (`PGPASSFILE`, else `~/.pgpass`), else none (trust or
/// certificate authentication). Never from the URL or argv, which other users of the machine can
/// read in `ps`.
enum PostgresPassword {
    static func find(for url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path: String
        if let file = environment["PGPASSFILE"], !file.isEmpty {
            path = file
        } else if let home = environment["HOME"], !home.isEmpty {
            path = (home as NSString).appendingPathComponent(".pgpass")
        } else {
            return nil
        }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // A password file others can read is refused, as libpq does, but loudly: libpq only warns
        // and goes on without it, which shows up later as a puzzling authentication failure.
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw Problem.fileReadableByOthers(path: path)
        }
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        return PgPassFile(contents).password(host: url.host, port: url.port, database: url.database, user: url.user)
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case fileReadableByOthers(path: String)

        var description: String {
            switch self {
            case .fileReadableByOthers(let path):
                "the password file \(path) can be read by others; make it private with chmod 600 \(path)"
            }
        }
    }
}
