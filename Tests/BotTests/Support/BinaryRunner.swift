import Foundation

/// Runs the built `wegwijzer` binary, as a user would.
struct BinaryRunner {
    static var path: String {
        if let bin = ProcessInfo.processInfo.environment["WEGWIJZER_BIN"] { return bin }
        return Fixtures.root.appendingPathComponent(".build/debug/wegwijzer").path
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts a chat, feeds it `lines`, and kills it (SIGKILL) once `after` inbound messages are stored.
    static func chatKilled(_ arguments: [String], lines: [String], after: Int, database: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for line in lines.prefix(after) { stdin.fileHandleForWriting.write(Data((line + "\n").utf8)) }
        // Wait until the chat has applied what it was given (bounded), then kill it mid-stream.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? inboundCount(database)) ?? 0 < after { usleep(20_000) }
        if let next = lines.dropFirst(after).first { stdin.fileHandleForWriting.write(Data((next + "\n").utf8)) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func inboundCount(_ database: String) throws -> Int {
        let result = try run(["export", "--db", database, "--phone", "0612345678"])
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let messages = json["messages"] as? [[String: Any]] else { return 0 }
        return messages.filter { $0["direction"] as? String == "in" }.count
    }
}
