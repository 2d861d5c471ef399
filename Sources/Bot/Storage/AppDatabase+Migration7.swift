extension AppDatabase {
    /// Erasures whose rows are deleted but may still have an old copy in the store's files (a reader
    /// held an older version when the inwoner was erased): finished later, and only then reported
    /// done.
    static let v7 = """
        CREATE TABLE erasurePending (
            personId INTEGER PRIMARY KEY,
            erasedAt TEXT NOT NULL
        );
        """
}
