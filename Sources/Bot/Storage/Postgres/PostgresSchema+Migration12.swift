extension PostgresSchema {
    /// A network member's kinds of support (`support`: comma-separated keys of the flow's list
    /// `steun`, such as `praktisch,advies`) and how close they are (`closeness`: `dichtbij` or
    /// `verder`). NULL where the inwoner was not asked, as for someone named first in a plan step.
    static let v12 = """
        ALTER TABLE networkMember ADD COLUMN support TEXT;
        ALTER TABLE networkMember ADD COLUMN closeness TEXT CHECK (closeness IN ('dichtbij', 'verder'));
        """
}
