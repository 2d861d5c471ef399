import Foundation

/// The method's rules for the omgeving's own view: when two views differ enough to talk about,
/// and when the inwoner is told that a view is in.
public enum OmgevingRules {
    /// Scores that differ by this much or more are marked "om over te praten" on spiegelblad 1.
    public static let talkAboutDifference = 3

    /// The flow the invited person gets.
    public static let flow = "omgeving"

    /// The message to the inwoner when a view is in. Nobody is told when someone said no: a no is
    /// the other person's own choice, and hearing it by text message could hurt.
    public static let notice = "omgeving.binnen"

    /// How long the inwoner has been quiet before the message may come during the intake.
    public static let quietBeforeNotice: TimeInterval = 3600

    /// Both scores known and `talkAboutDifference` or more apart.
    public static func worthTalkingAbout(own: Int?, other: Int?) -> Bool {
        guard let own, let other else { return false }
        return abs(own - other) >= talkAboutDifference
    }

    /// The inwoner hears a view is in only after the intake, or between messages: while they are
    /// answering the intake's questions, a message about someone else would cut through them and
    /// read as part of the questions. `lastInbound`: their latest message.
    public static func mayTell(intakeDone: Bool, lastInbound: Date?, now: Date) -> Bool {
        if intakeDone { return true }
        guard let lastInbound else { return true }
        return now.timeIntervalSince(lastInbound) >= quietBeforeNotice
    }
}
