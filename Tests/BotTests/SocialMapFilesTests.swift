import Dialog
import Foundation
import Testing

@testable import Bot

/// `voorzieningen.yaml` is optional for a deployment: a flows directory without it loads with an
/// empty sociale kaart, and one with it loads the gemeente's voorzieningen.
struct SocialMapFilesTests {
    static func copyOfTheShippedFlows(without excluded: String? = nil) throws -> URL {
        let directory = try Fixtures.temporaryDirectory()
        let source = Fixtures.root.appendingPathComponent("Sources/Dialog/Flows")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name != excluded {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return directory
    }

    @Test func aDirectoryWithoutTheFileHasAnEmptyMap() throws {
        let directory = try Self.copyOfTheShippedFlows(without: SocialMap.fileName)
        defer { try? FileManager.default.removeItem(at: directory) }
        let library = try FlowFiles.load(directory: directory.path)
        #expect(library.socialMap.isEmpty)
        #expect(library.flows[FlowLibrary.mainFlowID] != nil)
        #expect(FlowChecker.check(library).isEmpty)
    }

    @Test func aBrokenFileInTheDirectoryNamesFileAndLine() throws {
        let directory = try Self.copyOfTheShippedFlows()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(SocialMap.fileName)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(FlowChecker.check(try FlowFiles.load(directory: directory.path)).isEmpty)
        #expect(try FlowFiles.load(directory: directory.path).socialMap.voorzieningen.count >= 8)
        let broken = text.replacingOccurrences(of: "    gratis: true\n", with: "    gratis: misschien\n")
        #expect(broken != text)
        try broken.write(to: url, atomically: true, encoding: .utf8)
        let firstLine = (broken.components(separatedBy: "\n").firstIndex { $0.contains("gratis: misschien") } ?? -1) + 1
        do {
            _ = try FlowFiles.load(directory: directory.path)
            Issue.record("a non-boolean 'gratis' was accepted")
        } catch {
            #expect("\(error)".hasPrefix("\(SocialMap.fileName):\(firstLine): voorziening '"), "\(error)")
            #expect("\(error)".hasSuffix("'gratis' is true or false, not 'misschien'"), "\(error)")
        }
    }
}
