-- Every passage carries a version, raised whenever its corrected text changes. A save names
-- the version it was made from; a save made from an older one is refused (409) instead of
-- overwriting what someone else saved meanwhile.
ALTER TABLE passages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- The text exports use: the corrections an editor made or approved. A translator's change is a
-- proposal: it changes corrected_text (what the checks and the reviewers see) but not this,
-- until an editor approves it. Corrections made before this migration count as approved.
ALTER TABLE passages ADD COLUMN approved_text TEXT;
UPDATE passages SET approved_text = corrected_text;
-- Set when a re-import changed the AI text under a correction: someone must look at it again.
ALTER TABLE passages ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
