-- rapport's data model (SQLite). Mirrors ../postgres/0001_initial.sql column for column.
-- Ids are UUIDv7 text made by the app; instants are UTC text written by the app
-- as YYYY-MM-DDTHH:MM:SS.ffffffZ, so they sort as text; flags are 0/1.

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('local', 'student', 'counselor', 'admin')),
    email TEXT UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    created_at TEXT NOT NULL
) STRICT;
-- local mode has exactly one account
CREATE UNIQUE INDEX accounts_one_local ON accounts (kind) WHERE kind = 'local';

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    website TEXT,
    products TEXT NOT NULL DEFAULT '',
    entry_level_jobs TEXT NOT NULL DEFAULT '',
    hiring_procedure TEXT NOT NULL DEFAULT '',
    org_values TEXT NOT NULL DEFAULT '',
    outlook TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX organizations_account_name ON organizations (account_id, name);

CREATE TABLE organization_research (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (organization_id, source)
) STRICT;

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    organization_id TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    title TEXT,
    notes TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    hiring_authority INTEGER NOT NULL DEFAULT 0,
    referred_by_id TEXT REFERENCES people (id) ON DELETE SET NULL,
    may_name_referrer INTEGER NOT NULL DEFAULT 0,
    business_card INTEGER NOT NULL DEFAULT 0,
    stay_in_touch INTEGER NOT NULL DEFAULT 0,
    cadence_days INTEGER,
    connected_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX people_account_name ON people (account_id, name);
CREATE INDEX people_referred_by ON people (referred_by_id);
CREATE INDEX people_organization ON people (organization_id);

-- emails, phones and links, in the user's order of preference
CREATE TABLE person_contacts (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'link')),
    value TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX person_contacts_person ON person_contacts (person_id);
CREATE INDEX person_contacts_account_value ON person_contacts (account_id, kind, value);

CREATE TABLE person_tags (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (person_id, tag)
) STRICT;
CREATE INDEX person_tags_account_tag ON person_tags (account_id, tag);

CREATE TABLE fields (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    onet_code TEXT,
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    fit_interests TEXT NOT NULL DEFAULT '',
    fit_abilities TEXT NOT NULL DEFAULT '',
    fit_values TEXT NOT NULL DEFAULT '',
    fit_skills TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX fields_account_title ON fields (account_id, title);

CREATE TABLE field_research (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    field_id TEXT NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (field_id, source)
) STRICT;

-- the self profile: one row per account
CREATE TABLE profiles (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    interests TEXT NOT NULL DEFAULT '',
    abilities TEXT NOT NULL DEFAULT '',
    self_values TEXT NOT NULL DEFAULT '',
    skills TEXT NOT NULL DEFAULT '',
    goals TEXT NOT NULL DEFAULT '',
    answer_why_this_work TEXT NOT NULL DEFAULT '',
    answer_why_good_at_it TEXT NOT NULL DEFAULT '',
    answer_this_employer TEXT NOT NULL DEFAULT '',
    answer_work_history TEXT NOT NULL DEFAULT '',
    answer_want_from_contact TEXT NOT NULL DEFAULT '',
    signature_name TEXT NOT NULL DEFAULT '',
    signature_address TEXT NOT NULL DEFAULT '',
    signature_phone TEXT NOT NULL DEFAULT '',
    signature_email TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE resumes (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    location TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE SET NULL,
    mode TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    directions TEXT NOT NULL DEFAULT '',
    starts_at TEXT,
    time_zone TEXT NOT NULL,
    length_minutes INTEGER NOT NULL CHECK (length_minutes BETWEEN 5 AND 120),
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX interviews_account_starts ON interviews (account_id, starts_at);
CREATE INDEX interviews_person ON interviews (person_id);
CREATE INDEX interviews_organization ON interviews (organization_id);

CREATE TABLE interview_fields (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    field_id TEXT NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    PRIMARY KEY (interview_id, field_id)
) STRICT;
CREATE INDEX interview_fields_field ON interview_fields (field_id);

-- the user's own questions; the handout's bank is built into the program
CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    topic TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- an interview's question plan: built-in (builtin_key) or own (question_id)
CREATE TABLE plan_items (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_id TEXT REFERENCES questions (id) ON DELETE SET NULL,
    builtin_key TEXT,
    text TEXT NOT NULL,
    position INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    asked INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX plan_items_interview ON plan_items (interview_id, position);

-- what was said in answer to one planned question
CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    plan_item_id TEXT NOT NULL UNIQUE REFERENCES plan_items (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- notes per interview: general notes, qualifications they seek, names heard
CREATE TABLE interview_notes (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX interview_notes_interview ON interview_notes (interview_id);

-- the four questions of the handout, and ratings kept apart
CREATE TABLE reflections (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL UNIQUE REFERENCES interviews (id) ON DELETE CASCADE,
    learned_positive TEXT NOT NULL DEFAULT '',
    learned_negative TEXT NOT NULL DEFAULT '',
    fit_with_self TEXT NOT NULL DEFAULT '',
    still_to_learn TEXT NOT NULL DEFAULT '',
    plan_of_action TEXT NOT NULL DEFAULT '',
    field_fit_rating INTEGER CHECK (field_fit_rating BETWEEN 1 AND 5),
    likability_rating INTEGER CHECK (likability_rating BETWEEN 1 AND 5),
    setting_rating INTEGER CHECK (setting_rating BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE correspondence (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    interview_id TEXT REFERENCES interviews (id) ON DELETE SET NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    kind TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    occurred_at TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX correspondence_person ON correspondence (person_id, occurred_at);

CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    rule TEXT NOT NULL,
    rule_key TEXT,
    reason TEXT NOT NULL,
    due_at TEXT,
    done_at TEXT,
    snoozed_until TEXT,
    person_id TEXT REFERENCES people (id) ON DELETE CASCADE,
    interview_id TEXT REFERENCES interviews (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (account_id, rule_key)
) STRICT;
CREATE INDEX tasks_account_open_due ON tasks (account_id, done_at, due_at);

CREATE TABLE casual_conversations (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    occurred_on TEXT NOT NULL,
    who TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    learned TEXT NOT NULL DEFAULT '',
    person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX casual_conversations_account ON casual_conversations (account_id, occurred_on);
