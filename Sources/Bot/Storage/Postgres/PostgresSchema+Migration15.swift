extension PostgresSchema {
    /// One-time links by which someone the inwoner invited gives their view in a browser instead of
    /// by chat (`/omgeving/TOKEN`): valid 14 days, used once, kept only as a hash, and gone with the
    /// invitation (and so with the inwoner on erasure).
    static let v15 = """
        CREATE TABLE omgevingLink (
            tokenHash TEXT PRIMARY KEY,
            viewId BIGINT NOT NULL REFERENCES omgevingView(id) ON DELETE CASCADE,
            professionalId BIGINT REFERENCES professional(id) ON DELETE SET NULL,
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL
        );
        CREATE INDEX omgevingLink_view ON omgevingLink(viewId);
        """
}
