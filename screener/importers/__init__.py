"""Getting postings in from files: JSON Lines in the record shape, and JobSpy CSV / JSON exports."""
