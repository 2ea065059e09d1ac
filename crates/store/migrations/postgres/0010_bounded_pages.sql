-- Pages whose work is bounded by what they show (issue: fast at any size).

-- The record a rule task's state belongs to (the id after the rule's name
-- in its key), so the rules can ask "has this interview a state?" by index.
ALTER TABLE rule_task_states ADD COLUMN subject_id TEXT
    GENERATED ALWAYS AS (substr(rule_key, strpos(rule_key, ':') + 1, 36)) STORED;
CREATE INDEX rule_task_states_subject ON rule_task_states (account_id, subject_id);

-- Today's rules read interviews by status in the order their tasks fall due;
-- the board counts and lists them by status.
UPDATE interviews SET status_changed_at = updated_at WHERE status_changed_at IS NULL;
CREATE INDEX interviews_account_status_changed ON interviews (account_id, status, status_changed_at, id);
CREATE INDEX interviews_account_status_starts ON interviews (account_id, status, starts_at, id);

-- The people list pages by name without sorting the whole account.
CREATE INDEX people_account_lower_name ON people (account_id, lower(name), id);

-- Letters and replies of one person, in time order.
CREATE INDEX correspondence_account_person ON correspondence (account_id, person_id, occurred_at);

-- What the calendar feed shows changed: a counter per account, moved by every
-- write to the tables the feed reads, so a polling calendar app is answered
-- `304 Not Modified` from one indexed read.
ALTER TABLE accounts ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0;
-- Once per account and transaction: a transaction that writes thousands of
-- rows (an import, a restore) would otherwise update the same accounts row
-- thousands of times, each update slower than the last. A setting local to
-- the transaction remembers that the counter already moved.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    account TEXT;
    moved TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        account := OLD.account_id;
    ELSE
        account := NEW.account_id;
    END IF;
    moved := 'rapport.version_moved_' || md5(account);
    IF current_setting(moved, true) IS DISTINCT FROM 'yes' THEN
        UPDATE accounts SET data_version = data_version + 1 WHERE id = account;
        PERFORM set_config(moved, 'yes', true);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER interviews_version AFTER INSERT OR UPDATE OR DELETE ON interviews FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER tasks_version AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER correspondence_version AFTER INSERT OR UPDATE OR DELETE ON correspondence FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER rule_task_states_version AFTER INSERT OR UPDATE OR DELETE ON rule_task_states FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER people_version AFTER INSERT OR UPDATE OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER organizations_version AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER profiles_version AFTER INSERT OR UPDATE OR DELETE ON profiles FOR EACH ROW EXECUTE FUNCTION bump_data_version();

-- A person's interviews, referrals, contacts and tags, read by index within
-- the account.
CREATE INDEX interviews_account_person ON interviews (account_id, person_id, status);
CREATE INDEX people_account_referred_by ON people (account_id, referred_by_id) WHERE referred_by_id IS NOT NULL;
CREATE INDEX people_account_referred_in ON people (account_id, referred_in_interview_id) WHERE referred_in_interview_id IS NOT NULL;
CREATE INDEX person_contacts_account_person ON person_contacts (account_id, person_id, kind, position);
CREATE INDEX person_tags_account_person ON person_tags (account_id, person_id, position);

-- Today's progress counts, kept with the data version they were counted at:
-- counted again only after something changed.
CREATE TABLE progress_counts (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    data_version BIGINT NOT NULL,
    people BIGINT NOT NULL,
    contacted BIGINT NOT NULL,
    interviewed BIGINT NOT NULL,
    thanked BIGINT NOT NULL,
    referrals BIGINT NOT NULL
);

-- Open tasks in the order Today shows them: dated by due time, undated by age.
CREATE INDEX tasks_account_open_order ON tasks (account_id, done_at, due_at, created_at, id);
