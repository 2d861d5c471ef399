import Foundation

/// One answer option; `labels` holds the same option in every language ("Wonen", "Housing").
public struct ChoiceOption: Sendable, Equatable {
    public var labels: [String]
    public init(labels: [String]) { self.labels = labels }
}
