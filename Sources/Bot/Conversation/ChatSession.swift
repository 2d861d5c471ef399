import Dialog
import Foundation
import GRDB

/// The stdin channel: lines in, replies out, through the same store and outbox as every channel.
struct ChatSession {
    let service: ConversationService
    let clock: WallClock
    let phone: String?
    let language: Language?
    let session: String?
    let transcriptPath: String?

    static let channel = "stdin"
    var address: String { phone ?? "local" }

    func run(readLine: () -> String?, write: (String) -> Void) throws {
        let database = service.database
        let personID = try database.write { db in
            let id = try PersonStore.findOrCreate(channel: Self.channel, address: address, phone: phone, at: clock.now(), in: db)
            if let language, try !ConversationStore.exists(personID: id, in: db) {
                try PersonStore.setLanguage(language, personID: id, in: db)
            }
            return id
        }
        // Replies committed before a crash but never shown go out first.
        try deliver(try database.read { db in try OutboxStore.pending(channel: Self.channel, personID: personID, in: db) }, write)

        var transcript: String?
        var lastTime: Date?
        var lineNumber = 0
        while let line = readLine() {
            lineNumber += 1
            let now = clock.now()
            let message = InboundMessage(
                channel: Self.channel, address: address, phone: phone,
                providerID: session.map { "\($0):\(lineNumber)" }, text: line, receivedAt: now)
            let result = try service.handle(message)
            guard case .applied(_, let outputs, let replies) = result else { continue }
            try deliver(replies, write)
            if let transcriptPath {
                if transcript == nil {
                    let lang = language ?? .nl
                    transcript = Transcript(flow: service.engine.flow.id, start: now, language: lang).header
                }
                if let lastTime, now.timeIntervalSince(lastTime) >= 60 {
                    transcript! += "@ +\(Int(now.timeIntervalSince(lastTime) / 60))m\n"
                }
                transcript! += line.isEmpty ? ">\n" : "> \(line)\n"
                transcript! += Transcript.render(outputs)
                try transcript!.write(toFile: transcriptPath, atomically: true, encoding: .utf8)
            }
            lastTime = now
        }
    }

    private func deliver(_ messages: [OutgoingMessage], _ write: (String) -> Void) throws {
        guard !messages.isEmpty else { return }
        for message in messages { write(message.text + "\n") }
        try service.database.write { db in try OutboxStore.markSent(messages.map(\.outboxID), at: clock.now(), in: db) }
    }
}
