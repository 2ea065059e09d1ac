-- Insights and the network (M12, M13): read from aggregates over the whole
-- account, so they are kept with the data version they were computed at
-- and computed again only after a change. The tables they read that did not
-- yet move the version now do.
CREATE TRIGGER reflections_version AFTER INSERT OR UPDATE OR DELETE ON reflections FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER interview_fields_version AFTER INSERT OR UPDATE OR DELETE ON interview_fields FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER fields_version AFTER INSERT OR UPDATE OR DELETE ON fields FOR EACH ROW EXECUTE FUNCTION bump_data_version();

CREATE TABLE insights_kept (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    data_version BIGINT NOT NULL,
    day TEXT NOT NULL,
    figures TEXT NOT NULL,
    network TEXT NOT NULL
);
