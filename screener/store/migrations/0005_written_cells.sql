-- Schema 5: what each shortlist file held in the user's columns when rank wrote it. Reading a
-- file back, a cell that still holds what was written is not an edit (a stale blank in an old
-- shortlist must never clear what an edited copy saved since); a cell that differs is one.
CREATE TABLE written_cells (
    path       TEXT NOT NULL,                  -- the shortlist file, as an absolute path
    posting_id TEXT NOT NULL,
    my_status  TEXT,
    my_notes   TEXT,
    written_at TEXT NOT NULL,
    PRIMARY KEY (path, posting_id)
);
CREATE INDEX written_cells_posting ON written_cells (posting_id, written_at);
