-- The inbox's and the search's order, newest first with the id breaking ties, as one index
-- (docs/benchmarks.md#search, measured at 1,000,000 mails): the page's rows come out of it in order
-- without a sort, and a week's mail (the attention group) is counted from the index alone, without
-- reading the mails. It serves whatever the former index on received_at alone served.
CREATE INDEX mail_message_newest_ix ON mail_message (received_at DESC, id DESC);
DROP INDEX mail_message_received_ix;
