-- Outreach and reminders (M5, M7, M8).

-- Your own templates, and your edited copies of the built-in ones (same key).
CREATE TABLE letter_templates (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    channel TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (account_id, key)
) STRICT;

-- Rule tasks are derived from the records; only what you did with one is kept.
CREATE TABLE rule_task_states (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rule_key TEXT NOT NULL,
    done_at TEXT,
    snoozed_until TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, rule_key)
) STRICT;

-- The private calendar subscription: only a hash of the secret is stored.
CREATE TABLE calendar_tokens (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX correspondence_account_occurred ON correspondence (account_id, occurred_at);
