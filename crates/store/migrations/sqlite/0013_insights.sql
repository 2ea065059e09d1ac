-- Insights and the network (M12, M13): read from aggregates over the whole
-- account, so they are kept with the data version they were computed at
-- and computed again only after a change. The tables they read that did not
-- yet move the version now do.
CREATE TRIGGER reflections_insert_version AFTER INSERT ON reflections BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER reflections_update_version AFTER UPDATE ON reflections BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER reflections_delete_version AFTER DELETE ON reflections BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = OLD.account_id;
END;
CREATE TRIGGER interview_fields_insert_version AFTER INSERT ON interview_fields BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER interview_fields_update_version AFTER UPDATE ON interview_fields BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER interview_fields_delete_version AFTER DELETE ON interview_fields BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = OLD.account_id;
END;
CREATE TRIGGER fields_insert_version AFTER INSERT ON fields BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER fields_update_version AFTER UPDATE ON fields BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = NEW.account_id;
END;
CREATE TRIGGER fields_delete_version AFTER DELETE ON fields BEGIN
    UPDATE accounts SET data_version = data_version + 1 WHERE id = OLD.account_id;
END;

CREATE TABLE insights_kept (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    data_version INTEGER NOT NULL,
    day TEXT NOT NULL,
    figures TEXT NOT NULL,
    network TEXT NOT NULL
) STRICT;
