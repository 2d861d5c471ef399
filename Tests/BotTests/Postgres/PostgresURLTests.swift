import Foundation
import Testing

@testable import Bot

/// The PostgreSQL URL and where its password comes from; no server needed.
struct PostgresURLTests {
    @Test func aFullURLReadsBackPart() throws {
        let url = try PostgresURL("postgres://wegwijzer@db.example.nl:6432/wegwijzer?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem")
        #expect(url.user == "wegwijzer")
        #expect(url.host == "db.example.nl")
        #expect(url.port == 6432)
        #expect(url.database == "wegwijzer")
        #expect(url.sslMode == .verifyFull)
        #expect(url.rootCertificate == "/etc/ssl/ca.pem")
        #expect(url.description == "postgres://wegwijzer@db.example.nl:6432/wegwijzer?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem")
    }

    @Test func postgresqlSchemeDefaultPortAndSSLModes() throws {
        let url = try PostgresURL("postgresql://anna@db.example.nl/zorg?sslmode=require")
        #expect(url.port == 5432)
        #expect(url.sslMode == .require)
        #expect(try PostgresURL("postgres://anna@db.example.nl/zorg?sslmode=disable").sslMode == .disable)
        #expect(try PostgresURL("postgres://anna@[::1]:5433/zorg").host == "::1")
        #expect(try PostgresURL("postgres://anna@[::1]:5433/zorg").description == "postgres://anna@[::1]:5433/zorg?sslmode=disable")
    }

    /// A database across a network is reached over checked TLS unless the URL says otherwise.
    @Test func withoutSSLModeOnlyLoopbackGoesUnencrypted() throws {
        #expect(try PostgresURL("postgres://a@127.0.0.1:5432/d").sslMode == .disable)
        #expect(try PostgresURL("postgres://a@localhost/d").sslMode == .disable)
        #expect(try PostgresURL("postgres://a@10.0.0.5/d").sslMode == .verifyFull)
    }

    @Test func aPasswordInTheURLIsRefusedWithoutBeingEchoed() throws {
        for text in ["postgres://anna:Geheim123@db.example.nl/zorg", "postgres://anna@db.example.nl/zorg?password=Geheim123"] {
            let error = #expect(throws: PostgresURL.Problem.self) { try PostgresURL(text) }
            #expect(error == .passwordInURL)
            #expect(error?.description.contains("Geheim123") == false)
            #expect(error?.description.contains("PGPASSWORD") == true)
        }
    }

    @Test(arguments: [
        ("mysql://a@h/d", PostgresURL.Problem.notPostgres),
        ("postgres://h:5432/d", .missingUser),
        ("postgres://a@h:5432", .missingDatabase),
        ("postgres://a@h:5432/", .missingDatabase),
        ("postgres://a@h:0/d", .badPort),
        ("postgres://a@h/d?sslmode=prefer", .badSSLMode),
        ("postgres://a@h/d?sslmode=verify-full&sslrootcert=", .emptyRootCertificate),
        ("postgres://a@h/d?sslmode=require&sslrootcert=/ca.pem", .rootCertificateWithoutVerify),
        ("postgres://a@h/d?sslmod=require", .unknownParameter("sslmod"))
    ])
    func badURLsAreRefusedClearly(text: String, problem: PostgresURL.Problem) throws {
        #expect(throws: problem) { try PostgresURL(text) }
    }

    @Test func theDescriptionIsSafeToLog() throws {
        let url = try PostgresURL("postgres://anna@db.example.nl:5432/zorg?sslmode=require")
        #expect(!url.description.contains(":@"))
        #expect(url.with(database: "postgres").description == "postgres://anna@db.example.nl:5432/postgres?sslmode=require")
        #expect(PostgresURL.looksLikeURL("postgresql://a@h/d"))
        #expect(!PostgresURL.looksLikeURL("/var/lib/wegwijzer/wegwijzer.sqlite"))
    }

    @Test func pgpasswordComesFirst() throws {
        let url = try PostgresURL("postgres://anna@db.example.nl/zorg")
        let file = try passFile("db.example.nl:5432:zorg:anna:uit-het-bestand\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(
            try PostgresPassword.find(for: url, environment: ["PGPASSWORD": "uit-de-omgeving", "PGPASSFILE": file]) == "uit-de-omgeving")
        #expect(try PostgresPassword.find(for: url, environment: ["PGPASSWORD": "", "PGPASSFILE": file]) == "uit-het-bestand")
    }

    @Test func thePasswordFileIsPGPASSFILEElseHomeDotPgpass() throws {
        let url = try PostgresURL("postgres://anna@db.example.nl/zorg")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try PostgresPassword.find(for: url, environment: ["HOME": home]) == nil)
        let path = home + "/.pgpass"
        #expect(
            FileManager.default.createFile(atPath: path, contents: Data("*:*:*:anna:thuis\n".utf8), attributes: [.posixPermissions: 0o600]))
        #expect(try PostgresPassword.find(for: url, environment: ["HOME": home]) == "thuis")
        #expect(try PostgresPassword.find(for: url, environment: [:]) == nil)
    }

    @Test func aPasswordFileOthersCanReadIsRefused() throws {
        let url = try PostgresURL("postgres://anna@db.example.nl/zorg")
        let file = try passFile("*:*:*:*:geheim\n", permissions: 0o644)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: PostgresPassword.Problem.self) {
            try PostgresPassword.find(for: url, environment: ["PGPASSFILE": file])
        }
        #expect(error?.description.contains("chmod 600") == true)
        #expect(error?.description.contains("geheim") == false)
    }

    @Test func pgpassLinesMatchWithWildcardsAndEscapes() throws {
        let file = PgPassFile(
            """
            # host:port:database:user:password
            db.example.nl:5432:zorg:anna:eerste
            db.example.nl:*:zorg:anna:tweede
            *:*:*:bert:met\\:dubbele\\\\punt:en rest
            other\\:host:5432:*:*:escaped
            too:few:fields
            *:*:*:*:laatste
            """)
        #expect(file.password(host: "db.example.nl", port: 5432, database: "zorg", user: "anna") == "eerste")
        #expect(file.password(host: "db.example.nl", port: 6432, database: "zorg", user: "anna") == "tweede")
        #expect(file.password(host: "x", port: 1, database: "y", user: "bert") == "met:dubbele\\punt:en rest")
        #expect(file.password(host: "other:host", port: 5432, database: "d", user: "u") == "escaped")
        #expect(file.password(host: "elders", port: 5432, database: "zorg", user: "anna") == "laatste")
        #expect(file.entries.count == 5)
    }

    private func passFile(_ contents: String, permissions: Int = 0o600) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: permissions]))
        return path
    }
}
