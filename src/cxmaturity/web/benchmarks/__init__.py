"""Live peer benchmarks: the stored entries, the group counts that keep pages fast, the pages."""
