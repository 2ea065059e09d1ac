-- The API pages an account's fields, contacts and conversations by id, as
-- it does interviews and organizations (0015), and interviews of one status
-- the same way: a page reads its rows from an index, however many the
-- account holds.
CREATE INDEX fields_account_id ON fields (account_id, id);
CREATE INDEX correspondence_account_id ON correspondence (account_id, id);
CREATE INDEX casual_conversations_account_id ON casual_conversations (account_id, id);
CREATE INDEX interviews_account_status_id ON interviews (account_id, status, id);
-- Insights read an account's interview fields and reflections: by account,
-- not by a scan of every account's rows.
CREATE INDEX interview_fields_account ON interview_fields (account_id, field_id);
CREATE INDEX reflections_account ON reflections (account_id);
