import Foundation
import GRDB

/// Runs the built `wegwijzer` binary, as a user would.
struct BinaryRunner {
    static var path: String {
        if let bin = ProcessInfo.processInfo.environment["WEGWIJZER_BIN"] { return bin }
        return Fixtures.root.appendingPathComponent(".build/debug/wegwijzer").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A child that exits early must fail the test, not kill the test runner with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts a chat, feeds it `lines`, and kills it (SIGKILL) once `after` inbound messages are stored.
    static func chatKilled(_ arguments: [String], lines: [String], after: Int, database: String) throws {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for line in lines.prefix(after) { try? stdin.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }
        // Wait until the chat has applied what it was given (bounded), then kill it mid-stream.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? inboundCount(database)) ?? 0 < after { usleep(20_000) }
        if let next = lines.dropFirst(after).first { try? stdin.fileHandleForWriting.write(contentsOf: Data((next + "\n").utf8)) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Counts stored inbound messages through a read-only connection (no migration, no write lock).
    static func inboundCount(_ database: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: database) else { return 0 }
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: database, configuration: config)
        return try queue.read { db in
            guard try db.tableExists("message") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") ?? 0
        }
    }
}
