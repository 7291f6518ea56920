-- Schema 4: postings' ids with their content hashes in an index of their own, so the check for
-- postings whose enrichment is missing or stale (every rank, crawl and import) reads this small
-- index instead of every posting row with its description (1M postings: 2.0 s -> 0.9 s).
CREATE INDEX postings_id_content ON postings (id, content_hash);
