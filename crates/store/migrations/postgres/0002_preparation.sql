-- The preparation checklist items the user ticks (M9); the others are read
-- from the records (research notes, the question plan, the status).
ALTER TABLE interviews ADD COLUMN prep_answers BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE interviews ADD COLUMN prep_resume BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE interviews ADD COLUMN prep_clothes BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE interviews ADD COLUMN prep_directions BOOLEAN NOT NULL DEFAULT FALSE;
-- what the contact said they look for in people (M11)
ALTER TABLE interviews ADD COLUMN qualifications_sought TEXT NOT NULL DEFAULT '';
-- the person a referral was received in, for "referrals from this interview"
ALTER TABLE people ADD COLUMN referred_in_interview_id TEXT REFERENCES interviews (id) ON DELETE SET NULL;
CREATE INDEX plan_items_account ON plan_items (account_id);
