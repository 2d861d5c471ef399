extension PostgresSchema {
    /// How an inwoner reaches their professional: a name and a phone number, shown on the plan for
    /// the fridge beside the e-mail address. Both optional; NULL shows only the e-mail address.
    static let v16 = """
        ALTER TABLE professional ADD COLUMN name TEXT;
        ALTER TABLE professional ADD COLUMN phone TEXT;
        """
}
