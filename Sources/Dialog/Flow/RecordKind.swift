/// The records a flow may emit for `Bot` to store, with the fields each must have.
public enum RecordKind: String, Sendable, CaseIterable {
    case consent, score, strength, network, wish, goal, action, spiegelblad
    /// Care given or received (`mantelzorg` in the flows), with who and whether check-ins are wanted.
    case carerLink = "mantelzorg"
    /// A change to an agreed action: status, result, new date, new owner, how much it helped.
    case actionUpdate = "action_update"
    /// A network member's answer to the invitation for an action.
    case networkReply = "network_reply"
    /// Something the professional should act on (asked for contact, ...).
    case attention
    /// How the inwoner wants to be called.
    case profile
    /// A mantelzorger's own consent to check-ins.
    case carerConsent = "carer_consent"
    /// The quick 0-10 check-in of a mantelzorger.
    case checkin
    /// The answers to a questionnaire (an instrument such as the CSI).
    case instrument
    /// A hulpbron of a wish: what the inwoner has (`have: true`) or lacks, in their words, with
    /// its kinds (information, things, money, people).
    case resource
    /// "Hier wil ik over praten": a leefgebied the inwoner wants to talk about with the professional.
    case talk
    /// The inwoner invites a network member (by the flow's local id) to give their own view.
    case omgevingInvite = "omgeving_invite"
    /// The invited person's answer: their consent, and when given their scores, strengths and offer.
    case omgevingView = "omgeving_view"

    public var requiredFields: Set<String> {
        switch self {
        case .consent: ["purpose", "granted"]
        case .score: ["leefgebied", "score"]
        case .strength: ["kind", "text"]
        case .network: ["name"]
        case .wish: ["leefgebied"]
        case .goal: ["text", "rank"]
        case .action: ["goal", "what", "who"]
        case .carerLink: ["direction"]
        case .spiegelblad: ["module"]
        case .actionUpdate: ["action"]
        case .networkReply: ["action", "granted"]
        case .attention: ["kind"]
        case .profile: ["name"]
        case .carerConsent: ["granted"]
        case .checkin: ["score"]
        case .instrument: ["instrument", "answers"]
        case .resource: ["wish", "text", "have"]
        case .talk: ["leefgebied"]
        case .omgevingInvite: ["member", "share"]
        case .omgevingView: ["invitation", "granted"]
        }
    }
}
