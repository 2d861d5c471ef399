import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store lives: `postgres://USER@HOST:PORT/DB?sslmode=…&sslrootcert=PATH`
/// (`postgresql://` too).
///
/// The URL never carries the password: URLs end up in argv (visible in `ps` to every user of the
/// machine), in unit files and in log lines. The password comes from `PGPASSWORD` or a
/// `.pgpass`-style file (`PostgresPassword`), and a URL with one in it is refused. So nothing this
/// type holds or prints is secret.
///
/// `sslmode` is `disable`, `require` (encrypted, the server's certificate not checked) or
/// `verify-full` (encrypted, the certificate checked against `sslrootcert`, else the system's
/// roots, and its name against the host). Without `sslmode` a loopback host gets `disable` and any
/// other host `verify-full`: a database across a network is reached only over checked TLS unless
/// the URL says otherwise.
struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    enum SSLMode: String, Sendable {
        case disable
        case require
        case verifyFull = "verify-full"
    }

    var user: String
    var host: String
    var port: Int
    var database: String
    var sslMode: SSLMode
    /// A CA certificate file (PEM) for `verify-full`.
    var rootCertificate: String?

    init(_ text: String) throws(Problem) {
        // Checked before parsing, so that no later error can quote a URL that holds a password.
        guard let components = URLComponents(string: text) else { throw .unreadable }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw .notPostgres
        }
        if components.password != nil { throw .passwordInURL }
        guard let user = components.user, !user.isEmpty else { throw .missingUser }
        guard var host = components.host, !host.isEmpty else { throw .missingHost }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .badPort }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .missingDatabase }

        var sslMode: SSLMode?
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else { throw .badSSLMode }
                sslMode = mode
            case "password":
                throw .passwordInURL
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw .emptyRootCertificate }
                rootCertificate = path
            default:
                throw .unknownParameter(item.name)
            }
        }
        let mode = sslMode ?? (Self.isLoopback(host) ? .disable : .verifyFull)
        if rootCertificate != nil, mode != .verifyFull { throw .rootCertificateWithoutVerify }

        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = mode
        self.rootCertificate = rootCertificate
    }

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    static func looksLikeURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var text = "postgres://\(user)@\(hostPart):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
        if let rootCertificate { text += "&sslrootcert=\(rootCertificate)" }
        return text
    }

    /// The same server, user and TLS settings, another database (tests make one per case; `db copy`
    /// and the admin steps reach `postgres` this way).
    func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The client configuration for this URL, with the password found beside it.
    func clientConfiguration(password: String?) throws -> PostgresClient.Configuration {
        PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: tlsConfiguration.map { .require($0) } ?? .disable)
    }

    /// The configuration of one connection (the store's own pool), with the password found beside it.
    func connectionConfiguration(password: String?) throws -> PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: try tlsConfiguration.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable)
    }

    /// TLS as `sslmode` asks for it; nil for `disable`.
    private var tlsConfiguration: TLSConfiguration? {
        switch sslMode {
        case .disable:
            return nil
        case .require:
            var config = TLSConfiguration.makeClientConfiguration()
            config.certificateVerification = .none
            return config
        case .verifyFull:
            var config = TLSConfiguration.makeClientConfiguration()
            config.certificateVerification = .fullVerification
            if let rootCertificate { config.trustRoots = .file(rootCertificate) }
            return config
        }
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Why a `--db` value is no usable PostgreSQL URL. No case quotes the URL: it may hold a password.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable
        case notPostgres
        case passwordInURL
        case missingUser
        case missingHost
        case badPort
        case missingDatabase
        case badSSLMode
        case emptyRootCertificate
        case rootCertificateWithoutVerify
        case unknownParameter(String)

        var description: String {
            switch self {
            case .unreadable: "the PostgreSQL URL cannot be read; the form is postgres://USER@HOST:PORT/DATABASE"
            case .notPostgres: "the URL must start with postgres:// or postgresql://"
            case .passwordInURL:
                "the PostgreSQL URL contains a password; take it out and give it in PGPASSWORD or a .pgpass file (PGPASSFILE)"
            case .missingUser: "the PostgreSQL URL names no user: postgres://USER@HOST:PORT/DATABASE"
            case .missingHost: "the PostgreSQL URL names no host: postgres://USER@HOST:PORT/DATABASE"
            case .badPort: "the PostgreSQL URL's port must be 1-65535"
            case .missingDatabase: "the PostgreSQL URL names no database: postgres://USER@HOST:PORT/DATABASE"
            case .badSSLMode: "sslmode must be disable, require or verify-full"
            case .emptyRootCertificate: "sslrootcert must name a CA certificate file"
            case .rootCertificateWithoutVerify: "sslrootcert is used only with sslmode=verify-full"
            case .unknownParameter(let name): "the PostgreSQL URL has an unknown parameter \(name) (known: sslmode, sslrootcert)"
            }
        }
    }
}
