-- The two or three times a request offers (the handout: be flexible), as
-- RFC 3339 instants separated by spaces (none: NULL, as in older backups);
-- one becomes the start when chosen.
ALTER TABLE interviews ADD COLUMN proposed_times TEXT;
