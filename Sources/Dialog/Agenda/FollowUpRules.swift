import Foundation

/// A question that waits for the inwoner ("Is het gelukt?", "Wie neemt het over?", a re-rating)
/// and gets no answer is asked once more after the set time; still nothing as long after that,
/// the conversation is closed so it no longer holds the next question, and for a step the
/// professional gets a signal. An answer at any point ends this.
public struct FollowUpRules: Sendable {
    /// The flows whose question is watched: an inwoner's questions that other follow-ups wait for.
    public static let watched: Set<String> = ["opvolging", "overnemen", "herwaardering"]
    /// Of those, the ones whose question left unanswered is a signal for the professional.
    public static let signalled: Set<String> = ["opvolging", "overnemen"]

    public enum Decision: Sendable, Equatable {
        /// The conversation ended: nothing to watch.
        case done(String)
        /// The person wrote in it meanwhile: look again then.
        case later(Date, String)
        /// Ask the waiting question once more, and look again at `then`.
        case askAgain(then: Date)
        /// Close the conversation, with a signal for the professional or without.
        case close(signal: Bool, note: String)
    }

    public let policy: SchedulePolicy

    public init(policy: SchedulePolicy) {
        self.policy = policy
    }

    /// When to look first, for a watched flow that started now.
    public func firstLook(flow: String, now: Date, window: SendWindow) -> Date? {
        Self.watched.contains(flow) ? policy.askAgain(after: now, window: window) : nil
    }

    /// - Parameters:
    ///   - waiting: the watched conversation still waits for an answer (same run, not finished).
    ///   - answered: its first question was answered (a later one is left open).
    ///   - lastActivity: the person's last message in it.
    public func decide(
        _ kind: JobKind, flow: String, waiting: Bool, answered: Bool, lastActivity: Date?, now: Date,
        window: SendWindow
    ) -> Decision {
        guard waiting else { return .done("the conversation ended") }
        let quietUntil = policy.askAgain(after: lastActivity ?? now, window: window)
        if quietUntil > now { return .later(quietUntil, "the person wrote in the conversation meanwhile") }
        switch (kind, answered) {
        case (.followupAgain, false):
            return .askAgain(then: policy.askAgain(after: now, window: window))
        case (_, false):
            let signal = Self.signalled.contains(flow)
            return .close(signal: signal, note: "unanswered: \(signal ? "signal raised, " : "")conversation closed")
        default:
            // The question was answered and a later one was left open: no signal, but it holds the person no longer.
            return .close(signal: false, note: "answered, then left open: conversation closed")
        }
    }
}
