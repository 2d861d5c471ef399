/// The method's rules when a network member answers an invitation or stops: the inwoner is always
/// told, a refusal or a stop is a signal for the professional, and a stopped member's steps need
/// someone else, whom the inwoner chooses.
public enum NetworkRules {
    public struct AfterReply: Sendable, Equatable {
        /// The message to the inwoner.
        public var notice: String
        /// The action is planned anew (the member's reminders and follow-up).
        public var replan: Bool
        /// A signal for the professional.
        public var signal: String?
    }

    public static func replied(granted: Bool) -> AfterReply {
        granted
            ? AfterReply(notice: "melding.inwoner.ja", replan: true, signal: nil)
            : AfterReply(notice: "melding.inwoner.nee", replan: true, signal: "netwerk_geweigerd")
    }

    /// For each open step of a member who stopped: a signal, and the inwoner asked who takes it over.
    public static let stoppedSignal = "netwerk_gestopt"
    public static let takeOverFlow = "overnemen"

    /// The member reported on their step: what the inwoner hears (nil: nothing).
    public static func reported(done: Bool, newDate: Bool) -> String? {
        done ? "melding.inwoner.gedaan" : newDate ? "melding.inwoner.later" : nil
    }
}
