-- The API pages an account's interviews and organizations in the order
-- they were added.
CREATE INDEX interviews_account_id ON interviews (account_id, id);
CREATE INDEX organizations_account_id ON organizations (account_id, id);
