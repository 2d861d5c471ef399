/// The outcome of an instrument for one set of answers. Missing answers are never imputed.
public struct InstrumentResult: Sendable, Equatable, Codable {
    /// What to do with the result.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Every item answered and the score is below the cut-off.
        case complete
        /// The score reached the cut-off, whether or not items are missing: alert the professional.
        case high
        /// Items are missing and, answered yes, they could still bring the score to the cut-off:
        /// the result is not known yet, the missing items must be asked again.
        case incomplete
        /// Items are missing, but even all yes on them would stay below the cut-off: the result
        /// below the cut-off is certain.
        case belowCutoff
    }

    /// The score of the answered items (for `count_yes`: the number of yes answers).
    public var score: Int
    /// Items answered yes or no.
    public var answered: Int
    /// Item ids without a yes or no answer, in item order.
    public var missing: [String]
    /// The band of the score; only when all items are answered or the score already reaches the cut-off.
    public var band: String?
    /// Every item answered.
    public var complete: Bool
    /// The score reached the cut-off.
    public var high: Bool
    public var status: Status

    public init(score: Int, answered: Int, missing: [String], band: String?, complete: Bool, high: Bool, status: Status) {
        self.score = score
        self.answered = answered
        self.missing = missing
        self.band = band
        self.complete = complete
        self.high = high
        self.status = status
    }
}

extension Instrument {
    /// Scores answers keyed by item id. `.bool(true)` is yes and `.bool(false)` no; an item that is
    /// not there, `.none` or any other value counts as missing. Keys that are not items are ignored.
    public func score(_ answers: [String: Value]) -> InstrumentResult {
        var score = 0
        var answered = 0
        var missing: [String] = []
        for item in items {
            switch (answerType, answers[item.id]) {
            case (.yesno, .bool(let yes)?):
                answered += 1
                if yes, scoring == .countYes { score += 1 }
            default:
                missing.append(item.id)
            }
        }
        let complete = missing.isEmpty
        let high = score >= cutoff
        let status: InstrumentResult.Status =
            if high { .high } else if complete { .complete } else if score + missing.count >= cutoff { .incomplete } else { .belowCutoff }
        return InstrumentResult(
            score: score, answered: answered, missing: missing,
            band: complete || high ? band(for: score)?.id : nil,
            complete: complete, high: high, status: status)
    }
}
