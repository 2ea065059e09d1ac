-- How the conversation felt, kept apart from what was learned (the handout:
-- note your reactions objectively, but don't ignore personal feelings).
ALTER TABLE reflections ADD COLUMN feelings TEXT;
