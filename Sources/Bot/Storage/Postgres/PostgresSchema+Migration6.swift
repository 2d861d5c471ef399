extension PostgresSchema {
    /// Urgent alerts (a crisis: listed first, never held back), and what the scheduler needs so
    /// that no follow-up question is lost: a job waiting for the person's open conversation is
    /// `held` and keeps its first due moment for the order in which the waiting ones go out; a job
    /// that watches a conversation names its `run`.
    static let v6 = """
        ALTER TABLE alert ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT false;
        UPDATE alert SET urgent = true WHERE kind = 'crisis';
        ALTER TABLE job ADD COLUMN firstDueAt TEXT;
        ALTER TABLE job ADD COLUMN held BOOLEAN NOT NULL DEFAULT false;
        ALTER TABLE job ADD COLUMN run TEXT;
        """
}
