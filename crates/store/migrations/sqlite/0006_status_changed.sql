-- When an interview last moved along the pipeline: the rules count from it,
-- not from the last edit of its notes.
ALTER TABLE interviews ADD COLUMN status_changed_at TEXT;
UPDATE interviews SET status_changed_at = updated_at;
