import Dialog
import Foundation

/// The default flows as shipped, read from the source tree.
enum DefaultFlows {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Dialog/Flows")

    static func files(in directory: URL = directory) throws -> [(name: String, contents: String)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { $0.hasSuffix(".yaml") }
            .map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    static let library: FlowLibrary = {
        do { return try FlowLibrary(files: try files()) } catch { fatalError("default flows do not load: \(error)") }
    }()

    static var engine: Engine { library.engine()! }
}
