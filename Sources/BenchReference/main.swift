// The reference for `scripts/bench`: the least a per-message webhook can do on the machine it runs on. It
// parses the same Twilio form, reads one row and writes two rows in one SQLite transaction (WAL,
// synchronous=FULL, like the product) and answers with TwiML. No signature check, no engine.
// `wegwijzer-reference gateway` is instead a fake SMS gateway that accepts Twilio's send API.
import Foundation
import GRDB
import Hummingbird

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: String) -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}
let port = Int(option("--port", "8090")) ?? 8090
let router = Router()

if arguments.dropFirst().first == "gateway" {
    // Twilio's Messages API answers 201 with the new message's sid.
    let counter = Counter()
    router.post("2010-04-01/Accounts/:account/Messages.json") { request, _ -> Response in
        _ = try await request.body.collect(upTo: 64 * 1024)
        let n = await counter.next()
        return Response(
            status: .created, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"sid": "SMfake\#(n)", "status": "queued"}"#)))
    }
    router.get("count") { _, _ in "\(await counter.value)" }
} else {
    var config = Configuration()
    config.busyMode = .timeout(5)
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let pool = try DatabasePool(path: option("--db", "reference.sqlite"), configuration: config)
    try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    try pool.write { db in
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS person (id INTEGER PRIMARY KEY, phone TEXT UNIQUE NOT NULL);
                CREATE TABLE IF NOT EXISTS message (id INTEGER PRIMARY KEY, personId INTEGER NOT NULL, direction TEXT NOT NULL,
                    providerId TEXT, text TEXT NOT NULL, createdAt TEXT NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS message_provider ON message(providerId) WHERE providerId IS NOT NULL;
                """)
    }
    router.post("webhooks/twilio") { request, _ -> Response in
        let body = try await request.body.collect(upTo: 64 * 1024)
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let from = fields["From"], let text = fields["Body"], let sid = fields["MessageSid"] else {
            throw HTTPError(.badRequest, message: "From, Body and MessageSid are required")
        }
        try await pool.write { db in
            // One row read (the person; made on first contact), two rows written (in and out).
            var id = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE phone = ?", arguments: [from])
            if id == nil {
                try db.execute(sql: "INSERT INTO person (phone) VALUES (?)", arguments: [from])
                id = try db.lastInsertedRowID
            }
            let now = Date()
            try db.execute(
                sql: "INSERT INTO message (personId, direction, providerId, text, createdAt) VALUES (?, 'in', ?, ?, ?)",
                arguments: [id, sid, text, now])
            try db.execute(
                sql: "INSERT INTO message (personId, direction, text, createdAt) VALUES (?, 'out', ?, ?)",
                arguments: [id, "ok", now])
        }
        return Response(
            status: .ok, headers: [.contentType: "text/xml"],
            body: .init(
                byteBuffer: ByteBuffer(string: #"<?xml version="1.0" encoding="UTF-8"?><Response><Message>ok</Message></Response>"#)))
    }
}

actor Counter {
    private(set) var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}

let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "reference"))
try await app.runService()
