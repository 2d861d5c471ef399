/// What follows when an inwoner changes their own plan online (Mijn Wegwijzer). The method has the
/// inwoner and the professional keep the plan together: the professional sees every change as a
/// signal, and a network member whose step changed hears about it.
/// The inwoner made the change, so they get no message about it.
public enum OnlineRules {
    public enum Change: Sendable, Equatable {
        /// Marked done or partly done.
        case reported(done: Bool)
        case newDate
        /// A step of their own under a goal.
        case ownAction
        /// A leefgebied rated again.
        case rated
        /// A note for the professional.
        case note
        /// Asked to have their data erased (the professional decides).
        case erasureRequested
        /// Withdrew a consent.
        case consentWithdrawn
    }

    public struct After: Sendable, Equatable {
        /// The signal for the professional.
        public var signal: String
        /// What the network member who carries the step hears (nil: nothing).
        public var ownerNotice: String?
    }

    public static func after(_ change: Change) -> After {
        switch change {
        case .reported(let done):
            After(signal: "online_gewijzigd", ownerNotice: done ? "melding.web.afgesloten" : "melding.web.gewijzigd")
        case .newDate: After(signal: "online_gewijzigd", ownerNotice: "melding.web.gewijzigd")
        case .ownAction: After(signal: "online_gewijzigd", ownerNotice: nil)
        case .rated: After(signal: "online_cijfer", ownerNotice: nil)
        case .note: After(signal: "online_notitie", ownerNotice: nil)
        case .erasureRequested: After(signal: "wissen_gevraagd", ownerNotice: nil)
        case .consentWithdrawn: After(signal: "toestemming_ingetrokken", ownerNotice: nil)
        }
    }
}
