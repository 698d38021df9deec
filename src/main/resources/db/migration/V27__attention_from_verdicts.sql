-- The staff page's attention group (review/control/Attention): the last week's mail that triage rated urgent or
-- put into a category whose priority is urgent (also after a correction). Read from the verdicts: the week's
-- urgent ones by these two indexes (one per arm of the condition, with the verdict's time for the week), so
-- the group's count and rows no longer look up the verdict of every mail of the week.
CREATE INDEX classification_urgent_time_ix ON classification (created_at) WHERE priority = 'urgent';
CREATE INDEX classification_category_time_ix ON classification ((coalesce(corrected_category, category)), created_at);
-- the one before on the effective category alone: the new one's first column serves its lookups
DROP INDEX classification_effective_category_ix;
-- statistics for the new index's expression at once (found by the search benchmark: until the next autovacuum
-- analyse, the planner guesses the effective category's share and a filtered inbox sorted 24,000 verdicts, 0.8 s)
ANALYZE classification;
