import Foundation

/// The files a database lives in are for their owner only: they hold phone numbers, names and what
/// inwoners told, and no other local user (a web server's account, a shell user) needs to read them.
enum DatabaseFiles {
    static let ownerOnly: mode_t = 0o600

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Before opening `path`: creates it owner-only when it does not exist, so that nothing is ever
    /// written to a file others can read (the log and index files made beside it get the same mode),
    /// and takes group and other access off the file and its companions when they exist already.
    static func prepare(_ path: String) throws {
        guard !isSpecial(path) else { return }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, ownerOnly)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        close(fd)
        restrict(path)
    }

    /// Takes group and other access off the database file and the companions that exist.
    static func restrict(_ path: String) {
        guard !isSpecial(path) else { return }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            guard let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int,
                mode & 0o077 != 0
            else { continue }
            try? FileManager.default.setAttributes([.posixPermissions: mode & 0o700], ofItemAtPath: file)
        }
    }

    /// A new, empty, owner-only file; refuses to touch one that exists (a backup never overwrites).
    static func createNew(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it exists already; nothing was overwritten" : String(cString: strerror(errno))
            throw Failure(description: "cannot create \(path): \(reason)")
        }
        // The mode given to open() is narrowed by the umask, never widened: 0600 stays 0600 or less.
        fchmod(fd, ownerOnly)
        close(fd)
    }

    /// SQLite's names for databases that are not a file.
    private static func isSpecial(_ path: String) -> Bool {
        path.isEmpty || path == ":memory:" || path.hasPrefix("file:")
    }
}
