extension AppDatabase {
    /// Hulpbronnen per wish with their kinds (what the inwoner has and what they lack), and who
    /// or what carries an action besides its owner: a voorziening of the sociale kaart (by its id
    /// in `voorzieningen.yaml`) or a specialist the professional refers to.
    static let v9 = """
        CREATE TABLE hulpbron (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            wishLocalId TEXT,
            text TEXT NOT NULL,
            kinds TEXT NOT NULL DEFAULT '',
            has INTEGER NOT NULL,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        ALTER TABLE action ADD COLUMN voorziening TEXT;
        ALTER TABLE action ADD COLUMN specialist TEXT;
        """
}
