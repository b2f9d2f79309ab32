-- Why a finding's group is flagged, when every finding of the group shares it (a termbase entry's
-- note): the review page shows it once above the group instead of in every finding's message.
ALTER TABLE findings ADD COLUMN note TEXT;
