-- The API pages an account's interviews in the order they were planned.
CREATE INDEX interviews_account_id ON interviews (account_id, id);
