-- Server mode: sign-in sessions, sign-in failures (the rate limit's counters,
-- shared by every app server), one-time links (invitations and password
-- resets), and a student's shares with counselors with their access log.
-- Every secret (session id, link token) is stored only as its SHA-256 hash.

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (scope, key, at);

CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    email TEXT NOT NULL,
    account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX account_links_email ON account_links (email);

CREATE TABLE shares (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    counselor_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('progress', 'pipeline')),
    created_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX shares_account ON shares (account_id);
CREATE INDEX shares_counselor ON shares (counselor_id, ends_at);

CREATE TABLE share_views (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    share_id TEXT REFERENCES shares (id) ON DELETE SET NULL,
    counselor_email TEXT NOT NULL,
    viewed TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX share_views_account ON share_views (account_id, at);
