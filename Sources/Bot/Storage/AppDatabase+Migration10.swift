extension AppDatabase {
    /// "Hier wil ik over praten": per inwoner and leefgebied, when the inwoner marked it and when
    /// the professional cleared it as discussed. One row per leefgebied: marking it again reopens it.
    static let v10 = """
        CREATE TABLE talkMark (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            leefgebied TEXT NOT NULL,
            markedAt TEXT NOT NULL,
            clearedAt TEXT,
            UNIQUE (personId, leefgebied)
        );
        """
}
