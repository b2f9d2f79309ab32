-- Every change of an article's passages, dismissals or comments raises its revision. Checks and
-- rendering of a change run off the event loop; the change is stored only if the revision it
-- was prepared from is still the stored one, so a change made meanwhile (by another process,
-- the command line's import) is never overwritten with findings of an older text.
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
