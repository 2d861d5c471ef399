import Foundation

/// One check-in as professionals and the command line read it: a quick 0–10 question or a
/// questionnaire, asked of a mantelzorger about an inwoner.
struct CarerCheckin: Sendable, Equatable {
    var carerID: Int64
    /// Nil when the mantelzorger has not told their name.
    var carerName: String?
    /// `quick`, or the questionnaire's name.
    var kind: String
    /// asked, answered or unanswered.
    var status: String
    var score: Int?
    var band: String?
    var askedAt: Date
}
