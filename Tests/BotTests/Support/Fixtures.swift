import Dialog
import Foundation
import GRDB

@testable import Bot

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let library = loadLibrary()

    /// A load of its own of the shipped flows (no buffer shared with `library`).
    static func loadLibrary() -> FlowLibrary {
        do { return try FlowFiles.load(directory: root.appendingPathComponent("Sources/Dialog/Flows").path) } catch {
            fatalError("default flows do not load: \(error)")
        }
    }

    /// The inputs of the full-intake golden transcript: all three modules.
    static var intake: [String] {
        let text =
            (try? String(contentsOf: root.appendingPathComponent("Tests/DialogTests/Transcripts/full-intake.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
    }

    static let start = ISO8601DateFormatter().date(from: "2026-11-23T10:00:00+01:00")!

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wegwijzer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Each storage test runs on an in-memory queue and on a WAL pool on disk.
    enum Storage: String, CaseIterable, CustomStringConvertible {
        case memory, disk
        var description: String { rawValue }

        func open() throws -> AppDatabase {
            switch self {
            case .memory: return try AppDatabase.inMemory()
            case .disk: return try AppDatabase.open(path: try Fixtures.temporaryDirectory().appendingPathComponent("db.sqlite").path)
            }
        }
    }

    static func message(_ text: String, id: String? = nil, phone: String = "+31612345678", at date: Date = start) -> InboundMessage {
        InboundMessage(channel: "sms", address: phone, phone: phone, providerID: id, text: text, receivedAt: date)
    }
}
