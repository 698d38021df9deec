-- V25 rewrote mail_message. A rewritten table has an empty visibility map and no statistics for its
-- new columns, and autovacuum does not come by for a rewrite (no dead rows, no inserts counted): the
-- inbox's index-only counts read the heap and the planner guesses, until enough mail has changed.
-- Measured at a million mails (docs/benchmarks.md#search): the inbox's first page 82 ms at p50 right
-- after V25, 52 ms before it. So the table is vacuumed and analysed once, here; VACUUM cannot run in
-- a transaction, hence V26__vacuum_after_rewrite.sql.conf.
VACUUM (ANALYZE) mail_message;
