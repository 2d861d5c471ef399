extension PostgresSchema {
    /// How an inbound message was given, beside its channel: `via` is NULL for the person on their
    /// own, `samen` for an answer the professional entered with the inwoner beside them
    /// (`professionalId`: who). The professional's id goes when their account does; `via` stays.
    static let v14 = """
        ALTER TABLE message ADD COLUMN via TEXT;
        ALTER TABLE message ADD COLUMN professionalId BIGINT REFERENCES professional(id) ON DELETE SET NULL;
        """
}
