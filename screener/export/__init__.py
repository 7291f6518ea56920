"""Writing the shortlist (CSV, XLSX, JSON, terminal table) and reading the user's edits back."""
