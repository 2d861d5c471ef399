extension PostgresSchema {
    /// An action the inwoner gave to the professional is a proposal until the professional accepts
    /// it or proposes another owner or date: `proposedAt` is set until then.
    static let v8 = """
        ALTER TABLE action ADD COLUMN proposedAt TEXT;
        """
}
