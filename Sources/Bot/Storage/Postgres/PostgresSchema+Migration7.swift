extension PostgresSchema {
    /// Erasures whose rows are deleted but may still have an old copy in the store's files (a reader
    /// held an older version when the inwoner was erased): finished later, and only then reported
    /// done. The audit log by person, for the bewaartermijn's last change in the web view.
    static let v7 = """
        CREATE TABLE erasurePending (
            personId BIGINT PRIMARY KEY,
            erasedAt TEXT NOT NULL
        );
        CREATE INDEX audit_person ON audit(personId, at);
        """
}
