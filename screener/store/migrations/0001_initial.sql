-- Schema 1: postings, where they were seen, runs, derived enrichment, the user's feedback.

CREATE TABLE postings (
    id                TEXT PRIMARY KEY,          -- stable: derived from the first sighting
    source            TEXT NOT NULL,             -- first source it was seen in
    source_id         TEXT,
    url               TEXT,
    title             TEXT NOT NULL,
    company           TEXT,
    department        TEXT,
    location          TEXT,
    city              TEXT,
    region            TEXT,
    country           TEXT,
    remote            TEXT NOT NULL DEFAULT 'unknown',
    employment_type   TEXT,
    salary_min        REAL,
    salary_max        REAL,
    salary_currency   TEXT,
    salary_period     TEXT,
    salary_annual_min REAL,
    salary_annual_max REAL,
    salary_raw        TEXT,
    date_posted       TEXT,
    date_posted_raw   TEXT,
    valid_through     TEXT,
    description       TEXT NOT NULL DEFAULT '',
    years_min         REAL,
    years_max         REAL,
    hints             TEXT NOT NULL DEFAULT '{}',   -- JSON object of structured level hints
    content_hash      TEXT NOT NULL,
    dedupe_key        TEXT NOT NULL,              -- company | title | place, normalised
    first_seen        TEXT NOT NULL,
    last_seen         TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    closed_at         TEXT
);
CREATE INDEX postings_dedupe ON postings (dedupe_key);
CREATE INDEX postings_open_first_seen ON postings (closed_at, first_seen);

-- Every (source, board, source key) a posting was seen under: duplicates across sources and
-- reposts under new ids point at one posting.
CREATE TABLE sightings (
    source      TEXT NOT NULL,
    board       TEXT NOT NULL DEFAULT '',
    source_key  TEXT NOT NULL,                    -- the board's id, else the URL, else a content hash
    posting_id  TEXT NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    last_run    INTEGER,
    closed_at   TEXT,
    PRIMARY KEY (source, board, source_key)
) WITHOUT ROWID;
CREATE INDEX sightings_posting ON sightings (posting_id);
CREATE INDEX sightings_board_run ON sightings (source, board, last_run);

-- The payload as received, latest only, zlib-compressed JSON: a better parser can re-read it.
CREATE TABLE raw_payloads (
    posting_id  TEXT PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    fetched_at  TEXT NOT NULL,
    payload     BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,                  -- crawl / import
    source       TEXT,
    board        TEXT,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL DEFAULT 'running', -- running / ok / failed
    summary      TEXT NOT NULL DEFAULT '{}'       -- JSON: fetched, new, updated, closed, dropped{reason: n}
);
CREATE INDEX runs_source_board ON runs (source, board, id);

-- What the level model and the cue parsers derived from a posting, per model version.
CREATE TABLE enrichment (
    posting_id        TEXT PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    model_version     TEXT NOT NULL,
    content_hash      TEXT NOT NULL,
    level_rank        INTEGER NOT NULL,
    level_confidence  REAL NOT NULL,
    p_entry REAL NOT NULL, p_professional REAL NOT NULL, p_senior REAL NOT NULL,
    p_lead REAL NOT NULL, p_manager REAL NOT NULL, p_senior_manager REAL NOT NULL,
    p_director REAL NOT NULL, p_vp REAL NOT NULL, p_executive REAL NOT NULL,
    people_manager    REAL NOT NULL,
    function          TEXT,
    industry          TEXT,
    team_size         INTEGER,
    budget            REAL,
    enriched_at       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX enrichment_version ON enrichment (model_version);

-- The user's own columns from the shortlist, kept across runs.
CREATE TABLE feedback (
    posting_id  TEXT PRIMARY KEY,
    my_status   TEXT,
    my_notes    TEXT,
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;
