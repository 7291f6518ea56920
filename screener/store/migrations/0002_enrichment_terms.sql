-- Schema 2: per-posting term counts cached with the enrichment (screener.enrich.terms), so rank
-- scores skills and experience similarity without re-reading descriptions.

ALTER TABLE enrichment ADD COLUMN terms_version TEXT;  -- tokenizer and cue rules they came from
ALTER TABLE enrichment ADD COLUMN term_ids BLOB;      -- sorted hashed term ids, uint32 little-endian
ALTER TABLE enrichment ADD COLUMN term_tf BLOB;       -- their counts, uint8, same order
ALTER TABLE enrichment ADD COLUMN doc_len INTEGER;    -- tokens counted
