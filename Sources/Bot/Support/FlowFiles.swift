import Dialog
import Foundation

/// Reads a flow library from a directory (the shipped one by default).
enum FlowFiles {
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    static func load(directory: String?) throws -> FlowLibrary {
        guard let url = directory.map({ URL(fileURLWithPath: $0) }) ?? FlowLibrary.bundledDirectory else {
            throw LoadError(description: "the default flows are missing next to the program; pass --flows DIR")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw LoadError(description: "cannot read flow directory \(url.path)")
        }
        var files: [(name: String, contents: String)] = []
        for name in names {
            guard let contents = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) else {
                throw LoadError(description: "\(name): cannot read the file as UTF-8 text")
            }
            files.append((name, contents))
        }
        return try FlowLibrary(files: files)
    }
}
