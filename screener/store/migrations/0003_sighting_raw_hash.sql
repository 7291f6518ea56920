-- Schema 3: each sighting remembers a hash of the payload it was last stored from, so a nightly
-- crawl can recognise a posting that did not change without normalising it again.
ALTER TABLE sightings ADD COLUMN raw_hash TEXT;
