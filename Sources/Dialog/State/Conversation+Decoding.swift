import Foundation

extension Conversation {
    enum CodingKeys: String, CodingKey {
        case stateVersion, flowID, flowVersion, language, node, frames, vars, tries, history, module, answeredInModule,
            optedOut, paused, finished, pending, partTotal, afterCrisis, nextID, lastActivity
    }

    /// `StateJSONReader` reads the same without `JSONDecoder` (`Conversation.decode`): change both together.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            flowID: try c.decode(String.self, forKey: .flowID), flowVersion: try c.decode(Int.self, forKey: .flowVersion),
            language: try c.decode(Language.self, forKey: .language))
        stateVersion = try c.decode(Int.self, forKey: .stateVersion)
        node = try c.decodeIfPresent(String.self, forKey: .node)
        frames = try c.decode([LoopFrame].self, forKey: .frames)
        vars = try c.decode([String: Value].self, forKey: .vars)
        tries = try c.decode(Int.self, forKey: .tries)
        history = StoredCheckpoint.resolve(try c.decode([StoredCheckpoint].self, forKey: .history), vars: vars, frames: frames)
        module = try c.decodeIfPresent(String.self, forKey: .module)
        answeredInModule = try c.decode(Int.self, forKey: .answeredInModule)
        optedOut = try c.decode(Bool.self, forKey: .optedOut)
        paused = try c.decode(Bool.self, forKey: .paused)
        finished = try c.decode(Bool.self, forKey: .finished)
        pending = try c.decodeIfPresent(Value.self, forKey: .pending)
        partTotal = try c.decodeIfPresent(Int.self, forKey: .partTotal)
        afterCrisis = try c.decodeIfPresent(Bool.self, forKey: .afterCrisis) ?? false
        nextID = try c.decode(Int.self, forKey: .nextID)
        lastActivity = try c.decodeIfPresent(Date.self, forKey: .lastActivity)
    }
}

/// A TERUG checkpoint as stored: only the variables that differ from the checkpoint after it
/// (`set`, and `unset` for those it did not have yet), the newest compared with the state itself,
/// and its loop frames only when they differ. Ten checkpoints of a long conversation are then a
/// kilobyte instead of ten copies of every answer. A whole `vars` (state version 1, or the
/// synthesized `Encodable`) is read as well.
struct StoredCheckpoint: Decodable {
    var node: String
    var frames: [LoopFrame]?
    var module: String?
    var answeredInModule: Int
    var vars: [String: Value]?
    var set: [String: Value]?
    var unset: [String]?
    var nextID: Int

    /// Rebuilt from the newest back, starting from the state's own variables and frames.
    static func resolve(_ stored: [StoredCheckpoint], vars current: [String: Value], frames currentFrames: [LoopFrame]) -> [Checkpoint] {
        var history: [Checkpoint] = []
        history.reserveCapacity(stored.count)
        var nextVars = current
        var nextFrames = currentFrames
        for s in stored.reversed() {
            var vars = s.vars ?? nextVars
            if s.vars == nil {
                for key in s.unset ?? [] { vars[key] = nil }
                for (key, value) in s.set ?? [:] { vars[key] = value }
            }
            let frames = s.frames ?? nextFrames
            history.append(
                Checkpoint(
                    node: s.node, frames: frames, module: s.module, answeredInModule: s.answeredInModule,
                    vars: vars, nextID: s.nextID))
            nextVars = vars
            nextFrames = frames
        }
        return history.reversed()
    }
}
