import Foundation

/// The method's rules for a mantelzorger who agreed to check-ins: a quick question every few
/// weeks, the full questionnaire when the quick score calls for it, and when the professional is
/// told. Not validated as a rule set; the cut-off is the questionnaire's own.
public struct CarerRules: Sendable {
    /// A quick score this high, or a rise this large since the last one, calls for the questionnaire.
    public static let quickHigh = 7
    public static let quickRise = 2
    /// The full questionnaire comes back after this long even when nothing else asks for it.
    public static let questionnaireInterval: TimeInterval = 91 * 86400

    public let policy: SchedulePolicy

    public init(policy: SchedulePolicy) {
        self.policy = policy
    }

    /// What follows a quick score.
    public struct AfterQuickScore: Sendable, Equatable {
        /// The full questionnaire follows now.
        public var questionnaire: Bool
        /// The score rose three check-ins in a row: the professional hears, with the scores.
        public var rising: [Int]?
    }

    /// - Parameters:
    ///   - scores: the answered quick scores, newest first, this one included.
    ///   - lastQuestionnaire: when the full questionnaire was last answered.
    public func afterQuickScore(_ scores: [Int], lastQuestionnaire: Date?, now: Date) -> AfterQuickScore {
        guard let score = scores.first else { return AfterQuickScore(questionnaire: false, rising: nil) }
        let recent = Array(scores.prefix(4))
        let rising = recent.count == 4 && zip(recent, recent.dropFirst()).allSatisfy { $0 > $1 } ? Array(recent.reversed()) : nil
        let previous = scores.dropFirst().first
        let due =
            lastQuestionnaire == nil || score >= Self.quickHigh || (previous.map { score - $0 >= Self.quickRise } ?? false)
            || now.timeIntervalSince(lastQuestionnaire ?? now) >= Self.questionnaireInterval
        return AfterQuickScore(questionnaire: due, rising: rising)
    }

    /// The inwoner who cares for someone answers the quick question once, in the intake, for
    /// themselves: the questionnaire follows only when that score is high. The other reasons in
    /// `afterQuickScore` (the first check-in, a rise, three months) belong to a series of check-ins
    /// that the inwoner did not ask for.
    public func questionnaireForOwnScore(_ score: Int) -> Bool {
        score >= Self.quickHigh
    }

    /// At a new check-in: the quick check-ins so far, newest first (`answered` or not): two in a
    /// row without an answer, and the professional should know.
    public func silenceSignal(_ answered: [Bool]) -> Bool {
        answered.count >= 2 && !answered[0] && !answered[1]
    }

    /// When the next check-in goes out.
    public func nextCheckin(after now: Date, everyDays: Int, window: SendWindow) -> Date {
        window.nextOpening(atOrAfter: now.addingTimeInterval(Double(everyDays) * 86400), calendar: policy.calendar)
    }

    /// What follows the questionnaire's answers.
    public enum AfterQuestionnaire: Sendable, Equatable {
        /// Missing answers that can still reach the cut-off are asked once more; nothing is filled in.
        case askAgain(missing: [String])
        /// The result, calmly, to the mantelzorger (a text key), and maybe a signal for the professional.
        case result(textKey: String, signal: String?)
    }

    public func afterQuestionnaire(_ result: InstrumentResult, askedAgainBefore: Bool) -> AfterQuestionnaire {
        if result.status == .incomplete, !askedAgainBefore { return .askAgain(missing: result.missing) }
        let signal: String? = result.high ? "mantelzorg_overbelast" : result.status == .incomplete ? "mantelzorg_onvolledig" : nil
        return .result(textKey: result.high ? "mantelzorg.uitslag.hoog" : "mantelzorg.uitslag.laag", signal: signal)
    }
}
