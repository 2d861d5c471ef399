import Foundation

/// The conversation as it was when a question was asked, so TERUG can go back to it. The
/// variables go back too (a list appended to after that question is as it was), and so does the id
/// counter, so a record emitted again keeps its id and `Bot` updates it instead of adding one.
/// In memory each checkpoint is whole; stored, it is a difference from the one before (`StoredCheckpoint`).
public struct Checkpoint: Encodable, Sendable, Equatable {
    public var node: String
    public var frames: [LoopFrame]
    public var module: String?
    public var answeredInModule: Int
    public var vars: [String: Value]
    public var nextID: Int

    init(node: String, frames: [LoopFrame], module: String?, answeredInModule: Int, vars: [String: Value], nextID: Int) {
        self.node = node
        self.frames = frames
        self.module = module
        self.answeredInModule = answeredInModule
        self.vars = vars
        self.nextID = nextID
    }

    init(of state: Conversation, at node: String) {
        self.init(
            node: node, frames: state.frames, module: state.module, answeredInModule: state.answeredInModule,
            vars: state.vars, nextID: state.nextID)
    }

    func restore(into state: inout Conversation) {
        state.node = node
        state.frames = frames
        state.module = module
        state.answeredInModule = answeredInModule
        state.vars = vars
        state.nextID = nextID
        state.tries = 0
        state.pending = nil
    }
}
