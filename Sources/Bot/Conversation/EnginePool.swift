import Dialog
import Synchronization

/// Engines for the turns worked out beside the writer (`PreparedTurn`), one set per core, each set
/// made from its own load of the flow files. Reference counting makes one shared engine slow on
/// several cores: every turn retains and releases the same tables, and each core keeps stealing
/// the cache lines around those counts from the other. On 2 cores two threads on one engine replay
/// the intake at about 117,000 turns/s, on two engines of their own at about 155,000 (two separate
/// processes: 162,000). A set costs about 0.7 MiB.
///
/// A turn takes a free set and gives it back when its turn is worked out; when every set is in use
/// it takes the shared one, so nothing ever waits for a set.
final class EnginePool: Sendable {
    private let sets: [[String: Engine]]
    private let shared: [String: Engine]
    private let free: Mutex<[Int]>

    /// `libraries`: separate loads of the same flow files, one per set.
    init(shared: [String: Engine], libraries: [FlowLibrary]) {
        self.shared = shared
        sets = libraries.map(Self.engines(of:))
        free = Mutex(Array(sets.indices))
    }

    /// Every flow of the library by id.
    static func engines(of library: FlowLibrary) -> [String: Engine] {
        var engines: [String: Engine] = [:]
        for id in library.flows.keys { engines[id] = library.engine(id) }
        return engines
    }

    /// `body` with the engine of `flowID` from a set no other turn is using (nil for an unknown flow).
    func withEngine<T>(_ flowID: String, _ body: (Engine?) -> T) -> T {
        guard let taken = free.withLock({ $0.popLast() }) else { return body(shared[flowID]) }
        defer { free.withLock { $0.append(taken) } }
        return body(sets[taken][flowID])
    }
}
