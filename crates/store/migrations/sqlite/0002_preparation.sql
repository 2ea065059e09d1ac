-- The preparation checklist items the user ticks (M9); the others are read
-- from the records (research notes, the question plan, the status).
ALTER TABLE interviews ADD COLUMN prep_answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interviews ADD COLUMN prep_resume INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interviews ADD COLUMN prep_clothes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interviews ADD COLUMN prep_directions INTEGER NOT NULL DEFAULT 0;
-- what the contact said they look for in people (M11)
ALTER TABLE interviews ADD COLUMN qualifications_sought TEXT NOT NULL DEFAULT '';
-- the person a referral was received in, for "referrals from this interview"
ALTER TABLE people ADD COLUMN referred_in_interview_id TEXT REFERENCES interviews (id) ON DELETE SET NULL;
CREATE INDEX plan_items_account ON plan_items (account_id);
