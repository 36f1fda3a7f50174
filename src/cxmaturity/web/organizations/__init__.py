"""Organizations, the people in them and their roles; every scoped page starts here."""
