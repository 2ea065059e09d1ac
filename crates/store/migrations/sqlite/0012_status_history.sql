-- Every move of an interview along the pipeline, written in the move's own
-- transaction, so that insights are built from what happened rather than
-- from where each interview stands now. from_status is empty for the first
-- entry (the interview planned as an idea).
CREATE TABLE status_changes (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX status_changes_account_changed ON status_changes (account_id, changed_at);
CREATE INDEX status_changes_interview ON status_changes (interview_id, changed_at);

-- Interviews planned before the history was kept: only where each stands
-- now, and since when, is known.
INSERT INTO status_changes (id, account_id, interview_id, from_status, to_status, changed_at)
SELECT id || '.0', account_id, id, NULL, status, coalesce(status_changed_at, updated_at) FROM interviews;
