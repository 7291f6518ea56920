-- Schema 5: what each shortlist file held in the user's columns each time rank wrote it. Reading a
-- file back (or a copy of it), the write it came from is the one whose cells it matches best; a
-- cell that still holds what that write put there is not an edit (a stale blank in an old
-- shortlist or copy must never clear what was saved since), a cell that differs is one.
CREATE TABLE shortlist_writes (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL,                  -- the shortlist file, as an absolute path
    written_at TEXT NOT NULL
);
CREATE INDEX shortlist_writes_path ON shortlist_writes (path, id);
CREATE TABLE written_cells (
    write_id   INTEGER NOT NULL,               -- shortlist_writes.id
    posting_id TEXT NOT NULL,
    my_status  TEXT,
    my_notes   TEXT,
    PRIMARY KEY (write_id, posting_id)
);
CREATE INDEX written_cells_posting ON written_cells (posting_id);
-- Every value rank ever wrote in the user's columns for a posting, whichever file and whenever
-- (never pruned: a posting has a handful). A cell read back holding one of them may be a stale
-- copy or a restored backup, so it never clears or overwrites what is stored. NULLs stored as ''.
CREATE TABLE written_values (
    posting_id TEXT NOT NULL,
    my_status  TEXT NOT NULL,
    my_notes   TEXT NOT NULL,
    PRIMARY KEY (posting_id, my_status, my_notes)
);
