extension PostgresSchema {
    /// The inwoner's own login (Mijn Wegwijzer). No password: a 6-digit code sent over their own
    /// channel, or a one-time link a professional sends. Only SHA-256 hashes of codes and tokens are
    /// kept, so a copy of the database lets nobody in. All of it goes with the person on erasure.
    static let v13 = """
        -- At most one code per person: asking again replaces it. `tries` counts wrong guesses.
        CREATE TABLE inwonerLoginCode (
            personId BIGINT PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
            codeHash TEXT NOT NULL,
            tries BIGINT NOT NULL DEFAULT 0,
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL
        );
        CREATE TABLE inwonerLoginLink (
            tokenHash TEXT PRIMARY KEY,
            personId BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            professionalId BIGINT REFERENCES professional(id) ON DELETE SET NULL,
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL
        );
        CREATE INDEX inwonerLoginLink_person ON inwonerLoginLink(personId);
        -- Ends after `idle` seconds without a request (`lastSeen`), or at logout.
        CREATE TABLE inwonerSession (
            tokenHash TEXT PRIMARY KEY,
            personId BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            csrfToken TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            lastSeen TEXT NOT NULL
        );
        CREATE INDEX inwonerSession_person ON inwonerSession(personId);
        CREATE INDEX inwonerSession_lastSeen ON inwonerSession(lastSeen);
        """
}
