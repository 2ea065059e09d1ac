-- The student's own time zone, for every page; NULL means the zone of the
-- machine (or server) rapport runs on.
ALTER TABLE profiles ADD COLUMN time_zone TEXT;
