extension AppDatabase {
    /// The omgeving's own view: someone the inwoner invited (a network member) gives their scores
    /// for the inwoner's leefgebieden, what the inwoner is good at, and what they could do. `share`
    /// is the inwoner's choice whether the professional sees the content. Both the inwoner and the
    /// member's person take their rows with them when erased.
    static let v11 = """
        CREATE TABLE omgevingView (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            networkMemberId INTEGER NOT NULL REFERENCES networkMember(id) ON DELETE CASCADE,
            memberPersonId INTEGER REFERENCES person(id) ON DELETE CASCADE,
            leefgebieden TEXT NOT NULL,
            share INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'asked', 'declined', 'answered')),
            scores TEXT,
            strengths TEXT,
            offer TEXT,
            createdAt TEXT NOT NULL,
            askedAt TEXT,
            answeredAt TEXT,
            toldAt TEXT,
            UNIQUE (personId, localId)
        );
        CREATE INDEX omgevingView_member ON omgevingView(memberPersonId, status);
        """
}
