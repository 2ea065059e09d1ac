-- Imports (M15): every import is one batch that can be undone.
CREATE TABLE imports (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    format TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    imported INTEGER NOT NULL,
    merged INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    undone_at TEXT
) STRICT;
CREATE INDEX imports_account ON imports (account_id, created_at);

ALTER TABLE people ADD COLUMN import_batch_id TEXT REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE organizations ADD COLUMN import_batch_id TEXT REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE person_contacts ADD COLUMN import_batch_id TEXT REFERENCES imports (id) ON DELETE SET NULL;
CREATE INDEX people_import_batch ON people (import_batch_id);
CREATE INDEX organizations_import_batch ON organizations (import_batch_id);
CREATE INDEX person_contacts_import_batch ON person_contacts (import_batch_id);
